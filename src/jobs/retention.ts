// Retention of personal data in the delivery logs. An export event carries the contract's
// values (names, phone numbers, whatever the integrator picked out of the document), and a
// receiver's answer may echo them; a message carries its recipient and their link. Once an event
// or a message is finished (delivered, or given up) and DOJANG_RETENTION_DAYS have passed, that
// content is cleared: the event keeps its id, webhook-id, processid and URL, the message its kind
// and language; every attempt keeps its time, outcome, status code, duration and error, so the
// log still shows each one. The contract itself (its values, history and documents) is not
// touched: that is the record the company keeps.
import type { Context } from '../context.ts';
import type { JobId } from '../domain/ids.ts';
import { toTimestamp } from '../domain/time.ts';
import type { ExportJob } from '../workflows/change-kit.ts';
import type { NotificationJob } from '../workflows/notification-job.ts';

/** Jobs cleared per transaction, and per sweep at most BATCH × BATCHES_PER_SWEEP (the rest next minute). */
const BATCH = 500;
const BATCHES_PER_SWEEP = 20;

/** An export event once cleared: what the delivery log still shows, the payload gone. */
export type ClearedExportJob = Omit<ExportJob, 'payload'> & { payload: null };

/** A message once cleared: its kind and the recipient's language, nobody's name or address. */
export interface ClearedNotificationJob {
  kind: NotificationJob['kind'];
  to: { name: ''; identity: ''; language: string };
}

/** Clears the content of finished exports and messages older than the retention period; answers how many jobs. */
export async function clearExpiredDeliveries(ctx: Pick<Context, 'db' | 'clock' | 'config'>): Promise<number> {
  const now = ctx.clock();
  const cutoff = toTimestamp(new Date(now.getTime() - ctx.config.retentionDays * 86_400_000));
  let cleared = 0;
  for (let batch = 0; batch < BATCHES_PER_SWEEP; batch++) {
    const done = await ctx.db.transaction().execute(async (trx) => {
      const jobs = await trx
        .selectFrom('jobs')
        .select(['id', 'queue', 'payload'])
        .where('cleared_at', 'is', null)
        .where('status', 'in', ['succeeded', 'dead'])
        .where('finished_at', '<', cutoff)
        .orderBy('finished_at')
        .limit(BATCH)
        .execute();
      for (const job of jobs) {
        await trx.updateTable('jobs').set({ payload: clearedPayload(job.queue, job.payload), cleared_at: toTimestamp(now) }).where('id', '=', job.id).execute();
      }
      const ids = jobs.map((job) => job.id as JobId);
      if (ids.length > 0) await trx.updateTable('job_attempts').set({ response_excerpt: null }).where('job_id', 'in', ids).execute();
      return jobs.length;
    });
    cleared += done;
    if (done < BATCH) break;
  }
  return cleared;
}

/** What stays of a job's payload: the export's routing facts, the message's kind and language; other queues carry no personal data. */
function clearedPayload(queue: string, payload: string): string {
  if (queue === 'export') {
    const { processId, webhookId, url } = JSON.parse(payload) as ExportJob;
    return JSON.stringify({ processId, webhookId, url, payload: null } satisfies ClearedExportJob);
  }
  if (queue === 'notify') {
    const { kind, to } = JSON.parse(payload) as NotificationJob;
    return JSON.stringify({ kind, to: { name: '', identity: '', language: to.language } } satisfies ClearedNotificationJob);
  }
  return payload;
}
