// `dojang backup --verify <file>`: reads the whole archive and holds every entry against the
// manifest (missing, extra, altered), then has SQLite check its copy of the database page by page.
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BackupError } from './backup-error.ts';
import { type Manifest, MANIFEST_PATH, parseManifest, SQLITE_ENTRY, isEntryPath } from './backup-manifest.ts';
import { readArchive, type ArchiveContents, type SeenEntry } from './read-archive.ts';
import { checkSqliteIntegrity } from './snapshot-sqlite.ts';

export interface EntryProblems {
  /** In the manifest, not in the archive. */
  missing: string[];
  /** In the archive, not in the manifest (or twice, or not a plain file). */
  extra: string[];
  /** In both, with other bytes than the manifest says. */
  corrupt: { path: string; reason: string }[];
}

export interface VerifyReport extends EntryProblems {
  archive: string;
  manifest: Manifest;
  encrypted: boolean;
  /** SQLite's integrity_check of the database copy ('ok' alone when whole); null when the archive has none. */
  sqlite: string[] | null;
  ok: boolean;
}

export async function verifyBackup(archive: string, passphrase: string | null): Promise<VerifyReport> {
  const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'dojang-verify-'));
  const copy = path.join(scratch, SQLITE_ENTRY);
  let copied = false;
  try {
    const contents = await readArchive(archive, {
      passphrase,
      // The database copy goes to a scratch file for SQLite to check; everything else is only hashed.
      sinkFor: async (entry) => {
        if (entry !== SQLITE_ENTRY || copied) return null;
        copied = true;
        return createWriteStream(copy, { flags: 'wx', mode: 0o600 });
      },
    });
    const manifest = manifestOf(contents, archive);
    const problems = compareWithManifest(manifest, contents.entries);
    const databaseWhole =
      manifest.database.entry === SQLITE_ENTRY && !problems.missing.includes(SQLITE_ENTRY) && !problems.corrupt.some((c) => c.path === SQLITE_ENTRY);
    const sqlite = databaseWhole ? integrityOf(copy) : null;
    const ok =
      problems.missing.length === 0 &&
      problems.extra.length === 0 &&
      problems.corrupt.length === 0 &&
      (sqlite === null || (sqlite.length === 1 && sqlite[0] === 'ok'));
    return { archive, manifest, encrypted: contents.encrypted, ...problems, sqlite, ok };
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
}

/** The archive's manifest; when there is none, whether the archive was cut short or is not ours. */
export function manifestOf(contents: ArchiveContents, archive: string): Manifest {
  if (contents.manifest !== null) return parseManifest(contents.manifest, archive);
  if (contents.entries.some((entry) => isEntryPath(entry.path))) {
    throw new BackupError('corrupt', `${archive} has no ${MANIFEST_PATH}, which dojang backup writes last: the archive was cut short`);
  }
  throw new BackupError('not-dojang', `${archive} is not a Dojang backup: a tar archive without ${MANIFEST_PATH}`);
}

export function compareWithManifest(manifest: Manifest, entries: SeenEntry[]): EntryProblems {
  const seen = new Map<string, SeenEntry>();
  const extra: string[] = [];
  for (const entry of entries) {
    if (seen.has(entry.path)) extra.push(`${entry.path} (a second time)`);
    else if (entry.type !== 'File' && entry.type !== 'OldFile') extra.push(`${entry.path} (a ${entry.type}, not a file)`);
    else seen.set(entry.path, entry);
  }
  const listed = new Set(manifest.entries.map((e) => e.path));
  extra.push(...[...seen.keys()].filter((name) => !listed.has(name)));
  const missing: string[] = [];
  const corrupt: EntryProblems['corrupt'] = [];
  for (const expected of manifest.entries) {
    const actual = seen.get(expected.path);
    if (!actual) missing.push(expected.path);
    else if (actual.size !== expected.size) corrupt.push({ path: expected.path, reason: `${actual.size} bytes, the manifest says ${expected.size}` });
    else if (actual.sha256 !== expected.sha256) corrupt.push({ path: expected.path, reason: "its SHA-256 differs from the manifest's" });
  }
  if (manifest.database.entry !== null && !listed.has(manifest.database.entry)) missing.push(manifest.database.entry);
  return { missing, extra, corrupt };
}

function integrityOf(file: string): string[] {
  try {
    return checkSqliteIntegrity(file);
  } catch (error) {
    return [`SQLite cannot open the copy: ${(error as Error).message}`];
  }
}

/** The problems as lines for the operator, one per entry. */
export function describeProblems(problems: EntryProblems): string[] {
  return [
    ...problems.missing.map((name) => `missing: ${name}`),
    ...problems.extra.map((name) => `extra: ${name}`),
    ...problems.corrupt.map(({ path: name, reason }) => `corrupt: ${name}: ${reason}`),
  ];
}

/** The report as the operator reads it: OK and what was checked, or every problem. */
export function verifyReportLines(report: VerifyReport): string[] {
  const { manifest } = report;
  const about = `backup of ${manifest.created_at}, Dojang ${manifest.dojang_version}, ${manifest.database.kind}${report.encrypted ? ', encrypted' : ''}`;
  if (report.ok) {
    const count = manifest.entries.length;
    const integrity = report.sqlite === null ? '' : '; SQLite integrity_check: ok';
    return [`${report.archive}: OK, ${count} ${count === 1 ? 'entry matches' : 'entries match'} the manifest (${about})${integrity}`];
  }
  const database = report.sqlite === null || report.sqlite[0] === 'ok' ? [] : report.sqlite.slice(0, 20).map((line) => `database: ${line}`);
  return [`${report.archive}: FAILED (${about})`, ...[...describeProblems(report), ...database].map((line) => `  ${line}`)];
}
