// Where PDFs live: on local disk under DATA_DIR (one process) or in the database (several
// processes sharing PostgreSQL). Keys are opaque paths like `templates/12.pdf`; S3 would be
// a third implementation of the same four calls.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import type { Timestamp } from '../domain/time.ts';

export interface FileStore {
  put(key: string, content: Uint8Array): Promise<void>;
  /** The file's bytes, or null when there is none. */
  get(key: string): Promise<Uint8Array | null>;
  delete(key: string): Promise<void>;
}

const SAFE_KEY = /^[a-z0-9][a-z0-9/_.-]*$/;

function assertKey(key: string): void {
  if (!SAFE_KEY.test(key) || key.includes('..')) throw new RangeError(`bad file key: ${key}`);
}

export function diskFileStore(root: string): FileStore {
  const where = (key: string) => {
    assertKey(key);
    return path.join(root, key);
  };
  return {
    async put(key, content) {
      const file = where(key);
      await fs.mkdir(path.dirname(file), { recursive: true });
      // Write then rename, so a reader never sees half a file.
      const partial = `${file}.${process.pid}.partial`;
      await fs.writeFile(partial, content, { mode: 0o640 });
      await fs.rename(partial, file);
    },
    async get(key) {
      try {
        return new Uint8Array(await fs.readFile(where(key)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async delete(key) {
      await fs.rm(where(key), { force: true });
    },
  };
}

export function databaseFileStore(db: Kysely<Database>, now: () => Timestamp): FileStore {
  return {
    async put(key, content) {
      assertKey(key);
      await db
        .insertInto('files')
        .values({ key, content, created_at: now() })
        .onConflict((oc) => oc.column('key').doUpdateSet({ content, created_at: now() }))
        .execute();
    },
    async get(key) {
      const row = await db.selectFrom('files').select('content').where('key', '=', key).executeTakeFirst();
      return row ? new Uint8Array(row.content) : null;
    },
    async delete(key) {
      await db.deleteFrom('files').where('key', '=', key).execute();
    },
  };
}
