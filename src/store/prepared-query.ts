// Queries on the hot path, built and compiled by Kysely once instead of on every call. Building
// a query (its operation tree, frozen node by node) and compiling it to SQL cost as much CPU as
// running it on SQLite: profiled under the exports bench, Kysely's own JavaScript was a quarter
// of Dojang's CPU, and with the approval's and the delivery's queries prepared, under a tenth.
// A prepared query is built with named slots where its values go, compiled once per dialect, and
// run with the values put where the slots were.
//
//   const workflowById = prepareQuery<{ id: WorkflowId }>()((db, p) => db.selectFrom('workflows').selectAll().where('id', '=', p.id));
//   const [workflow] = await workflowById.rows(trx, { id });
//
// A slot is one value: a list (`in (…)`) whose length varies cannot be a slot. A prepared query
// is compiled without plugins (whichever Kysely runs it first), so one SQL serves every caller of
// the dialect; a caller's plugins do not rewrite it, they still see its results. Dojang uses no
// plugins; tests that count queries through one count only those built per call.
import { createQueryId, type Compilable, type CompiledQuery, type Insertable, type Kysely, type QueryResult, type SqliteDatabase } from 'kysely';
import type { Database } from './schema.ts';

/** The SQL of every prepared query compiled so far, and the name PostgreSQL keeps it under (named-statements.ts). */
const statementNames = new Map<string, string>();

/** The name of a prepared query's SQL, for a server-side prepared statement; undefined for SQL built per call. */
export function preparedStatementName(sql: string): string | undefined {
  return statementNames.get(sql);
}

/** Each SQLite database's statements (statement-cache.ts), by its Kysely. */
const sqliteStatements = new WeakMap<Kysely<Database>, SqliteDatabase>();
/** The transactions that hold their SQLite connection right now (commit-group.ts), and its statements. */
const heldConnections = new WeakMap<Kysely<Database>, SqliteDatabase>();

/** Says which statements a SQLite database's Kysely runs on (open-database.ts). */
export function shareSqliteStatements(db: Kysely<Database>, statements: SqliteDatabase): void {
  sqliteStatements.set(db, statements);
}

/**
 * Runs `work` in a transaction of `db`'s; on SQLite, the prepared queries it runs there run their
 * statements at once, without Kysely's executor: handing the single connection from query to
 * query cost as much as running the statement (bench/exports.bench.ts, profiled). Only a
 * transaction may, as it holds the connection until it ends: outside one, Kysely's lock is what
 * keeps a change's statements from running in the middle of another's transaction.
 */
export function holdingConnection<T>(db: Kysely<Database>, trx: Kysely<Database>, work: () => Promise<T>): Promise<T> {
  const statements = sqliteStatements.get(db);
  if (!statements) return work();
  heldConnections.set(trx, statements);
  return work().finally(() => heldConnections.delete(trx));
}

/** Whether `trx`'s prepared queries run straight on the connection it holds (a transaction meant to hold it that does not is correct, only slower). */
export function holdsItsConnection(trx: Kysely<Database>): boolean {
  return heldConnections.has(trx) || heldClients.has(trx);
}

/** The PostgreSQL client a change's transaction holds (pipelined: pg sends each query at once), by its Kysely. */
const heldClients = new WeakMap<Kysely<Database>, PostgresClient>();
/** What is used of a pg client: its query (named-statements.ts wraps it). */
export interface PostgresClient {
  query(sql: string, values: unknown[]): Promise<{ command: string; rowCount: number | null; rows: unknown[] }>;
}

/**
 * Says which PostgreSQL client `trx` holds, while `work` runs: its prepared queries are then sent
 * on it at once rather than one after another's answer through Kysely's connection (which waits
 * for each query to finish before it sends the next), so statements issued together without
 * waiting share one round trip. Prepared queries run in the order they were issued; a query
 * built per call still goes through Kysely's connection and leaves a few ticks later, so a caller
 * waits for it before issuing the next.
 */
export function holdingClient<T>(trx: Kysely<Database>, client: PostgresClient, work: () => Promise<T>): Promise<T> {
  heldClients.set(trx, client);
  return work().finally(() => heldClients.delete(trx));
}

/** A compiled query sent on the client a transaction holds, answered as Kysely's PostgreSQL driver answers it. */
async function runOnClient<R>(client: PostgresClient, sql: string, parameters: readonly unknown[]): Promise<QueryResult<R>> {
  const { command, rowCount, rows } = await client.query(sql, [...parameters]);
  const wrote = command === 'INSERT' || command === 'UPDATE' || command === 'DELETE' || command === 'MERGE';
  return { rows: (rows ?? []) as R[], ...(wrote ? { numAffectedRows: BigInt(rowCount ?? 0) } : {}) };
}

/** A compiled query run on a connection its transaction holds, as Kysely's SQLite driver runs it. */
function runHeld<R>(statements: SqliteDatabase, sql: string, parameters: readonly unknown[]): QueryResult<R> {
  const statement = statements.prepare(sql);
  if (statement.reader) return { rows: statement.all(parameters) as R[] };
  const { changes } = statement.run(parameters);
  return { numAffectedRows: BigInt(changes), rows: [] };
}

class Slot {
  constructor(readonly name: string) {}
}

function valueOf(values: object, name: string): unknown {
  const value = (values as Record<string, unknown>)[name];
  if (value === undefined) throw new Error(`a prepared query was run without a value for ${name}`);
  return value;
}

export interface PreparedQuery<P, R> {
  /** The rows the query answers (a select, or a write with RETURNING). */
  rows(db: Kysely<Database>, values: P): Promise<R[]>;
  /** How many rows a write changed. */
  run(db: Kysely<Database>, values: P): Promise<number>;
}

/** `prepareQuery<Values>()(build)`: the values' type first, the answer's type from the query built. */
export function prepareQuery<P extends object>() {
  return <R>(build: (db: Kysely<Database>, slots: P) => Compilable<R>): PreparedQuery<P, R> => {
    const slots = new Proxy({}, { get: (_, name) => new Slot(String(name)) }) as P;
    // Compiled once per dialect: a transaction shares its database's adapter.
    const compiled = new WeakMap<object, CompiledQuery<R>>();
    const execute = (db: Kysely<Database>, values: P): Promise<QueryResult<R>> => {
      const adapter = db.getExecutor().adapter;
      let query = compiled.get(adapter);
      if (!query) {
        query = build(db.withoutPlugins(), slots).compile();
        compiled.set(adapter, query);
        if (!statementNames.has(query.sql)) statementNames.set(query.sql, `dojang_${statementNames.size + 1}`);
      }
      const parameters = query.parameters.map((value) => (value instanceof Slot ? valueOf(values, value.name) : value));
      const client = heldClients.get(db);
      if (client) return runOnClient<R>(client, query.sql, parameters);
      const held = heldConnections.get(db);
      if (held) {
        try {
          return Promise.resolve(runHeld<R>(held, query.sql, parameters));
        } catch (error) {
          return Promise.reject(error);
        }
      }
      return db.executeQuery<R>({ query: query.query, queryId: createQueryId(), sql: query.sql, parameters });
    };
    return {
      rows: async (db, values) => (await execute(db, values)).rows,
      run: async (db, values) => Number((await execute(db, values)).numAffectedRows ?? 0n),
    };
  };
}

/**
 * An insert of rows into `table`, prepared once per row count (a change writes one to a few rows,
 * a group of export outcomes up to its size): `columns` are the values every row gives.
 */
export function prepareRowsInsert<T extends keyof Database & string, C extends keyof Insertable<Database[T]> & string>(table: T, columns: readonly C[]) {
  const byCount = new Map<number, PreparedQuery<Record<string, unknown>, unknown>>();
  const insertOf = (count: number) => {
    let query = byCount.get(count);
    if (!query) {
      query = prepareQuery<Record<string, unknown>>()((db, p) =>
        db
          .insertInto(table)
          .values(Array.from({ length: count }, (_, i) => Object.fromEntries(columns.map((column) => [column, p[`${column}${i}`]]))) as never),
      );
      byCount.set(count, query);
    }
    return query;
  };
  return {
    /** Inserts `rows` in one statement; nothing for none. */
    run(db: Kysely<Database>, rows: readonly Pick<Insertable<Database[T]>, C>[]): Promise<number> {
      if (rows.length === 0) return Promise.resolve(0);
      const values: Record<string, unknown> = {};
      rows.forEach((row, i) => {
        for (const column of columns) values[`${column}${i}`] = row[column];
      });
      return insertOf(rows.length).run(db, values);
    },
  };
}
