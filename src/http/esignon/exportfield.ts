// POST /exportfield (모든필드 값 조회, the older page): every field of a workflow and its value.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Context } from '../../context.ts';
import { formatInOffset } from '../../domain/time.ts';
import { readFieldValues } from '../../workflows/read-field-values.ts';
import { envelope } from './envelope.ts';
import { said } from '../../domain/said.ts';
import { callerFrom } from '../shared/token-caller.ts';
import { PlainWorkflowBody, plainBody, workflowIdIn } from './plain-body.ts';
import { ResponseEnvelope } from './schemas.ts';

const CODE = '/exportfield';

export const ExportFieldBody = Type.Object({
  field_data: Type.Optional(
    Type.Record(Type.String(), Type.String(), { description: 'every field of the template by name: its value, else its default, else ""' }),
  ),
  sender_email: Type.Optional(Type.String({ description: 'the member who started the workflow' })),
  start_date: Type.Optional(Type.String()),
  status: Type.Optional(Type.String()),
  workflow_id: Type.Optional(Type.String()),
  workflow_name: Type.Optional(Type.String()),
  doc_uid: Type.Optional(Type.String({ description: 'the template' })),
});

export function exportFieldRoute(scope: FastifyInstance, ctx: Context): void {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    CODE,
    {
      schema: {
        summary: 'Every field value of a workflow',
        tags: ['eSignon'],
        body: PlainWorkflowBody,
        response: { 200: ResponseEnvelope(ExportFieldBody) },
      },
      config: { esignonCode: CODE },
    },
    async (request) => {
      const caller = callerFrom(request);
      const found = await readFieldValues(ctx, caller.companyId, workflowIdIn(plainBody(request.body, caller)));
      const company = await ctx.db.selectFrom('companies').select('utc_offset').where('id', '=', caller.companyId).executeTakeFirstOrThrow();
      return envelope(request, CODE, '00', said('esignonSuccess'), {
        field_data: Object.fromEntries(found.values),
        sender_email: found.starterEmail,
        start_date: formatInOffset(new Date(found.workflow.created_at), company.utc_offset),
        status: found.workflow.status,
        workflow_id: String(found.workflow.id),
        workflow_name: found.workflow.name,
        doc_uid: String(found.workflow.template_id),
      });
    },
  );
}
