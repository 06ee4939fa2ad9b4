// Carries out one export job: one delivery attempt, then what the retry schedule says.
// Order per workflow and leases are the outbox's business (jobs/outbox.ts).
import type { Kysely } from 'kysely';
import type { Context } from '../context.ts';
import type { ExportConfig } from '../domain/export-config.ts';
import { payloadAsSent } from '../domain/export-payload.ts';
import type { QueueHandler } from '../jobs/queue.ts';
import type { ExportEvent, ExportReceiver } from '../jobs/queues.ts';
import { signingSecrets } from './company-webhook-secrets.ts';
import { deliverExport } from './deliver-export.ts';
import type { ExportMetrics } from './export-metrics.ts';
import type { GuardedAgent } from './guarded-agent.ts';
import { nextAttemptDelayMs, type RetrySchedule } from '../jobs/retry-schedule.ts';
import { prepareQuery } from '../store/prepared-query.ts';
import type { WorkflowId } from '../domain/ids.ts';
import type { Database, Job } from '../store/schema.ts';

export interface ExportDeliveryDeps {
  ctx: Pick<Context, 'db' | 'clock'>;
  agent: GuardedAgent;
  schedule: RetrySchedule;
  timeoutMs: number;
  metrics: ExportMetrics;
  random?: () => number;
}

const receiverAndSecrets = prepareQuery<{ workflowId: WorkflowId }>()((db, p) =>
  db
    .selectFrom('workflows as w')
    .innerJoin('companies as c', 'c.id', 'w.company_id')
    .select(['w.export_config', 'c.webhook_secret', 'c.webhook_secret_previous', 'c.webhook_secret_previous_until'])
    .where('w.id', '=', p.workflowId),
);

/**
 * How old the receiver known by the change that queued an export may be for an attempt to use it
 * rather than read it again (under a burst, exports wait a second or two for their slot). A
 * rotated webhook secret signs every attempt that starts later; one sooner is signed as the event
 * was made, which a receiver still holding the old secret verifies (docs/export-api.md).
 */
const KNOWN_RECEIVER_MS = 5000;

/** The receiver's authorization (kept out of the job) and the company's signing secrets, in one read. */
async function readReceiver(db: Kysely<Database>, job: Job): Promise<Omit<ExportReceiver, 'readAt'>> {
  const [row] = await receiverAndSecrets.rows(db, { workflowId: job.workflow_id! });
  if (!row) throw new Error(`export job ${job.id}: its workflow is gone`);
  return { authorization: (JSON.parse(row.export_config!) as ExportConfig).authorization, company: row };
}

export function exportJobHandler(deps: ExportDeliveryDeps): QueueHandler<ExportEvent, ExportReceiver> {
  const { ctx, agent, schedule, timeoutMs, metrics } = deps;
  return async (job, event, stopping, known) => {
    const fresh = known !== undefined && ctx.clock().getTime() - known.readAt.getTime() <= KNOWN_RECEIVER_MS;
    const { authorization, company } = fresh ? known : await readReceiver(ctx.db, job);
    const startedAt = ctx.clock();
    const outcome = await deliverExport({
      url: event.url,
      body: JSON.stringify(payloadAsSent(event.payload, authorization)),
      ...(authorization ? { authorization } : {}),
      webhookId: event.webhookId,
      timestamp: startedAt,
      secrets: signingSecrets(company, startedAt),
      timeoutMs,
      agent,
      stopping,
    });
    const finishedAt = ctx.clock();
    metrics.recordAttempt(outcome, new Date(job.created_at), finishedAt);
    const attempt = {
      startedAt,
      durationMs: outcome.durationMs,
      ok: outcome.kind === 'delivered',
      statusCode: outcome.statusCode ?? null,
      error: outcome.error ?? null,
      responseExcerpt: outcome.responseExcerpt,
    };
    const attempts = [attempt];
    if (outcome.kind === 'delivered') return { resolution: { kind: 'succeeded' }, attempts };
    const error = outcome.error ?? `HTTP ${outcome.statusCode ?? '?'}`;
    const delay = outcome.kind === 'gone' ? null : nextAttemptDelayMs(job.attempts, schedule, deps.random ?? Math.random, outcome.retryAfterMs);
    if (delay === null) {
      metrics.recordDead();
      return {
        resolution: { kind: 'dead', error: outcome.kind === 'gone' ? `${error} (410 Gone: the receiver asked for no more attempts)` : error },
        attempts,
      };
    }
    return { resolution: { kind: 'retry', at: new Date(finishedAt.getTime() + delay), error }, attempts };
  };
}
