// A pipelined pg client (open-database.ts) writes each query to its socket as it is issued: one
// write, one packet and one wake-up of the server per statement, even for the statements a change
// issues together (held-transaction.ts). On loopback the sender pays for the receiver's side of
// each packet too: profiled under the exports bench on PostgreSQL, those writes held a third of
// the main thread's samples (much of it the thread set aside while the server woke, rather than
// CPU of its own). Holding the socket's writes until the current turn of the event loop has
// issued what it will sends the statements issued together in one write.
import type { Duplex } from 'node:stream';
import type pg from 'pg';

/** Makes the queries `client` is given in one turn of the event loop leave in one write. */
export function coalesceWrites(client: pg.PoolClient): void {
  const { stream } = (client as unknown as { connection: { stream: Duplex } }).connection;
  const query = client.query as (...args: unknown[]) => unknown;
  let held = false;
  const release = () => {
    held = false;
    stream.uncork();
  };
  client.query = ((...args: unknown[]) => {
    if (!held) {
      held = true;
      stream.cork();
      process.nextTick(release);
    }
    return query.apply(client, args);
  }) as typeof client.query;
}
