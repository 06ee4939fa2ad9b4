// A database of the bench's own, created for one measurement and dropped after it: a SQLite
// file in a temporary directory, or a fresh PostgreSQL database on the local server.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export type DatabaseKind = 'sqlite' | 'postgres';

/** Where the bench creates (and drops) its PostgreSQL databases; loopback only. */
export const POSTGRES_ADMIN_URL = process.env.DOJANG_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface ScratchDatabase {
  kind: DatabaseKind;
  /** DATABASE_URL for Dojang. */
  url: string;
  /** DATA_DIR for Dojang (the SQLite file lives here too). */
  dataDir: string;
  /** The PostgreSQL database's name. */
  name?: string;
  drop(): Promise<void>;
}

export async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export async function scratchDatabase(kind: DatabaseKind): Promise<ScratchDatabase> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'dojang-bench-'));
  const removeDir = () => fs.rm(dataDir, { recursive: true, force: true });
  if (kind === 'sqlite') {
    return { kind, url: `sqlite:${path.join(dataDir, 'dojang.db')}`, dataDir, drop: removeDir };
  }
  const name = `dojang_bench_${randomBytes(5).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    kind,
    url: url.toString(),
    dataDir,
    name,
    async drop() {
      await adminQuery(`drop database if exists ${name} with (force)`);
      await removeDir();
    },
  };
}
