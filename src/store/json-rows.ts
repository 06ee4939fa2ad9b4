// Rows of other tables carried in one query's answer as JSON (a workflow with its players and
// values in one statement rather than four): Kysely's helpers for the dialect the query is
// compiled for. PostgreSQL's driver answers JSON already parsed, SQLite's as text; `parsedJson`
// takes either.
import { type Kysely, SqliteAdapter } from 'kysely';
import * as postgres from 'kysely/helpers/postgres';
import * as sqlite from 'kysely/helpers/sqlite';
import type { Database } from './schema.ts';

export interface JsonRows {
  /** The subquery's rows as a JSON array (its selections named explicitly: SQLite builds each object from them). */
  arrayFrom: typeof sqlite.jsonArrayFrom;
  /** The subquery's first row as a JSON object, or null. */
  objectFrom: typeof sqlite.jsonObjectFrom;
}

export function jsonRows(db: Kysely<Database>): JsonRows {
  return db.getExecutor().adapter instanceof SqliteAdapter
    ? { arrayFrom: sqlite.jsonArrayFrom, objectFrom: sqlite.jsonObjectFrom }
    : { arrayFrom: postgres.jsonArrayFrom, objectFrom: postgres.jsonObjectFrom };
}

/** A JSON column as answered: parsed by PostgreSQL's driver, text from SQLite. */
export function parsedJson<T>(value: T | string): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}
