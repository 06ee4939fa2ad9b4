// A consistent copy of the SQLite database while Dojang keeps writing to it, through SQLite's
// online backup API. A plain file copy is not one: with WAL the latest commits live in
// dojang.db-wal until a checkpoint, and a copy taken between the two files' writes is torn.
import fs from 'node:fs/promises';
import SQLite from 'better-sqlite3';
import { BackupError, isMissing } from './backup-error.ts';

/** Copies `source` to `dest` (a new file) as of one moment, in rollback-journal mode so the copy is one self-contained file. */
export async function snapshotSqlite(source: string, dest: string): Promise<void> {
  try {
    await fs.access(source);
  } catch (error) {
    if (isMissing(error)) throw new BackupError('missing-file', `no SQLite database at ${source}: is DATA_DIR (or DATABASE_URL) the one Dojang runs with?`);
    throw error;
  }
  const db = new SQLite(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    // All pages in one step, under one read transaction: the copy is the database as of that
    // moment. (Small steps would restart whenever Dojang commits in between, and a busy server
    // commits all the time.) With WAL, Dojang's writers are not held up by the read.
    await db.backup(dest, { progress: () => 0x7fffffff });
  } finally {
    db.close();
  }
  const copy = new SQLite(dest);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  await fs.chmod(dest, 0o600);
}

/** SQLite's own check of every page and index of a database file: 'ok', or what is wrong. */
export function checkSqliteIntegrity(file: string): string[] {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((row) => row.integrity_check);
  } finally {
    db.close();
  }
}
