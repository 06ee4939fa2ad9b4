// GET /worklists/new?page=&rows= (진행 문서 목록조회): the company's workflows, a page at a time.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Context } from '../../context.ts';
import { formatInOffset } from '../../domain/time.ts';
import { listWorklist } from '../../workflows/list-worklist.ts';
import { offsetParam } from './common-do.ts';
import { envelope, problemsText } from './envelope.ts';
import { callerFrom } from '../shared/token-caller.ts';
import { parsePaging } from './paging.ts';
import { ResponseEnvelope } from './schemas.ts';

export const WORKLIST_MAX_ROWS = 500;
const CODE = '/worklists/new';

export const WorklistEntrySchema = Type.Object({
  wfuid: Type.String({ description: 'the workflow id' }),
  wfname: Type.String(),
  wftype: Type.String({ description: 'NORMAL (startsimple) or BULKWEB (bulk start)' }),
  status: Type.String({ description: 'Playing, Complete, Canceled, Disposal' }),
  step: Type.String({ description: "Myturn: the current signer is the caller's own email; Progress: waiting for someone else; Complete: ended" }),
  nickname: Type.String({ description: 'the member who started it' }),
  currentactionid: Type.String({ description: 'the current step' }),
  email: Type.String({ description: "the starter's email" }),
  startdate: Type.String(),
  totalprocesscount: Type.String(),
  currentprocesscount: Type.String({ description: 'steps approved so far' }),
  confirmdate: Type.String({ description: 'when it completed; "" until then' }),
  preactionid: Type.String({ description: 'the step before the current one; "" at step 1' }),
  preactionemail: Type.String({ description: 'the signer of that step' }),
});

export const WorklistResponseBody = Type.Object({
  comp_id: Type.Optional(Type.String()),
  isManager: Type.Optional(Type.Boolean({ description: 'the caller is a company admin' })),
  memb_email: Type.Optional(Type.String()),
  page: Type.Optional(Type.String()),
  rows: Type.Optional(Type.String()),
  total: Type.Optional(Type.String({ description: 'workflows in the list, every page' })),
  workflow_list: Type.Optional(Type.Array(WorklistEntrySchema)),
});

export function worklistRoute(scope: FastifyInstance, ctx: Context): void {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/worklists/new',
    {
      schema: {
        summary: "The company's workflows, newest first, a page at a time",
        tags: ['eSignon'],
        querystring: Type.Object(
          {
            page: Type.Optional(Type.String({ description: '1-based, default 1' })),
            rows: Type.Optional(Type.String({ description: `default 50, at most ${WORKLIST_MAX_ROWS}` })),
            offset: Type.Optional(Type.String({ description: "UTC offset ±hh:mm for dates; the company's by default" })),
          },
          { additionalProperties: true },
        ),
        response: { 200: ResponseEnvelope(WorklistResponseBody) },
      },
      config: { esignonCode: CODE },
    },
    async (request) => {
      const caller = callerFrom(request);
      const { paging, problems } = parsePaging(request.query, { defaultRows: 50, maxRows: WORKLIST_MAX_ROWS });
      if (problems.length > 0) return envelope(request, CODE, '-1', problemsText(problems), {});
      const company = await ctx.db.selectFrom('companies').select('utc_offset').where('id', '=', caller.companyId).executeTakeFirstOrThrow();
      const offset = offsetParam(request.query.offset, company.utc_offset);
      const when = (iso: string | null) => (iso ? formatInOffset(new Date(iso), offset) : '');
      const list = await listWorklist(ctx, caller, paging);
      // The reference page answers an empty result_msg.
      return envelope(request, CODE, '00', () => '', {
        comp_id: caller.companyId,
        isManager: caller.role === 'admin',
        memb_email: caller.memberEmail,
        page: String(paging.page),
        rows: String(paging.rows),
        total: String(list.total),
        workflow_list: list.entries.map((e) => ({
          wfuid: String(e.workflow.id),
          wfname: e.workflow.name,
          wftype: e.workflow.type === 'BULKTYPE' ? 'BULKWEB' : 'NORMAL',
          status: e.workflow.status,
          step: e.step,
          nickname: e.starter.name,
          currentactionid: String(e.workflow.current_step),
          email: e.starter.email,
          startdate: when(e.workflow.created_at),
          totalprocesscount: String(e.workflow.total_steps),
          currentprocesscount: String(e.completedSteps),
          confirmdate: when(e.workflow.completed_at),
          preactionid: e.previous ? String(e.previous.step) : '',
          preactionemail: e.previous?.identity ?? '',
        })),
      });
    },
  );
}
