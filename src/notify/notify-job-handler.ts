// Carries out one notify job: renders the queued intent into a message with the workflow as it
// is now, sends it, records every channel attempt, and retries with backoff when retrying may
// help. A failing channel only ever delays its own message, never the workflow, its exports or
// other messages (a known failure elsewhere: one broken mail server holding back the completion
// webhook).
import type { Context } from '../context.ts';
import type { QueueHandler } from '../jobs/queue.ts';
import type { AttemptRecord } from '../jobs/outbox.ts';
import type { NotificationJob } from '../jobs/queues.ts';
import type { NotificationMessage } from './message.ts';
import type { NotificationSender } from './send-notification.ts';
import { nextAttemptDelayMs, type RetrySchedule } from '../jobs/retry-schedule.ts';
import type { WorkflowId } from '../domain/ids.ts';

/** Seconds before each try: at once, then 30 s, 2 min, 10 min, 30 min, 1 h, 3 h, 6 h, 12 h, 24 h; then dead. */
export const DEFAULT_NOTIFY_RETRY_SCHEDULE: RetrySchedule = [0, 30, 120, 600, 1800, 3600, 10800, 21600, 43200, 86400];

interface WorkflowFacts {
  companyName: string;
  workflowName: string;
  comment: string;
  expiresOn: string | null;
  status: string;
  currentStep: number;
}

async function workflowFacts(ctx: Pick<Context, 'db'>, workflowId: WorkflowId): Promise<WorkflowFacts> {
  const row = await ctx.db
    .selectFrom('workflows as w')
    .innerJoin('companies as c', 'c.id', 'w.company_id')
    .select(['c.name as companyName', 'w.name as workflowName', 'w.comment', 'w.expires_on', 'w.status', 'w.current_step'])
    .where('w.id', '=', workflowId)
    .executeTakeFirstOrThrow();
  return { ...row, expiresOn: row.expires_on, currentStep: row.current_step };
}

/** The message for an intent, or why it should no longer be sent. */
export function renderIntent(job: NotificationJob, facts: WorkflowFacts): NotificationMessage | { skip: string } {
  const base = { language: job.to.language, to: { name: job.to.name, identity: job.to.identity }, companyName: facts.companyName };
  const stillDue = (step: number) => facts.status === 'Playing' && facts.currentStep === step;
  switch (job.kind) {
    case 'sign-request':
    case 'resend':
      if (!stillDue(job.step)) return { skip: `step ${job.step} is no longer due (workflow ${facts.status}, step ${facts.currentStep})` };
      return {
        ...base,
        kind: job.kind,
        workflowName: facts.workflowName,
        comment: facts.comment,
        signingUrl: job.signUrl,
        expiresOn: facts.expiresOn,
        returned: job.kind === 'sign-request' && job.returnedBy ? { by: job.returnedBy.name, reason: job.returnedBy.reason } : null,
      };
    case 'expiry-reminder':
      if (!stillDue(job.step) || !facts.expiresOn) return { skip: `step ${job.step} is no longer due` };
      return { ...base, kind: 'expiry-reminder', workflowName: facts.workflowName, signingUrl: job.signUrl, expiresOn: facts.expiresOn };
    case 'otp':
      return { ...base, kind: 'otp', code: job.code, validMinutes: job.validMinutes };
    case 'completed':
      return { ...base, kind: 'completed', workflowName: facts.workflowName, documentUrl: job.documentUrl, certificateUrl: job.certificateUrl };
    case 'canceled':
      return {
        ...base,
        kind: 'canceled',
        workflowName: facts.workflowName,
        cause:
          job.cause === 'company'
            ? { by: 'company', reason: job.reason }
            : job.cause === 'returned'
              ? { by: 'first-signer', signerName: job.by, reason: job.reason }
              : { by: 'expiry' },
      };
  }
}

export function notifyJobHandler(
  ctx: Pick<Context, 'db' | 'clock'>,
  sender: NotificationSender,
  schedule: RetrySchedule = DEFAULT_NOTIFY_RETRY_SCHEDULE,
): QueueHandler<NotificationJob> {
  return async (job, intent) => {
    const message = renderIntent(intent, await workflowFacts(ctx, job.workflow_id!));
    if ('skip' in message) {
      const attempt: AttemptRecord = {
        startedAt: ctx.clock(),
        durationMs: 0,
        ok: true,
        channel: 'none',
        error: null,
        responseExcerpt: `not sent: ${message.skip}`,
      };
      return { resolution: { kind: 'succeeded' }, attempts: [attempt] };
    }
    const result = await sender.send(message);
    const attempts: AttemptRecord[] = result.attempts.map((a) => ({
      startedAt: new Date(a.startedAt),
      durationMs: a.durationMs,
      ok: a.ok,
      channel: a.channel,
      error: a.error,
      responseExcerpt: [a.providerId ? `id ${a.providerId}` : '', ...Object.entries(a.detail).map(([k, v]) => `${k}: ${v}`)].filter(Boolean).join('; ') || null,
    }));
    if (result.ok) return { resolution: { kind: 'succeeded' }, attempts };
    const wait = result.retryable ? nextAttemptDelayMs(job.attempts, schedule) : null;
    if (wait === null) return { resolution: { kind: 'dead', error: result.error }, attempts };
    return { resolution: { kind: 'retry', at: new Date(ctx.clock().getTime() + wait), error: result.error }, attempts };
  };
}
