// manifest.json, the last entry of every archive `dojang backup` writes: what the archive
// holds, and the SHA-256 and size of every other entry, so `--verify` and `restore` can tell
// a whole archive from a damaged or altered one before anything is written.
import { BackupError } from './backup-error.ts';

export const MANIFEST_PATH = 'manifest.json';
export const SQLITE_ENTRY = 'dojang.db';
export const PGDUMP_ENTRY = 'database.pgdump';
/** Raised when the layout or the meaning of an entry changes; a reader refuses versions it does not know. */
export const FORMAT_VERSION = 1;
const FORMAT = 'dojang-backup';

export interface ManifestEntry {
  path: string;
  size: number;
  sha256: string;
}

export interface Manifest {
  format: typeof FORMAT;
  format_version: number;
  dojang_version: string;
  created_at: string;
  database: {
    kind: 'sqlite' | 'postgres';
    /** The entry holding the database (dojang.db, database.pgdump), or null: a PostgreSQL database dumped apart. */
    entry: string | null;
  };
  /** Where the server kept its files when the backup was made; 'database': they are in the database itself. */
  file_store: 'disk' | 'database';
  entries: ManifestEntry[];
}

/**
 * The names an entry may have: the database, stored files (the file store's keys, file-store.ts)
 * and keys. Checked before restore joins a name to a directory, so no entry lands outside it.
 */
const ENTRY_PATH = /^(dojang\.db|database\.pgdump|files\/[a-z0-9][a-z0-9/_.-]*|keys\/[A-Za-z0-9][A-Za-z0-9._-]*)$/;

export function isEntryPath(path: string): boolean {
  return ENTRY_PATH.test(path) && !path.includes('..') && !path.includes('//') && !path.endsWith('/');
}

export function newManifest(input: Omit<Manifest, 'format' | 'format_version'>): Manifest {
  return { format: FORMAT, format_version: FORMAT_VERSION, ...input };
}

export function encodeManifest(manifest: Manifest): Buffer {
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
}

/** The manifest read from an archive; a BackupError saying why when it is not one we wrote. */
export function parseManifest(bytes: Buffer, archive: string): Manifest {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new BackupError('not-dojang', `${archive}: manifest.json is not JSON, so this is not an archive dojang backup wrote`);
  }
  const manifest = value as Partial<Manifest> | null;
  if (manifest?.format !== FORMAT) throw new BackupError('not-dojang', `${archive}: manifest.json is not a Dojang backup manifest`);
  if (typeof manifest.format_version !== 'number' || manifest.format_version > FORMAT_VERSION) {
    throw new BackupError(
      'unsupported-version',
      `${archive} is backup format ${String(manifest.format_version)}, made by Dojang ${String(manifest.dojang_version)}; this Dojang reads format ${FORMAT_VERSION}: use the newer Dojang to restore it`,
    );
  }
  if (!Array.isArray(manifest.entries) || !manifest.database || (manifest.database.kind !== 'sqlite' && manifest.database.kind !== 'postgres')) {
    throw new BackupError('not-dojang', `${archive}: manifest.json lacks its entries or its database`);
  }
  const bad = manifest.entries.find(
    (e) => typeof e?.path !== 'string' || !isEntryPath(e.path) || !Number.isSafeInteger(e.size) || e.size < 0 || !/^[0-9a-f]{64}$/.test(String(e.sha256)),
  );
  if (bad !== undefined) throw new BackupError('not-dojang', `${archive}: manifest.json has an entry Dojang does not write: ${JSON.stringify(bad)}`);
  return manifest as Manifest;
}
