// Opens the database named by the configuration and brings its schema up to date.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config.ts';
import { migrationProvider, type Dialect } from './migrations.ts';
import { coalesceWrites } from './coalesced-writes.ts';
import { nameStatements } from './named-statements.ts';
import { shareSqliteStatements } from './prepared-query.ts';
import { cachingStatements } from './statement-cache.ts';
import { tellingPool, tellsItsClients } from './held-transaction.ts';
import { startWalCheckpointer } from './wal-checkpointer.ts';
import type { Database } from './schema.ts';

// COUNT(*) and other int8 results would otherwise arrive as strings.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
  close(): Promise<void>;
}

export class MigrationError extends Error {
  readonly code = 'MIGRATION';
}

export interface OpenOptions {
  poolSize?: number;
  /** Told when SQLite's background checkpoint fails (wal-checkpointer.ts); a process warning by default. */
  onCheckpointError?: (message: string) => void;
}

export async function openDatabase(config: DatabaseConfig, options: OpenOptions = {}): Promise<Store> {
  const store =
    config.kind === 'sqlite'
      ? openSqlite(config.file, options.onCheckpointError ?? ((message) => process.emitWarning(`SQLite checkpoint failed: ${message}`)))
      : openPostgres(config.url, options.poolSize ?? 10);
  try {
    await migrate(store);
    // Fresh statistics for the query planner (SQLite keeps none until asked; cheap when current).
    if (store.dialect === 'sqlite') await sql`pragma optimize=0x10002`.execute(store.db);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

function openSqlite(file: string, onCheckpointError: (message: string) => void): Store {
  const inMemory = file === ':memory:';
  if (!inMemory) fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Statement journals (each change's savepoint in a shared commit, jobs/commit-group.ts) and
  // other temporary files in memory: a container with a read-only root has no writable /tmp.
  sqlite.pragma('temp_store = MEMORY');
  // Checkpoints happen on a thread of their own (wal-checkpointer.ts), not in a commit.
  const checkpointer = inMemory ? null : startWalCheckpointer(file, onCheckpointError);
  if (checkpointer) sqlite.pragma('wal_autocheckpoint = 0');
  const statements = cachingStatements(sqlite);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: statements }) });
  shareSqliteStatements(db, statements);
  return {
    db,
    dialect: 'sqlite',
    close: async () => {
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

function openPostgres(url: string, max: number): Store {
  // Pipelined: a client sends each query at once, not after the previous one's answer (the
  // statements a change issues together share a round trip, held-transaction.ts).
  const pool = new pg.Pool({ connectionString: url, max, pipeline: true });
  // A connection the server drops (a restart, a fail-over, pg_terminate_backend) must not crash
  // the process: the pool's listener covers idle clients, and each client's own covers it while
  // checked out, where the error reaches the query in flight and the pool replaces the client.
  pool.on('error', () => {});
  pool.on('connect', (client) => {
    client.on('error', () => {});
    nameStatements(client);
    coalesceWrites(client);
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: tellingPool(pool) }) });
  tellsItsClients(db);
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

const migratorOf = (store: Pick<Store, 'db' | 'dialect'>) =>
  new Migrator({
    db: store.db,
    provider: migrationProvider(store.dialect),
    migrationTableName: 'dojang_migrations',
    migrationLockTableName: 'dojang_migrations_lock',
  });

/** The migrations this code has that the database has not run (another process's newer code may have run more). */
export async function pendingMigrations(store: Pick<Store, 'db' | 'dialect'>): Promise<string[]> {
  return (await migratorOf(store).getMigrations()).filter((m) => m.executedAt === undefined).map((m) => m.name);
}

async function migrate(store: Store): Promise<void> {
  const { error, results } = await migratorOf(store).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const reason = error instanceof Error ? error.message : String(error ?? 'unknown error');
    throw new MigrationError(`migration ${failed?.migrationName ?? ''} failed: ${reason}`);
  }
}
