// better-sqlite3 compiles a statement on every prepare(), and Kysely's SQLite driver prepares
// every query it runs: under load, compiling the same few dozen statements again and again cost
// a fifth of Dojang's CPU (bench/exports.bench.ts, profiled). This hands Kysely a database whose
// prepare() keeps the statements it has compiled, keyed by their SQL, least recently used
// dropped first. Parameters are bound per run, so one statement serves every call.
import type SQLite from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Enough for every distinct query Dojang runs, with room for the few whose SQL varies by list length. */
const DEFAULT_CAPACITY = 1000;

export function cachingStatements(sqlite: SQLite.Database, capacity = DEFAULT_CAPACITY): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      statements.clear();
      sqlite.close();
    },
    prepare: (sql: string): SqliteStatement => {
      const cached = statements.get(sql);
      // A statement still being iterated (a streamed query) cannot run again until it is done.
      if (cached && !cached.busy) {
        // Most recently used last: a Map iterates in insertion order.
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      const statement = sqlite.prepare(sql);
      if (!cached) {
        statements.set(sql, statement);
        if (statements.size > capacity) statements.delete(statements.keys().next().value!);
      }
      return statement;
    },
  };
}
