// A transaction whose prepared queries run straight on the connection it holds (prepared-query.ts).
// On PostgreSQL the pool's clients are pipelined (open-database.ts): the statements a change
// issues together, without waiting for each answer, travel in one round trip instead of one
// each. Kysely does not say which client a transaction got, so the pool handed to Kysely tells
// the transaction being opened in this async context.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import { holdingClient, holdingConnection, type PostgresClient } from './prepared-query.ts';
import type { Database } from './schema.ts';

const opening = new AsyncLocalStorage<{ client: pg.PoolClient | null }>();

/** The pool as Kysely gets it: a client handed out while a transaction opens is told to it. */
export function tellingPool(pool: pg.Pool): Pick<pg.Pool, 'connect' | 'end'> {
  return {
    connect: (async () => {
      const client = await pool.connect();
      const waiting = opening.getStore();
      if (waiting && waiting.client === null) waiting.client = client;
      return client;
    }) as pg.Pool['connect'],
    end: (() => pool.end()) as pg.Pool['end'],
  };
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
  const waiting: { client: pg.PoolClient | null } = { client: null };
  return opening.run(waiting, () =>
    db.transaction().execute((trx) => (waiting.client ? holdingClient(trx, waiting.client as unknown as PostgresClient, () => work(trx)) : work(trx))),
  );
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
