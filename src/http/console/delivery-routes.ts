// Deliveries in the console: a contract's export events and messages with every attempt, the
// company's export events (dead ones first to see), sending events again, and the webhook
// signing secret (shown when asked, rotated by admins). The shapes are the v1 delivery logs'.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Context } from '../../context.ts';
import { redeliverExport, redeliverFailedSince, REDELIVER_BATCH } from '../../console/redeliver-exports.ts';
import { DojangError } from '../../errors.ts';
import { said } from '../../domain/said.ts';
import { rotateWebhookSecret } from '../../exports/company-webhook-secrets.ts';
import { listJobs } from '../../jobs/list-jobs.ts';
import { SecretAnswer, webhookSecretAnswer } from '../v1/company.ts';
import { ExportEvent, exportEvent, JOB_STATUS_SHOWN_AS, NotificationEntry, notificationEntry, SHOWN_EXPORT_STATUSES } from '../v1/deliveries.ts';
import { OneOf } from '../shared/schema-builders.ts';
import { consoleSessionOf } from './console-security.ts';
import { Nullable, problems, SECURITY, TAGS } from './schemas.ts';
import { toTimestamp } from '../../domain/time.ts';
import { type CompanyId, toJobId, toWorkflowId, type WorkflowId, ID_PATTERN } from '../../domain/ids.ts';

const WorkflowParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });

export function deliveryRoutes(scope: FastifyInstance, ctx: Context): void {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const ownWorkflow = async (companyId: CompanyId, id: WorkflowId) => {
    const row = await ctx.db.selectFrom('workflows').select('id').where('id', '=', id).where('company_id', '=', companyId).executeTakeFirst();
    if (!row) throw new DojangError('not-found', said('noContract', { id }));
  };

  app.get(
    '/console/api/contracts/:id/exports',
    {
      schema: {
        summary: "A contract's export events with every attempt",
        tags: TAGS,
        security: SECURITY,
        params: WorkflowParams,
        response: { 200: Type.Object({ events: Type.Array(ExportEvent) }), ...problems(401, 404) },
      },
    },
    async (request) => {
      const { caller } = consoleSessionOf(request);
      const id = toWorkflowId(Number(request.params.id));
      await ownWorkflow(caller.companyId, id);
      return { events: (await listJobs(ctx.db, { companyId: caller.companyId, queue: 'export', workflowId: id })).map(exportEvent) };
    },
  );

  app.get(
    '/console/api/contracts/:id/notifications',
    {
      schema: {
        summary: "A contract's messages (email, KakaoTalk, SMS) with every attempt",
        tags: TAGS,
        security: SECURITY,
        params: WorkflowParams,
        response: { 200: Type.Object({ notifications: Type.Array(NotificationEntry) }), ...problems(401, 404) },
      },
    },
    async (request) => {
      const { caller } = consoleSessionOf(request);
      const id = toWorkflowId(Number(request.params.id));
      await ownWorkflow(caller.companyId, id);
      return { notifications: (await listJobs(ctx.db, { companyId: caller.companyId, queue: 'notify', workflowId: id })).map(notificationEntry) };
    },
  );

  app.get(
    '/console/api/exports',
    {
      schema: {
        summary: "The company's export events, newest first, a page at a time",
        tags: TAGS,
        security: SECURITY,
        querystring: Type.Object({
          status: Type.Optional(OneOf(SHOWN_EXPORT_STATUSES)),
          since: Type.Optional(Type.String({ format: 'date-time' })),
          before: Type.Optional(Type.String({ pattern: ID_PATTERN, description: 'next_before of the previous page' })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
        }),
        response: { 200: Type.Object({ events: Type.Array(ExportEvent), next_before: Nullable(Type.String()) }), ...problems(400, 401) },
      },
    },
    async (request) => {
      const { caller } = consoleSessionOf(request);
      const { query } = request;
      const status = query.status === undefined ? undefined : JOB_STATUS_SHOWN_AS[query.status];
      const limit = query.limit ?? 50;
      const entries = await listJobs(ctx.db, {
        companyId: caller.companyId,
        queue: 'export',
        newestFirst: true,
        limit: limit + 1,
        ...(status ? { status } : {}),
        ...(query.since ? { since: toTimestamp(new Date(query.since)) } : {}),
        ...(query.before ? { beforeId: toJobId(Number(query.before)) } : {}),
      });
      const page = entries.slice(0, limit);
      return { events: page.map(exportEvent), next_before: entries.length > limit ? String(page.at(-1)!.job.id) : null };
    },
  );

  app.post(
    '/console/api/exports/:id/redeliver',
    {
      schema: {
        summary: 'Send an export event again (same webhook-id and processid)',
        tags: TAGS,
        security: SECURITY,
        params: WorkflowParams,
        response: { 202: Type.Object({ event_id: Type.String(), status: Type.Literal('pending') }), ...problems(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { caller } = consoleSessionOf(request);
      const id = toJobId(Number(request.params.id));
      await redeliverExport(ctx, caller.companyId, id);
      return reply.code(202).send({ event_id: String(id), status: 'pending' as const });
    },
  );

  app.post(
    '/console/api/exports/redeliver-failed',
    {
      schema: {
        summary: `Send again every export event that failed (dead, or waiting to retry) created since an instant; at most ${REDELIVER_BATCH} per call`,
        tags: TAGS,
        security: SECURITY,
        body: Type.Object({ since: Type.String({ format: 'date-time' }) }),
        response: {
          202: Type.Object({ requeued: Type.Integer(), busy: Type.Integer({ description: 'being delivered right now, left alone' }) }),
          ...problems(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const { caller } = consoleSessionOf(request);
      const since = new Date(request.body.since);
      return reply.code(202).send(await redeliverFailedSince(ctx, caller.companyId, since));
    },
  );

  app.get(
    '/console/api/webhook-secret',
    {
      schema: {
        summary: 'The secret exports are signed with (Standard Webhooks)',
        tags: TAGS,
        security: SECURITY,
        response: { 200: SecretAnswer, ...problems(401) },
      },
    },
    async (request, reply) => {
      const { caller } = consoleSessionOf(request);
      return reply.send(await webhookSecretAnswer(ctx, caller.companyId));
    },
  );

  app.post(
    '/console/api/webhook-secret/rotate',
    {
      schema: {
        summary: 'A new signing secret; the old one keeps signing alongside it for a day. Admins only.',
        tags: TAGS,
        security: SECURITY,
        response: { 200: SecretAnswer, ...problems(401, 403) },
      },
    },
    async (request) => {
      const { caller } = consoleSessionOf(request);
      await rotateWebhookSecret(ctx.db, caller, ctx.clock());
      return webhookSecretAnswer(ctx, caller.companyId);
    },
  );
}
