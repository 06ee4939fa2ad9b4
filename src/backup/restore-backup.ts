// `dojang restore <file> --data-dir <dir>`: lays an archive out as a DATA_DIR Dojang can start
// on (dojang.db, files/, keys/). The archive is read twice: first only to check every entry
// against the manifest, so a damaged or altered archive writes nothing; then to write the
// entries into a scratch directory inside the target, checked again, and moved into place only
// when whole, with the leases of jobs under way at the backup ended (release-job-leases.ts).
// A PostgreSQL dump is laid out beside them, never loaded: replacing a database is the
// operator's decision (restoreInstructions says how).
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { BackupError, isMissing } from './backup-error.ts';
import { type Manifest, PGDUMP_ENTRY, SQLITE_ENTRY } from './backup-manifest.ts';
import { readArchive } from './read-archive.ts';
import { releaseJobLeases } from './release-job-leases.ts';
import { checkSqliteIntegrity } from './snapshot-sqlite.ts';
import { compareWithManifest, describeProblems, manifestOf } from './verify-backup.ts';

export interface RestoreOptions {
  archive: string;
  dataDir: string;
  /** Restore into a directory that already holds something; what the archive replaces is moved aside. */
  force: boolean;
  passphrase: string | null;
  now?: () => Date;
}

export interface RestoreResult {
  dataDir: string;
  manifest: Manifest;
  /** Where the replaced dojang.db, files/ and keys/ were moved (--force), or null. */
  movedAside: string | null;
  /** Jobs that were running when the backup was taken, whose leases were ended (release-job-leases.ts). */
  releasedJobs: number;
}

/** What the archive writes at the top of DATA_DIR, and what a restore moves aside: SQLite's side files would be replayed into a restored database. */
const REPLACED = [SQLITE_ENTRY, `${SQLITE_ENTRY}-wal`, `${SQLITE_ENTRY}-shm`, `${SQLITE_ENTRY}-journal`, PGDUMP_ENTRY, 'files', 'keys'];

export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const dataDir = path.resolve(options.dataDir);
  const existing = await directoryContents(dataDir);
  if (existing !== null && existing.length > 0 && !options.force) {
    throw new BackupError(
      'not-empty',
      `${dataDir} is not empty: restore into a new or empty directory, or add --force to move its dojang.db, files/ and keys/ aside first`,
    );
  }

  const manifest = await checkArchive(options.archive, options.passphrase);

  if (existing === null) await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  const scratch = await fs.mkdtemp(path.join(dataDir, '.restore-'));
  try {
    const now = (options.now ?? (() => new Date()))();
    await writeEntries(options.archive, options.passphrase, manifest, scratch);
    const releasedJobs = manifest.database.entry === SQLITE_ENTRY ? releaseJobLeases(path.join(scratch, SQLITE_ENTRY), now) : 0;
    const movedAside = existing !== null && existing.length > 0 ? await moveAside(dataDir, now) : null;
    for (const name of await fs.readdir(scratch)) await fs.rename(path.join(scratch, name), path.join(dataDir, name));
    return { dataDir, manifest, movedAside, releasedJobs };
  } catch (error) {
    // Nothing of a failed restore stays behind, nor the directory it made.
    if (existing === null) await fs.rm(dataDir, { recursive: true, force: true });
    throw error;
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
}

/** The names in `dir`, or null when it does not exist. */
async function directoryContents(dir: string): Promise<string[] | null> {
  try {
    return await fs.readdir(dir);
  } catch (error) {
    if (isMissing(error)) return null;
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') throw new BackupError('invalid', `${dir} is a file, not a directory`);
    throw error;
  }
}

/** The first pass: every entry hashed and held against the manifest; nothing is written. */
async function checkArchive(archive: string, passphrase: string | null): Promise<Manifest> {
  const contents = await readArchive(archive, { passphrase });
  const manifest = manifestOf(contents, archive);
  assertWhole(archive, compareWithManifest(manifest, contents.entries));
  return manifest;
}

function assertWhole(archive: string, problems: ReturnType<typeof compareWithManifest>): void {
  const lines = describeProblems(problems);
  if (lines.length > 0) throw new BackupError('mismatch', `${archive} does not match its manifest; nothing was restored:\n  ${lines.join('\n  ')}`);
}

/** The second pass: the manifest's entries written under `scratch` (files 0600, directories 0700), checked again, the database checked by SQLite. */
async function writeEntries(archive: string, passphrase: string | null, manifest: Manifest, scratch: string): Promise<void> {
  const listed = new Set(manifest.entries.map((entry) => entry.path));
  const written = new Set<string>();
  const contents = await readArchive(archive, {
    passphrase,
    async sinkFor(entry) {
      // Only names the manifest lists, each once; parseManifest allowed only names that stay inside DATA_DIR.
      if (!listed.has(entry) || written.has(entry)) return null;
      written.add(entry);
      const file = path.join(scratch, ...entry.split('/'));
      await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      return createWriteStream(file, { flags: 'wx', mode: 0o600 });
    },
  });
  assertWhole(archive, compareWithManifest(manifestOf(contents, archive), contents.entries));
  if (manifest.database.entry === SQLITE_ENTRY) {
    const result = checkSqliteIntegrity(path.join(scratch, SQLITE_ENTRY));
    if (result.length !== 1 || result[0] !== 'ok') {
      throw new BackupError(
        'corrupt',
        `the database in ${archive} fails SQLite's integrity check; nothing was restored:\n  ${result.slice(0, 20).join('\n  ')}`,
      );
    }
  }
}

/** --force: what the archive would replace goes to <dataDir>/replaced-<time>/, not away. */
async function moveAside(dataDir: string, now: Date): Promise<string | null> {
  const aside = path.join(dataDir, `replaced-${now.toISOString().replace(/[:.]/g, '-')}`);
  let moved = false;
  for (const name of REPLACED) {
    try {
      await fs.access(path.join(dataDir, name));
    } catch {
      continue;
    }
    await fs.mkdir(aside, { recursive: true, mode: 0o700 });
    await fs.rename(path.join(dataDir, name), path.join(aside, name));
    moved = true;
  }
  return moved ? aside : null;
}

/** How to start Dojang on what was restored, as lines to print. */
export function restoreInstructions(result: RestoreResult): string[] {
  const { dataDir, manifest, movedAside } = result;
  const count = (prefix: string) => manifest.entries.filter((e) => e.path.startsWith(prefix)).length;
  const lines = [
    `Restored the backup of ${manifest.created_at} (Dojang ${manifest.dojang_version}) into ${dataDir}: ` +
      `${manifest.database.entry ?? 'no database'}, ${count('files/')} stored file(s), ${count('keys/')} key file(s).`,
  ];
  if (movedAside) lines.push(`What it replaced is in ${movedAside}.`);
  if (result.releasedJobs > 0)
    lines.push(`${result.releasedJobs} job(s) under way when the backup was taken (exports, messages, documents) will be taken up again when Dojang starts.`);
  if (count('keys/') === 0) lines.push("The archive holds no keys: documents sealed before cannot be verified as Dojang's unless you put the old keys/ back.");
  // PostgreSQL's default file store is the database: files kept on disk need it said again.
  const fileStore = manifest.database.kind === 'postgres' && manifest.file_store === 'disk' ? 'DOJANG_FILE_STORE=disk ' : '';
  if (manifest.database.kind === 'sqlite') {
    lines.push('', 'Start Dojang there (with DATABASE_URL unset, and your other settings as before):', `    DATA_DIR=${dataDir} npm start`);
    return lines;
  }
  const target = "'postgres://USER@HOST:5432/NEW_DATABASE'";
  if (manifest.database.entry === PGDUMP_ENTRY) {
    lines.push(
      '',
      `The PostgreSQL database is in ${path.join(dataDir, PGDUMP_ENTRY)}; Dojang did not load it. Load it into a new, empty database`,
      '(nothing existing is dropped), then start Dojang on it:',
      '    createdb NEW_DATABASE',
      `    pg_restore --no-owner --dbname=${target} ${path.join(dataDir, PGDUMP_ENTRY)}`,
      `    DATABASE_URL=${target} ${fileStore}DATA_DIR=${dataDir} npm start`,
    );
  } else {
    lines.push(
      '',
      'The archive holds no database: restore the pg_dump taken together with it into a new, empty database, then start Dojang on it:',
      '    createdb NEW_DATABASE',
      `    pg_restore --no-owner --dbname=${target} <the .pgdump taken with this backup>`,
      `    DATABASE_URL=${target} ${fileStore}DATA_DIR=${dataDir} npm start`,
    );
  }
  return lines;
}
