// Sending export events again from the console: one event, or every failed one since a date
// (dead, or waiting for a retry after failing). Each goes back in line with requeueJob, so
// it keeps its webhook-id and processid and still waits for its workflow's earlier events.
import type { Context } from '../context.ts';
import { said } from '../domain/said.ts';
import { DojangError } from '../errors.ts';
import { noEffects } from '../jobs/change.ts';
import { requeueJob } from '../jobs/outbox.ts';
import { toTimestamp } from '../domain/time.ts';
import type { CompanyId, JobId } from '../domain/ids.ts';

/** At most this many events are put back in line by one call. */
export const REDELIVER_BATCH = 1000;

/** Sends one event again (the v1 API and the console); not one whose payload retention cleared: there is nothing left to send. */
export async function redeliverExport(ctx: Context, companyId: CompanyId, eventId: JobId): Promise<void> {
  const job = await ctx.db
    .selectFrom('jobs')
    .select(['id', 'cleared_at'])
    .where('id', '=', eventId)
    .where('queue', '=', 'export')
    .where('company_id', '=', companyId)
    .executeTakeFirst();
  if (!job) throw new DojangError('not-found', said('noExportEvent', { id: eventId }));
  if (job.cleared_at !== null) throw new DojangError('state', said('exportEventCleared', { id: eventId, clearedAt: job.cleared_at }));
  if (!(await requeueJob(ctx.db, eventId, ctx.clock()))) throw new DojangError('state', said('exportEventInFlight', { id: eventId }));
  ctx.committed({ ...noEffects(), redeliveries: 1 });
}

export async function redeliverFailedSince(ctx: Context, companyId: CompanyId, since: Date): Promise<{ requeued: number; busy: number }> {
  const failed = await ctx.db
    .selectFrom('jobs')
    .select('id')
    .where('company_id', '=', companyId)
    .where('queue', '=', 'export')
    .where('created_at', '>=', toTimestamp(since))
    .where('cleared_at', 'is', null)
    .where((eb) => eb.or([eb('status', '=', 'dead'), eb.and([eb('status', '=', 'pending'), eb('last_error', 'is not', null)])]))
    .orderBy('id')
    .limit(REDELIVER_BATCH)
    .execute();
  let requeued = 0;
  for (const { id } of failed) if (await requeueJob(ctx.db, id, ctx.clock())) requeued++;
  if (requeued > 0) ctx.committed({ ...noEffects(), redeliveries: requeued });
  return { requeued, busy: failed.length - requeued };
}
