// The delivery logs: a workflow's export events and messages with every attempt, the
// company's dead exports, redelivery. The receiver's authorization value is never shown.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Context } from '../../context.ts';
import { noSuchWorkflow } from '../../workflows/workflow-refusals.ts';
import { listJobs, type JobWithAttempts } from '../../jobs/list-jobs.ts';
import { redeliverExport } from '../../console/redeliver-exports.ts';
import { readLoggedExport, readLoggedNotification } from '../../jobs/retention.ts';
import type { Job } from '../../store/schema.ts';
import { OneOf } from '../shared/schema-builders.ts';
import {
  SHOWN_EXPORT_STATUSES,
  type ExportEvent as ExportEventAnswer,
  type NotificationEntry as NotificationAnswer,
  type ShownExportStatus,
} from './delivery-answers.ts';
import { callerFrom } from '../shared/token-caller.ts';
import { toTimestamp } from '../../domain/time.ts';
import { type CompanyId, toJobId, toWorkflowId, type WorkflowId, ID_PATTERN } from '../../domain/ids.ts';

// The status filter (?status=) of the console's delivery routes takes the same names.
export { SHOWN_EXPORT_STATUSES };

export const Attempt = Type.Object({
  at: Type.String(),
  ok: Type.Boolean(),
  channel: Type.Optional(Type.String()),
  status_code: Type.Union([Type.Integer(), Type.Null()]),
  duration_ms: Type.Integer(),
  error: Type.Union([Type.String(), Type.Null()]),
  response_excerpt: Type.Union([Type.String(), Type.Null()], { description: 'the first 4 KB of the response' }),
});

export const ExportEvent = Type.Object({
  event_id: Type.String(),
  workflow_id: Type.String(),
  processid: Type.String(),
  webhook_id: Type.String(),
  status: OneOf(SHOWN_EXPORT_STATUSES),
  url: Type.String(),
  created_at: Type.String(),
  next_attempt_at: Type.Union([Type.String(), Type.Null()]),
  finished_at: Type.Union([Type.String(), Type.Null()]),
  last_error: Type.Union([Type.String(), Type.Null()]),
  payload: Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()], { description: 'the JSON sent; null once cleared by retention' }),
  cleared_at: Type.Union([Type.String(), Type.Null()], {
    description: 'when retention (DOJANG_RETENTION_DAYS) cleared the payload and the response excerpts; the attempts stay',
  }),
  attempts: Type.Array(Attempt),
});

export const EXPORT_STATUS: Record<Job['status'], ShownExportStatus> = {
  pending: 'pending',
  running: 'delivering',
  succeeded: 'delivered',
  dead: 'dead',
};

/** The job status each shown state stands for (?status= of the delivery logs). */
export const JOB_STATUS_SHOWN_AS: Record<ShownExportStatus, Job['status']> = {
  pending: 'pending',
  delivering: 'running',
  delivered: 'succeeded',
  dead: 'dead',
};

function attemptsOf(entry: JobWithAttempts) {
  return entry.attempts.map((a) => ({
    at: a.started_at,
    ok: a.ok === 1,
    ...(a.channel ? { channel: a.channel } : {}),
    status_code: a.status_code,
    duration_ms: a.duration_ms,
    error: a.error,
    response_excerpt: a.response_excerpt,
  }));
}

/** A URL as shown: without any user:password it may carry. */
function shownUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url;
  }
}

/** An export job as the delivery logs show it (v1 API and console). */
export function exportEvent(entry: JobWithAttempts): ExportEventAnswer {
  const { job } = entry;
  const event = readLoggedExport(job);
  return {
    event_id: String(job.id),
    workflow_id: String(job.workflow_id),
    processid: String(event.processId),
    webhook_id: event.webhookId,
    status: EXPORT_STATUS[job.status],
    url: shownUrl(event.url),
    created_at: job.created_at,
    next_attempt_at: job.status === 'pending' ? job.run_at : null,
    finished_at: job.finished_at,
    last_error: job.last_error,
    payload: event.payload,
    cleared_at: job.cleared_at,
    attempts: attemptsOf(entry),
  };
}

export const NotificationEntry = Type.Object({
  notification_id: Type.String(),
  kind: Type.String(),
  to: Type.Object({ name: Type.String(), identity: Type.String(), language: Type.String() }),
  status: OneOf(['pending', 'sending', 'sent', 'skipped', 'failed'], {
    description: 'skipped: no longer due when its turn came (the signer had already acted)',
  }),
  created_at: Type.String(),
  next_attempt_at: Type.Union([Type.String(), Type.Null()]),
  last_error: Type.Union([Type.String(), Type.Null()]),
  attempts: Type.Array(Attempt),
});

const NOTIFICATION_STATUS = { pending: 'pending', running: 'sending', succeeded: 'sent', dead: 'failed' } as const;

/** A message job as the delivery logs show it (v1 API and console); the signing link it carries is not shown. */
export function notificationEntry(entry: JobWithAttempts): NotificationAnswer {
  // Once cleared by retention, `to` keeps only the language (jobs/retention.ts).
  const intent = readLoggedNotification(entry.job);
  return {
    notification_id: String(entry.job.id),
    kind: intent.kind,
    to: intent.to,
    status: entry.job.status === 'succeeded' && entry.attempts.at(-1)?.channel === 'none' ? ('skipped' as const) : NOTIFICATION_STATUS[entry.job.status],
    created_at: entry.job.created_at,
    next_attempt_at: entry.job.status === 'pending' ? entry.job.run_at : null,
    last_error: entry.job.last_error,
    attempts: attemptsOf(entry),
  };
}

const WorkflowParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });

export function deliveryRoutes(scope: FastifyInstance, ctx: Context): void {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const ownWorkflow = async (companyId: CompanyId, id: WorkflowId) => {
    const row = await ctx.db.selectFrom('workflows').select('id').where('id', '=', id).where('company_id', '=', companyId).executeTakeFirst();
    if (!row) throw noSuchWorkflow(id);
  };

  app.get(
    '/api/v1/workflows/:id/exports',
    {
      schema: {
        summary: "A workflow's export events, each with every delivery attempt",
        tags: ['Dojang'],
        params: WorkflowParams,
        response: { 200: Type.Object({ workflow_id: Type.String(), events: Type.Array(ExportEvent) }) },
      },
    },
    async (request) => {
      const caller = callerFrom(request);
      const id = toWorkflowId(Number(request.params.id));
      await ownWorkflow(caller.companyId, id);
      const events = await listJobs(ctx.db, { companyId: caller.companyId, queue: 'export', workflowId: id });
      return { workflow_id: String(id), events: events.map(exportEvent) };
    },
  );

  app.get(
    '/api/v1/exports',
    {
      schema: {
        summary: "The company's export events, e.g. the dead ones (?status=dead)",
        tags: ['Dojang'],
        querystring: Type.Object({
          status: Type.Optional(OneOf(SHOWN_EXPORT_STATUSES)),
          since: Type.Optional(Type.String({ format: 'date-time', description: 'events created at or after this instant' })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
        }),
        response: { 200: Type.Object({ events: Type.Array(ExportEvent) }) },
      },
    },
    async (request) => {
      const caller = callerFrom(request);
      const { query } = request;
      const status = query.status === undefined ? undefined : JOB_STATUS_SHOWN_AS[query.status];
      const events = await listJobs(ctx.db, {
        companyId: caller.companyId,
        queue: 'export',
        ...(status ? { status } : {}),
        ...(query.since ? { since: toTimestamp(new Date(query.since)) } : {}),
        limit: query.limit ?? 100,
      });
      return { events: events.map(exportEvent) };
    },
  );

  app.post(
    '/api/v1/exports/:eventId/redeliver',
    {
      schema: {
        summary: 'Send an export event again (same webhook-id and processid), after the events before it',
        tags: ['Dojang'],
        params: Type.Object({ eventId: Type.String({ pattern: ID_PATTERN }) }),
        response: { 202: Type.Object({ event_id: Type.String(), status: Type.Literal('pending') }) },
      },
    },
    async (request, reply) => {
      const caller = callerFrom(request);
      const id = toJobId(Number(request.params.eventId));
      await redeliverExport(ctx, caller.companyId, id);
      return reply.code(202).send({ event_id: String(id), status: 'pending' });
    },
  );

  app.get(
    '/api/v1/workflows/:id/notifications',
    {
      schema: {
        summary: "A workflow's messages (email, KakaoTalk, SMS), each with every attempt",
        tags: ['Dojang'],
        params: WorkflowParams,
        response: {
          200: Type.Object({
            workflow_id: Type.String(),
            notifications: Type.Array(NotificationEntry),
          }),
        },
      },
    },
    async (request) => {
      const caller = callerFrom(request);
      const id = toWorkflowId(Number(request.params.id));
      await ownWorkflow(caller.companyId, id);
      const jobs = await listJobs(ctx.db, { companyId: caller.companyId, queue: 'notify', workflowId: id });
      return {
        workflow_id: String(id),
        notifications: jobs.map(notificationEntry),
      };
    },
  );
}
