// GET /api/v2/workflows/:workflowId (문서 정보 조회) and GET /api/v2/docs/:docId (서식 정보 조회).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Context } from '../../context.ts';
import { describeTemplate } from '../../templates/describe-template.ts';
import { describeWorkflow } from '../../workflows/describe-workflow.ts';
import { offsetParam } from './common-do.ts';
import { envelope } from './envelope.ts';
import { said } from '../../domain/said.ts';
import { callerFrom } from '../shared/token-caller.ts';
import { ResponseEnvelope } from './schemas.ts';
import { type CompanyId, parseId, toTemplateId, toWorkflowId } from '../../domain/ids.ts';

const OffsetQuery = Type.Object(
  { offset: Type.Optional(Type.String({ description: "UTC offset ±hh:mm for dates; the company's (+09:00) by default" })) },
  { additionalProperties: true },
);
const idOf = parseId;

export function v2InfoRoutes(scope: FastifyInstance, ctx: Context): void {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const companyOffset = async (companyId: CompanyId) =>
    (await ctx.db.selectFrom('companies').select('utc_offset').where('id', '=', companyId).executeTakeFirstOrThrow()).utc_offset;

  app.get(
    '/api/v2/workflows/:workflowId',
    {
      schema: {
        summary: 'A workflow: history, fields, signers, referers, document URLs',
        tags: ['eSignon'],
        params: Type.Object({ workflowId: Type.String() }),
        querystring: OffsetQuery,
        response: { 200: ResponseEnvelope(Type.Object({}, { additionalProperties: true })) },
      },
      config: { esignonCode: '/api/v2/workflows/:workflowId' },
    },
    async (request) => {
      const caller = callerFrom(request);
      const id = idOf(request.params.workflowId);
      const offset = offsetParam(request.query.offset, await companyOffset(caller.companyId));
      const body = id === null ? null : await describeWorkflow(ctx, caller.companyId, toWorkflowId(id), offset);
      if (!body) return envelope(request, '/api/v2/workflows/:workflowId', '10', said('workflowLookupFailed'), {});
      return envelope(request, '/api/v2/workflows/:workflowId', '00', said('esignonSuccess'), body);
    },
  );

  app.get(
    '/api/v2/docs/:docId',
    {
      schema: {
        summary: 'A template: steps and fields',
        tags: ['eSignon'],
        params: Type.Object({ docId: Type.String() }),
        querystring: OffsetQuery,
        response: { 200: ResponseEnvelope(Type.Object({}, { additionalProperties: true })) },
      },
      config: { esignonCode: '/api/v2/docs/:documentId' },
    },
    async (request) => {
      const caller = callerFrom(request);
      const id = idOf(request.params.docId);
      const offset = offsetParam(request.query.offset, await companyOffset(caller.companyId));
      const body = id === null ? null : await describeTemplate(ctx, caller.companyId, toTemplateId(id), offset);
      if (!body) return envelope(request, '/api/v2/docs/:documentId', '11', said('templateLookupFailed'), {});
      return envelope(request, '/api/v2/docs/:documentId', '00', said('esignonSuccess'), body);
    },
  );
}
