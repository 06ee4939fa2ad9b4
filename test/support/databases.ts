// The databases every black-box suite runs on: SQLite always, PostgreSQL when reachable.
// Each server gets a database of its own (a temporary file, or a fresh PostgreSQL database).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Store } from '../../src/store/open-database.ts';

export type DatabaseKind = 'sqlite' | 'postgres';

export function testDatabases(): DatabaseKind[] {
  return inject('postgresAdminUrl') ? ['sqlite', 'postgres'] : ['sqlite'];
}

export interface ScratchDatabase {
  url: string;
  dataDir: string;
  drop(): Promise<void>;
}

export async function scratchDatabase(kind: DatabaseKind): Promise<ScratchDatabase> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'dojang-test-'));
  if (kind === 'sqlite') {
    return { url: `sqlite:${path.join(dataDir, 'dojang.db')}`, dataDir, drop: () => fs.rm(dataDir, { recursive: true, force: true }) };
  }
  const adminUrl = inject('postgresAdminUrl');
  if (!adminUrl) throw new Error('PostgreSQL is not available in this run');
  const name = `dojang_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dataDir,
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Stores on fresh scratch databases of one kind, for a suite that opens its own: `open()` per
 * test, `closeAll()` in afterEach; `track()` for a store the test opened itself on a scratch database.
 */
export function scratchStores(kind: DatabaseKind) {
  const opened: { store: Pick<Store, 'close'>; scratch: ScratchDatabase }[] = [];
  return {
    async open(): Promise<{ store: Store; scratch: ScratchDatabase }> {
      const scratch = await scratchDatabase(kind);
      const store = await openDatabase(kind === 'sqlite' ? { kind, file: scratch.url.slice('sqlite:'.length) } : { kind, url: scratch.url });
      opened.push({ store, scratch });
      return { store, scratch };
    },
    track(store: Pick<Store, 'close'>, scratch: ScratchDatabase): void {
      opened.push({ store, scratch });
    },
    async closeAll(): Promise<void> {
      for (const { store, scratch } of opened.splice(0)) {
        await store.close();
        await scratch.drop();
      }
    },
  };
}
