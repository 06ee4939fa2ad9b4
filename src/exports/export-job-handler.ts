// Carries out one export job: one delivery attempt, then what the retry schedule says.
// Order per workflow and leases are the outbox's business (jobs/outbox.ts).
import type { Context } from '../context.ts';
import type { ExportConfig } from '../domain/export-config.ts';
import { payloadAsSent } from '../domain/export-payload.ts';
import type { QueueHandler } from '../jobs/queue.ts';
import type { ExportEvent } from '../jobs/queues.ts';
import { signingSecrets } from './company-webhook-secrets.ts';
import { deliverExport } from './deliver-export.ts';
import type { ExportMetrics } from './export-metrics.ts';
import type { GuardedAgent } from './guarded-agent.ts';
import { nextAttemptDelayMs, type RetrySchedule } from '../jobs/retry-schedule.ts';
import { prepareQuery } from '../store/prepared-query.ts';
import type { WorkflowId } from '../domain/ids.ts';

export interface ExportDeliveryDeps {
  ctx: Pick<Context, 'db' | 'clock'>;
  dispatcher: GuardedAgent;
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

export function exportJobHandler(deps: ExportDeliveryDeps): QueueHandler<ExportEvent> {
  const { ctx, dispatcher, schedule, timeoutMs, metrics } = deps;
  return async (job, event, stopping) => {
    // The receiver's authorization (kept out of the job) and the company's signing secrets, in one read.
    const [row] = await receiverAndSecrets.rows(ctx.db, { workflowId: job.workflow_id! });
    if (!row) throw new Error(`export job ${job.id}: its workflow is gone`);
    const config = JSON.parse(row.export_config!) as ExportConfig;
    const startedAt = ctx.clock();
    const outcome = await deliverExport({
      url: event.url,
      body: JSON.stringify(payloadAsSent(event.payload, config.authorization)),
      ...(config.authorization ? { authorization: config.authorization } : {}),
      webhookId: event.webhookId,
      timestamp: startedAt,
      secrets: signingSecrets(row, startedAt),
      timeoutMs,
      dispatcher,
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
