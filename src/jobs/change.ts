// One unit of work: a change to the database and the jobs it causes, committed together.
//
//   await change(ctx, async (tx) => {
//     await tx.db.updateTable('workflows')…;
//     await tx.enqueue(notifyQueue, { companyId, workflowId }, { kind: 'resend', … });
//   });
//
// `change` opens the transaction, hands the work a typed `enqueue`, and once the transaction has
// committed wakes the workers of the queues written to (a rolled-back change wakes nobody and
// wrote nothing). A job of a queue written claimed (queue.ts, writtenClaimed) is reserved with
// this process's worker as it is written, and runs here without a claim once committed.
import type { Kysely } from 'kysely';
import type { Context, Effects } from '../context.ts';
import type { JobId } from '../domain/ids.ts';
import type { Database } from '../store/schema.ts';
import { commitGroupOf } from './commit-group.ts';
import { inHeldTransaction } from '../store/held-transaction.ts';
import { enqueueClaimedJob, enqueueJob } from './outbox.ts';
import type { JobScope, Queue } from './queue.ts';

export interface ChangeTx {
  /** The change's transaction. */
  db: Kysely<Database>;
  /** The change's instant: every row it writes says this time. */
  now: Date;
  effects: Effects;
  /**
   * Writes a job of `queue` in this transaction; it runs once the change commits. `context` is
   * what the change knows that the job's handler would otherwise read back (queue.ts, Known).
   */
  enqueue<P, C>(queue: Queue<P, C>, scope: JobScope, payload: P, context?: NoInfer<C>): Promise<JobId>;
}

export type ChangeContext = Pick<Context, 'db' | 'dialect' | 'clock' | 'committed' | 'reserve'>;

export function noEffects(): Effects {
  return { queued: { export: 0, notify: 0, document: 0 }, redeliveries: 0, adoptions: [], unclaimed: {} };
}

/**
 * Runs `work` in one transaction (on SQLite, shared with the changes arriving together: its own
 * savepoint in it, commit-group.ts); after the commit, the jobs it wrote are set going.
 */
export async function change<T>(ctx: ChangeContext, work: (tx: ChangeTx) => Promise<T>, now: Date = ctx.clock()): Promise<T> {
  const effects = noEffects();
  const run = (trx: Kysely<Database>) => work(changeIn(ctx, trx, now, effects));
  const result = ctx.dialect === 'sqlite' ? await commitGroupOf(ctx.db).run(run) : await inHeldTransaction(ctx.db, run);
  ctx.committed(effects);
  return result;
}

function changeIn(ctx: ChangeContext, trx: Kysely<Database>, now: Date, effects: Effects): ChangeTx {
  return {
    db: trx,
    now,
    effects,
    async enqueue(queue, scope, payload, context) {
      const job = queue.job(scope, payload);
      effects.queued[queue.name]++;
      const reservation = queue.writtenClaimed ? ctx.reserve(queue.name, job.target ?? null) : null;
      const row = reservation ? await enqueueClaimedJob(trx, job, now, reservation) : null;
      if (reservation && row?.status === 'running') {
        effects.adoptions.push({ reservation, job: row, known: { payload, context } });
        return row.id;
      }
      // Written for any worker to claim (a reservation whose job waits behind another of its key, too).
      (effects.unclaimed[queue.name] ??= []).push(job.target ?? null);
      return row ? row.id : enqueueJob(trx, job, now);
    },
  };
}
