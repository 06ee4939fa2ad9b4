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
import { createQueryId, type Compilable, type CompiledQuery, type Kysely, type QueryResult } from 'kysely';
import type { Database } from './schema.ts';

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
      }
      const parameters = query.parameters.map((value) => (value instanceof Slot ? valueOf(values, value.name) : value));
      return db.executeQuery<R>({ query: query.query, queryId: createQueryId(), sql: query.sql, parameters });
    };
    return {
      rows: async (db, values) => (await execute(db, values)).rows,
      run: async (db, values) => Number((await execute(db, values)).numAffectedRows ?? 0n),
    };
  };
}
