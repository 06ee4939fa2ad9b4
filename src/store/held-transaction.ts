// A transaction whose prepared queries run straight on the connection it holds (prepared-query.ts).
// On PostgreSQL the pool's clients are pipelined (open-database.ts): the statements a change
// issues together, without waiting for each answer, travel in one round trip instead of one
// each, and so does its BEGIN with the first of them. Kysely does not say which client a
// transaction got, so the pool handed to Kysely tells it to the transaction being opened.
import type { Kysely } from 'kysely';
import type pg from 'pg';
import { holdingClient, holdingConnection, type PostgresClient } from './prepared-query.ts';
import type { Database } from './schema.ts';

/** A held transaction being opened: the client it got, and its BEGIN once sent. */
interface Opening {
  client: pg.PoolClient | null;
  begun: Promise<unknown> | null;
}

/**
 * The held transaction being opened, for as long as the call that opens it runs: Kysely asks the
 * pool for the transaction's client before anything in that call waits, so the request the pool
 * gets meanwhile is that transaction's. (An AsyncLocalStorage said the same, but it makes Node
 * run a hook for every promise the process creates: 2-3% of Dojang's main thread under the
 * exports bench on PostgreSQL.) A Kysely that waited first would open the transaction unheld:
 * correct, only slower, and the test of this file says so.
 */
let opening: Opening | null = null;

/** The pool as Kysely gets it: the client it hands out for a transaction being opened is told to that transaction. */
export function tellingPool(pool: pg.Pool): Pick<pg.Pool, 'connect' | 'end'> {
  return {
    connect: (async () => {
      const waiting = opening;
      opening = null;
      const client = await pool.connect();
      if (waiting) {
        waiting.client = client;
        beginWithoutWaiting(client, waiting);
      }
      return client;
    }) as pg.Pool['connect'],
    end: (() => pool.end()) as pg.Pool['end'],
  };
}

/**
 * Kysely opens a transaction with BEGIN and waits for its answer before the work issues anything:
 * a round trip of its own. The client's next query, when it is that BEGIN, is sent and answered
 * at once, so it leaves with the work's first statements; inHeldTransaction checks its real
 * answer before the commit. (A BEGIN fails only with its connection, which fails what follows it too.)
 */
function beginWithoutWaiting(client: pg.PoolClient, waiting: Opening): void {
  const query = client.query;
  client.query = ((...args: unknown[]) => {
    client.query = query;
    const sent = (query as (...args: unknown[]) => Promise<unknown>).apply(client, args);
    if (args[0] !== 'begin') return sent;
    waiting.begun = sent;
    // Its failure is thrown by inHeldTransaction; if the work failed first, the rollback says enough.
    sent.catch(() => {});
    return Promise.resolve({ command: 'BEGIN', rowCount: null, rows: [] });
  }) as typeof client.query;
}

/** The databases opened on a telling pool (open-database.ts); another Kysely (a plugin's) runs as Kysely does. */
const telling = new WeakSet<Kysely<Database>>();

/** Says that `db` runs on a telling pool, so its transactions may hold their client. */
export function tellsItsClients(db: Kysely<Database>): void {
  telling.add(db);
}

/**
 * Runs `work` in a transaction of `db`'s whose prepared queries run straight on the connection it
 * holds: on PostgreSQL sent on its client at once (pipelined, prepared-query.ts holdingClient), on
 * SQLite run on the spot (holdingConnection). SQLite's changes go through the commit group instead
 * (jobs/commit-group.ts), which holds its connection the same way.
 */
export function inHeldTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  if (!telling.has(db)) return db.transaction().execute((trx) => holdingConnection(db, trx, () => work(trx)));
  const waiting: Opening = { client: null, begun: null };
  opening = waiting;
  try {
    return db.transaction().execute(async (trx) => {
      if (!waiting.client) return work(trx);
      const result = await holdingClient(trx, waiting.client as unknown as PostgresClient, () => work(trx));
      await waiting.begun;
      return result;
    });
  } finally {
    opening = null;
  }
}

/**
 * Waits for writes issued together and answers the first one's value (a version claim's): the
 * first failure is thrown once every write has finished, so none is left running unwatched.
 */
export async function allWritten<T>(first: Promise<T>, rest: readonly Promise<unknown>[]): Promise<T> {
  const settled = await Promise.allSettled([first, ...rest]);
  const failed = settled.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  return (settled[0] as PromiseFulfilledResult<T>).value;
}
