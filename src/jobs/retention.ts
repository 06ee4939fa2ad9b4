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
import Type, { type Static } from 'typebox';
import { payloadReader } from './queue.ts';
import { ExportEventSchema, exportQueue, notifyQueue, type NotificationJob } from './queues.ts';

/** Jobs cleared per transaction, and per sweep at most BATCH × BATCHES_PER_SWEEP (the rest next minute). */
const BATCH = 500;
const BATCHES_PER_SWEEP = 20;

/** An export event as the delivery log reads it: once cleared, the payload is null. */
const LoggedExportSchema = Type.Object({ ...ExportEventSchema.properties, payload: Type.Union([ExportEventSchema.properties.payload, Type.Null()]) });
export type LoggedExport = Static<typeof LoggedExportSchema>;
export const readLoggedExport = payloadReader(LoggedExportSchema, 'an export event');

/** A message as the delivery log reads it: once cleared, its kind and the recipient's language, nobody's name or address. */
const LoggedNotificationSchema = Type.Object({
  kind: Type.Union([
    Type.Literal('sign-request'),
    Type.Literal('resend'),
    Type.Literal('expiry-reminder'),
    Type.Literal('otp'),
    Type.Literal('completed'),
    Type.Literal('canceled'),
  ]),
  to: Type.Object({ name: Type.String(), identity: Type.String(), language: Type.String() }),
});
export const readLoggedNotification = payloadReader(LoggedNotificationSchema, 'a message');

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
        await trx
          .updateTable('jobs')
          .set({ payload: clearedPayload(job), cleared_at: toTimestamp(now) })
          .where('id', '=', job.id)
          .execute();
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
function clearedPayload(job: { id: JobId; queue: string; payload: string }): string {
  if (job.queue === 'export') {
    const { processId, webhookId, url } = exportQueue.read(job);
    return JSON.stringify({ processId, webhookId, url, payload: null } satisfies LoggedExport);
  }
  if (job.queue === 'notify') {
    const { kind, to }: NotificationJob = notifyQueue.read(job);
    return JSON.stringify({ kind, to: { name: '', identity: '', language: to.language } } satisfies Static<typeof LoggedNotificationSchema>);
  }
  return job.payload;
}
