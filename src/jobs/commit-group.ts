// SQLite writes one transaction at a time, and every commit writes each page it changed to the
// log once more: under a burst of approvals the commit was the costliest statement Dojang ran
// (bench/exports.bench.ts, BENCH_TIME_STATEMENTS). Changes that arrive while one is being
// written would wait for the connection anyway; here they share the next transaction, each in a
// savepoint of its own, so a change that fails (a conflict, a refusal) rolls back only its own
// writes. A change's caller hears that it succeeded only once the shared transaction has
// committed, and that it failed if the commit did.
import { CompiledQuery, type Kysely } from 'kysely';
import { holdingConnection } from '../store/prepared-query.ts';
import type { Database } from '../store/schema.ts';

/** Changes in one transaction at most: a long group would hold back the reads waiting behind it. */
const MAX_GROUP = 32;

const SAVEPOINT = CompiledQuery.raw('savepoint change');
const RELEASE = CompiledQuery.raw('release savepoint change');
const ROLLBACK = CompiledQuery.raw('rollback to savepoint change');

interface Waiting {
  work: (trx: Kysely<Database>) => Promise<unknown>;
  resolve: (result: unknown) => void;
  reject: (error: unknown) => void;
}

export class CommitGroup {
  private readonly waiting: Waiting[] = [];
  private writing = false;

  constructor(private readonly db: Kysely<Database>) {}

  /** Runs `work` in the next shared transaction; answers its result once that has committed. */
  run<T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ work, resolve: resolve as (result: unknown) => void, reject });
      if (this.writing) return;
      this.writing = true;
      // The rest of this turn of the event loop joins the group.
      setImmediate(() => void this.write());
    });
  }

  private async write(): Promise<void> {
    while (this.waiting.length > 0) {
      const taken: Waiting[] = [];
      const done: { entry: Waiting; result: unknown }[] = [];
      try {
        await this.db.transaction().execute((trx) =>
          holdingConnection(this.db, trx, async () => {
            // Changes arriving meanwhile join this transaction, up to the limit.
            while (taken.length < MAX_GROUP && this.waiting.length > 0) {
              const entry = this.waiting.shift()!;
              taken.push(entry);
              await trx.executeQuery(SAVEPOINT);
              try {
                const result = await entry.work(trx);
                await trx.executeQuery(RELEASE);
                done.push({ entry, result });
              } catch (error) {
                await trx.executeQuery(ROLLBACK);
                await trx.executeQuery(RELEASE);
                entry.reject(error);
              }
            }
          }),
        );
      } catch (error) {
        // The transaction failed as a whole (its begin, a savepoint, the commit): so did every
        // change in it. One that could not even begin fails those waiting, which would only fail
        // the same way, rather than trying again at once.
        for (const entry of taken.length > 0 ? taken : this.waiting.splice(0)) entry.reject(error);
        continue;
      }
      for (const { entry, result } of done) entry.resolve(result);
    }
    this.writing = false;
  }
}

const groups = new WeakMap<Kysely<Database>, CommitGroup>();

/** The commit group of a SQLite database (one per database: its changes share transactions). */
export function commitGroupOf(db: Kysely<Database>): CommitGroup {
  let group = groups.get(db);
  if (!group) {
    group = new CommitGroup(db);
    groups.set(db, group);
  }
  return group;
}
