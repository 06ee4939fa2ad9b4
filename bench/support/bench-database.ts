// The bench's own connection to a scratch database Dojang has already migrated: Kysely for
// seeding and for calling the outbox directly, a query log to catch the SQL a function sends,
// and EXPLAIN of that SQL with its parameters (SQLite's query plan, PostgreSQL's EXPLAIN ANALYZE).
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type LogEvent } from 'kysely';
import pg from 'pg';
import type { Dialect } from '../../src/store/migrations.ts';
import type { Database } from '../../src/store/schema.ts';
import type { ScratchDatabase } from './scratch-database.ts';

export interface CompiledQuery {
  sql: string;
  parameters: readonly unknown[];
}

export interface BenchDatabase {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Every query run through `db` since the last call, oldest first. */
  takeQueries(): CompiledQuery[];
  /** The query's plan: EXPLAIN QUERY PLAN on SQLite, EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL. */
  explain(query: CompiledQuery): Promise<string>;
  /** Runs SQL as is (DDL, bulk seeding, statistics). */
  run(text: string, parameters?: readonly unknown[]): Promise<void>;
  close(): Promise<void>;
}

export function openBenchDatabase(scratch: ScratchDatabase): BenchDatabase {
  let queries: CompiledQuery[] = [];
  const log = (event: LogEvent) => {
    queries.push({ sql: event.query.sql, parameters: event.query.parameters });
  };
  const takeQueries = () => {
    const taken = queries;
    queries = [];
    return taken;
  };
  if (scratch.kind === 'sqlite') {
    const sqlite = new SQLite(scratch.url.slice('sqlite:'.length));
    sqlite.pragma('busy_timeout = 10000');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }), log });
    return {
      db,
      dialect: 'sqlite',
      takeQueries,
      async explain(query) {
        const rows = sqlite.prepare(`explain query plan ${query.sql}`).all(...(query.parameters as unknown[])) as {
          id: number;
          parent: number;
          detail: string;
        }[];
        const depth = new Map<number, number>([[0, 0]]);
        return rows
          .map((row) => {
            const d = (depth.get(row.parent) ?? 0) + 1;
            depth.set(row.id, d);
            return `${'  '.repeat(d - 1)}${row.detail}`;
          })
          .join('\n');
      },
      async run(text, parameters = []) {
        sqlite.prepare(text).run(...(parameters as unknown[]));
      },
      close: () => db.destroy(),
    };
  }
  const pool = new pg.Pool({ connectionString: scratch.url, max: 2 });
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log });
  return {
    db,
    dialect: 'postgres',
    takeQueries,
    async explain(query) {
      const result = await pool.query(`explain (analyze, buffers, costs off) ${query.sql}`, query.parameters as unknown[]);
      return result.rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n');
    },
    async run(text, parameters = []) {
      await pool.query(text, parameters as unknown[]);
    },
    close: () => db.destroy(),
  };
}
