// `dojang backup <file>`: one archive, written while Dojang runs, holding what a new machine
// needs to carry on: the database (a consistent copy, or pg_dump's), the stored files, the keys
// that seal documents, and manifest.json with every entry's SHA-256 (backup-manifest.ts).
//
// Order matters: the database is copied first, then the files are read. Dojang writes a file
// before the transaction that refers to it commits, so every file the copied database names is
// already on disk when the files are read; files newer than the copy come along unused.
import { createWriteStream, readFileSync, type Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Readable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Config } from '../config.ts';
import { encryptingStream } from './archive-encryption.ts';
import { BackupError, isMissing } from './backup-error.ts';
import { encodeManifest, isEntryPath, MANIFEST_PATH, newManifest, PGDUMP_ENTRY, SQLITE_ENTRY, type ManifestEntry } from './backup-manifest.ts';
import { dumpPostgres, pgDumpByHand, pgDumpVersion } from './dump-postgres.ts';
import { snapshotSqlite } from './snapshot-sqlite.ts';
import { bytesEntry, END_OF_ARCHIVE, fileEntry } from './write-tar.ts';

export interface BackupOptions {
  config: Pick<Config, 'database' | 'dataDir' | 'fileStore' | 'signing'>;
  archive: string;
  gzip: boolean;
  /** Encrypts the whole archive when given (archive-encryption.ts). */
  passphrase: string | null;
  /** The pg_dump to run for PostgreSQL (`--pg-dump`); found on PATH by default. */
  pgDump: string;
  now?: () => Date;
}

export interface BackupResult {
  archive: string;
  bytes: number;
  entries: ManifestEntry[];
  /** What holds the database: an entry, or nothing (PostgreSQL without pg_dump here). */
  database: typeof SQLITE_ENTRY | typeof PGDUMP_ENTRY | null;
  encrypted: boolean;
  /** What the operator should know: what is not in the archive, and what to do about it. */
  notes: string[];
}

interface Source {
  path: string;
  file: string;
}

export async function createBackup(options: BackupOptions): Promise<BackupResult> {
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  const archive = path.resolve(options.archive);
  const directory = path.dirname(archive);
  await assertDirectory(directory);
  const staging = await fs.mkdtemp(path.join(directory, '.dojang-backup-'));
  const partial = path.join(directory, `.${path.basename(archive)}.partial-${randomBytes(4).toString('hex')}`);
  const notes: string[] = [];
  try {
    const database = await copyDatabase(options, staging, archive, notes);
    const keys = await dataFiles(path.join(options.config.dataDir, 'keys'), 'keys', notes);
    if (keys.length === 0 && !options.config.signing.p12Path)
      notes.push(
        `${path.join(options.config.dataDir, 'keys')} holds no keys yet: Dojang makes them when it seals its first document; back up again after that.`,
      );
    if (options.config.signing.p12Path)
      notes.push(`DOJANG_SIGNING_P12 (${options.config.signing.p12Path}) and its password are not in the archive: keep your own copy of them.`);
    const files = options.config.fileStore === 'disk' ? await dataFiles(path.join(options.config.dataDir, 'files'), 'files', notes) : [];
    const sources = [...(database ? [database] : []), ...keys, ...files];

    const entries: ManifestEntry[] = [];
    const manifestOf = () =>
      encodeManifest(
        newManifest({
          dojang_version: dojangVersion(),
          created_at: startedAt.toISOString(),
          database: { kind: options.config.database.kind, entry: database?.path ?? null },
          file_store: options.config.fileStore,
          entries,
        }),
      );
    async function* tar(): AsyncGenerator<Buffer> {
      for (const source of sources) yield* fileEntry(source.path, source.file, (entry) => entries.push(entry));
      yield* bytesEntry(MANIFEST_PATH, manifestOf(), startedAt);
      yield END_OF_ARCHIVE;
    }
    const stages: Transform[] = [...(options.gzip ? [createGzip()] : []), ...(options.passphrase !== null ? [await encryptingStream(options.passphrase)] : [])];
    await pipeline([Readable.from(tar()), ...stages, createWriteStream(partial, { flags: 'wx', mode: 0o600 })]);
    await fs.rename(partial, archive);
    const vanished = sources.length - entries.length;
    if (vanished > 0) notes.push(`${vanished} stored file(s) were deleted by Dojang while the backup ran and are not in it.`);
    return {
      archive,
      bytes: (await fs.stat(archive)).size,
      entries,
      database: database ? (database.path as BackupResult['database']) : null,
      encrypted: options.passphrase !== null,
      notes,
    };
  } finally {
    await fs.rm(partial, { force: true });
    await fs.rm(staging, { recursive: true, force: true });
  }
}

/** What was written and what it holds, as lines for the operator, ending with what to keep secret. */
export function backupSummary(result: BackupResult): string[] {
  const count = (prefix: string) => result.entries.filter((e) => e.path.startsWith(prefix)).length;
  const database = result.database === SQLITE_ENTRY ? 'the SQLite database' : result.database === PGDUMP_ENTRY ? 'the PostgreSQL dump' : 'no database';
  const size = `${(result.bytes / 1024 / 1024).toFixed(1)} MB${result.encrypted ? ', encrypted' : ''}`;
  const holds = count('keys/') === 0 ? 'It holds every contract' : "It holds the seal's private key";
  const keep = result.encrypted ? 'encrypted: keep the passphrase apart from it' : 'not encrypted (see --passphrase-file): keep it where only you can read it';
  return [
    `Wrote ${result.archive} (${size}): ${database}, ${count('files/')} stored file(s), ${count('keys/')} key file(s) and manifest.json.`,
    ...result.notes.map((note) => `  ${note}`),
    `${holds}, ${keep}. Check it with: npx dojang backup --verify ${result.archive}`,
  ];
}

async function assertDirectory(directory: string): Promise<void> {
  try {
    if ((await fs.stat(directory)).isDirectory()) return;
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  throw new BackupError('missing-file', `${directory} is not a directory: the archive cannot be written there`);
}

/** The database's entry, made in `staging`: SQLite's online backup, or pg_dump when there is one. */
async function copyDatabase(options: BackupOptions, staging: string, archive: string, notes: string[]): Promise<Source | null> {
  const database = options.config.database;
  if (database.kind === 'sqlite') {
    if (database.file === ':memory:') throw new BackupError('invalid', 'DATABASE_URL is sqlite::memory:, which has nothing on disk to back up');
    const file = path.join(staging, SQLITE_ENTRY);
    await snapshotSqlite(database.file, file);
    return { path: SQLITE_ENTRY, file };
  }
  if ((await pgDumpVersion(options.pgDump)) === null) {
    // With files on disk the dump must come first: every file it names is then in the archive made after it.
    const order =
      options.config.fileStore === 'disk'
        ? 'Take the dump first, then this backup again right after it, so that every file the dump names is in the archive'
        : 'Take it now';
    notes.push(
      `${options.pgDump} is not installed here, so the archive holds no database. ${order}, and keep the two files together:\n` +
        `    ${pgDumpByHand(database.url, archive)}\n` +
        `  (from any machine that reaches the database, with a pg_dump at least as new as the server; docs/backup.md says how to restore the pair).`,
    );
    return null;
  }
  const file = path.join(staging, PGDUMP_ENTRY);
  await dumpPostgres(options.pgDump, database.url, file);
  await fs.chmod(file, 0o600);
  return { path: PGDUMP_ENTRY, file };
}

/** Every file under `root` (recursively, sorted), named `<prefix>/<relative path>`; none when `root` does not exist. */
async function dataFiles(root: string, prefix: 'files' | 'keys', notes: string[]): Promise<Source[]> {
  const found: Source[] = [];
  const walk = async (dir: string, relative: string): Promise<void> => {
    let children: Dirent[];
    try {
      children = await fs.readdir(dir, { withFileTypes: true });
    } catch (error) {
      if (isMissing(error)) return;
      throw error;
    }
    for (const child of children.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const name = relative === '' ? child.name : `${relative}/${child.name}`;
      if (child.isDirectory()) await walk(path.join(dir, child.name), name);
      else if (child.isFile() && !isInFlight(child.name)) {
        const entry = `${prefix}/${name}`;
        if (isEntryPath(entry)) found.push({ path: entry, file: path.join(dir, child.name) });
        else notes.push(`skipped ${path.join(dir, child.name)}: not a name Dojang writes there`);
      }
    }
  };
  await walk(root, '');
  return found;
}

/** Files Dojang is writing right now, renamed into place once whole (file-store.ts, signing-key.ts). */
const isInFlight = (name: string) => name.endsWith('.partial') || name.includes('.tmp-');

let version: string | undefined;
function dojangVersion(): string {
  version ??= (JSON.parse(readFileSync(path.join(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string }).version;
  return version;
}
