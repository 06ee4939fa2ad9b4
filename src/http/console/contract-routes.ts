// Contracts in the console: the list, one contract with its signers, history and documents,
// the document itself, starting one (through startWorkflow, so startsimple's rules and
// messages apply exactly), and the company commands: cancel, resend, dispose.
import { BODY_LIMIT } from '../body-limits.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Context } from '../../context.ts';
import { describeContract } from '../../console/describe-contract.ts';
import { contractDocumentPdf } from '../../console/contract-document.ts';
import { LISTED_STATUSES, listContracts } from '../../console/list-contracts.ts';
import { isCalendarDate } from '../../domain/time.ts';
import { DojangError } from '../../errors.ts';
import { fieldProblem } from '../../domain/field-values.ts';
import { said } from '../../domain/said.ts';
import { applyCompanyCommand } from '../../workflows/apply-company-command.ts';
import { resendWorkflow } from '../../workflows/resend-workflow.ts';
import { startWorkflow } from '../../workflows/start-workflow.ts';
import { origin } from '../shared/request-origin.ts';
import { OneOf } from '../shared/schema-builders.ts';
import { StartBodySchema } from '../shared/start-body.ts';
import { consoleSessionOf } from './console-security.ts';
import { Accepted, IdParams, Nullable, problems, SECURITY, TAGS } from './schemas.ts';
import { type CompanyId, toTemplateId, toWorkflowId, ID_PATTERN } from '../../domain/ids.ts';

const Status = OneOf(LISTED_STATUSES);
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: "YYYY-MM-DD in the company's time zone" });

const ContractRow = Type.Object({
  workflow_id: Type.String(),
  name: Type.String(),
  status: Type.String(),
  template_id: Type.String(),
  template_name: Type.String(),
  current_step: Type.Integer(),
  total_steps: Type.Integer(),
  current_signer: Nullable(Type.String({ description: 'whose turn it is, while Playing' })),
  created_at: Type.String(),
  updated_at: Type.String(),
  completed_at: Nullable(Type.String()),
});

const ContractView = Type.Object({
  workflow_id: Type.String(),
  name: Type.String(),
  status: Type.String(),
  template: Type.Object({ id: Type.String(), name: Type.String() }),
  current_step: Type.Integer(),
  total_steps: Type.Integer(),
  language: Type.String(),
  comment: Type.String(),
  expires_on: Nullable(Type.String()),
  starter: Type.Object({ name: Type.String(), email: Type.String() }),
  created_at: Type.String(),
  updated_at: Type.String(),
  completed_at: Nullable(Type.String()),
  export: Nullable(Type.Object({ url: Type.String(), api_type: Type.String(), request_code: Type.String(), embed: Type.Boolean() })),
  signers: Type.Array(
    Type.Object({
      step: Type.Integer(),
      name: Type.String(),
      identity: Type.String(),
      mobile_number: Nullable(Type.String()),
      password: Type.Boolean(),
      language: Type.String(),
      state: OneOf(['waiting', 'due', 'viewed', 'signed', 'returned', 'not-reached']),
      acted_at: Nullable(Type.String()),
    }),
  ),
  history: Type.Array(
    Type.Object({
      step_code: Type.String(),
      step: Nullable(Type.Integer()),
      actor_name: Type.String(),
      actor_identity: Type.String(),
      comment: Type.String(),
      ip: Nullable(Type.String()),
      at: Type.String(),
    }),
  ),
  fields: Type.Array(
    Type.Object({
      name: Type.String(),
      type: Type.String(),
      step: Type.Integer(),
      value: Type.String({ description: 'images are not sent: see filled' }),
      filled: Type.Boolean(),
    }),
  ),
  documents: Type.Object({
    state: Type.String(),
    attempts: Type.Integer(),
    last_error: Nullable(Type.String()),
    download_url: Nullable(Type.String()),
    certificate_url: Nullable(Type.String()),
    viewer_url: Nullable(Type.String()),
  }),
  can: Type.Object({ cancel: Type.Boolean(), resend: Type.Boolean(), dispose: Type.Boolean() }),
});

const workflowIdOf = (params: { id: string }) => toWorkflowId(Number(params.id));

async function companyOffset(ctx: Context, companyId: CompanyId): Promise<string> {
  const company = await ctx.db.selectFrom('companies').select('utc_offset').where('id', '=', companyId).executeTakeFirstOrThrow();
  return company.utc_offset;
}

export function contractRoutes(scope: FastifyInstance, ctx: Context): void {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/console/api/contracts',
    {
      schema: {
        summary: "The company's contracts, newest first, a page at a time",
        tags: TAGS,
        security: SECURITY,
        querystring: Type.Object({
          status: Type.Optional(Status),
          template: Type.Optional(Type.String({ pattern: ID_PATTERN })),
          from: Type.Optional(Day),
          to: Type.Optional(Day),
          q: Type.Optional(
            Type.String({ maxLength: 200, description: "the contract's name (contains) or id, a signer's name or email/phone, or a field's exact value" }),
          ),
          before: Type.Optional(Type.String({ pattern: ID_PATTERN, description: 'next_before of the previous page' })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
        }),
        response: { 200: Type.Object({ contracts: Type.Array(ContractRow), next_before: Nullable(Type.String()) }), ...problems(400, 401) },
      },
    },
    async (request) => {
      const { caller } = consoleSessionOf(request);
      const { query } = request;
      for (const key of ['from', 'to'] as const) {
        if (query[key] !== undefined && !isCalendarDate(query[key]!)) throw DojangError.invalid([fieldProblem(key, said('notADate', { value: query[key]! }))]);
      }
      return listContracts(ctx, caller.companyId, await companyOffset(ctx, caller.companyId), {
        ...(query.status ? { status: query.status } : {}),
        ...(query.template ? { templateId: toTemplateId(Number(query.template)) } : {}),
        ...(query.from ? { from: query.from } : {}),
        ...(query.to ? { to: query.to } : {}),
        ...(query.q ? { search: query.q } : {}),
        ...(query.before ? { before: toWorkflowId(Number(query.before)) } : {}),
        limit: query.limit ?? 20,
      });
    },
  );

  app.get(
    '/console/api/contracts/:id',
    {
      schema: {
        summary: 'A contract: signers, history, values, documents, what may be done',
        tags: TAGS,
        security: SECURITY,
        params: IdParams,
        response: { 200: ContractView, ...problems(401, 404) },
      },
    },
    async (request) => {
      const { caller } = consoleSessionOf(request);
      const id = workflowIdOf(request.params);
      const contract = await describeContract(ctx, caller, id);
      if (!contract) throw new DojangError('not-found', said('noContract', { id }));
      return contract;
    },
  );

  app.get(
    '/console/api/contracts/:id/document.pdf',
    {
      schema: {
        summary: "The contract's document: sealed once complete, else with the values so far",
        tags: TAGS,
        security: SECURITY,
        params: IdParams,
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => {
      const { caller } = consoleSessionOf(request);
      const id = workflowIdOf(request.params);
      const pdf = await contractDocumentPdf(ctx, caller.companyId, id);
      return reply.type('application/pdf').header('content-disposition', `inline; filename="contract-${id}.pdf"`).send(Buffer.from(pdf));
    },
  );

  app.post(
    '/console/api/contracts',
    {
      bodyLimit: BODY_LIMIT.images,
      schema: {
        summary: "Start a contract: startsimple's body (5005Q), checked by the same rules",
        tags: TAGS,
        security: SECURITY,
        body: StartBodySchema,
        response: {
          201: Type.Object({
            workflow_id: Type.String(),
            workflow_name: Type.String(),
            embed: Type.Boolean(),
            play_url: Nullable(Type.String({ description: 'embed mode: the step-1 signing page (otherwise the signer is sent it)' })),
            next_play_user: Type.String(),
            next_play_user_name: Type.String(),
          }),
          ...problems(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const { caller } = consoleSessionOf(request);
      const body = { ...request.body };
      // A console start is never a preview, and its starter is the member logged in.
      delete body.preview;
      delete body.memb_email;
      const result = await startWorkflow(ctx, caller, body, origin(request));
      if (result.kind !== 'started') throw new Error('a start without preview answered a preview');
      return reply.code(201).send({
        workflow_id: String(result.workflowId),
        workflow_name: result.workflowName,
        embed: result.embed,
        play_url: result.embed ? result.playUrl : null,
        next_play_user: result.firstPlayer.identity,
        next_play_user_name: result.firstPlayer.name,
      });
    },
  );

  const Reason = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 500 })) });
  app.post(
    '/console/api/contracts/:id/cancel',
    {
      schema: {
        summary: 'Cancel a playing contract (1510Q CANCEL)',
        tags: TAGS,
        security: SECURITY,
        params: IdParams,
        body: Reason,
        response: { 200: Accepted, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { caller } = consoleSessionOf(request);
      await applyCompanyCommand(ctx, caller, workflowIdOf(request.params), 'CANCEL', request.body.reason ?? '', origin(request));
      return { ok: true as const };
    },
  );

  app.post(
    '/console/api/contracts/:id/resend',
    {
      schema: {
        summary: 'Send the signer whose turn it is their message again (1429Q)',
        tags: TAGS,
        security: SECURITY,
        params: IdParams,
        response: { 200: Accepted, ...problems(401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { caller } = consoleSessionOf(request);
      await resendWorkflow(ctx, caller, workflowIdOf(request.params), origin(request));
      return { ok: true as const };
    },
  );

  app.post(
    '/console/api/contracts/:id/dispose',
    {
      schema: {
        summary: 'Dispose of a complete contract (1510Q DISPOSAL): its documents are no longer served. Admins only.',
        tags: TAGS,
        security: SECURITY,
        params: IdParams,
        body: Type.Object({ reason: Type.String({ maxLength: 500 }) }),
        response: { 200: Accepted, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { caller } = consoleSessionOf(request);
      await applyCompanyCommand(ctx, caller, workflowIdOf(request.params), 'DISPOSAL', request.body.reason, origin(request));
      return { ok: true as const };
    },
  );
}
