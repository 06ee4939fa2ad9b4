// PostgreSQL parses and plans every statement sent without a name, on every run: under the
// exports bench that was most of its CPU per approval (about twenty statements each). The
// prepared queries (prepared-query.ts) are few and fixed, so each connection prepares each of
// them once, by name, and runs it again with only its values (pg keeps which names a connection
// has prepared). SQL built per call (searches, lists of varying length) is sent unnamed as before.
import type pg from 'pg';
import { preparedStatementName } from './prepared-query.ts';

/** What PostgreSQL answers when a prepared `select *` meets a table another process has since changed (a migration). */
const CACHED_PLAN_CHANGED = '0A000';

/**
 * Sends the prepared queries' SQL through `client` as named statements. Should a statement's
 * result type change under it (a column added by another process's migration), that run fails
 * and the connection prepares the statement afresh, under a new name, from the next run on.
 */
export function nameStatements(client: pg.PoolClient): void {
  const original = client.query as (...args: unknown[]) => unknown;
  let generation = 0;
  client.query = ((...args: unknown[]) => {
    const [text, values] = args;
    const name = args.length === 2 && typeof text === 'string' && Array.isArray(values) ? preparedStatementName(text) : undefined;
    if (name === undefined) return original.apply(client, args);
    const named: pg.QueryConfig = { name: generation === 0 ? name : `${name}_${generation}`, text: text as string, values: values as unknown[] };
    return (original.call(client, named) as Promise<pg.QueryResult>).catch((error: unknown) => {
      if ((error as { code?: unknown }).code === CACHED_PLAN_CHANGED) generation++;
      throw error;
    });
  }) as typeof client.query;
}
