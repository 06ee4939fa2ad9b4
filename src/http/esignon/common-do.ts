// POST /JEDOC/Common.do: eSignon's older calls, told apart by header.request_code.
// 1510Q cancel / dispose / delete, 1123Q template list, 1429Q resend, 1410Q bulk start.
import { BODY_LIMIT } from '../body-limits.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Context } from '../../context.ts';
import { parseUtcOffset } from '../../domain/time.ts';
import { DojangError } from '../../errors.ts';
import { listTemplates } from '../../templates/describe-template.ts';
import { applyCompanyCommand } from '../../workflows/apply-company-command.ts';
import type { CompanyCommand } from '../../domain/workflow-machine.ts';
import { resendWorkflow } from '../../workflows/resend-workflow.ts';
import { origin } from '../shared/request-origin.ts';
import { AnyFields } from '../shared/schema-builders.ts';
import { callerFrom } from '../shared/token-caller.ts';
import { envelope, responseCodeFor, type Envelope } from './envelope.ts';
import { said } from '../../domain/said.ts';
import { ResponseEnvelope } from './schemas.ts';
import { toWorkflowId, type WorkflowId, parseId } from '../../domain/ids.ts';
import { fieldProblem } from '../../domain/field-values.ts';

/** One request code's call: the request, its envelope's body, and the request code it came with. */
export type CommonHandler = (request: FastifyRequest, body: Record<string, unknown>, requestCode: string) => Promise<Envelope<object>>;

const workflowIdOf = (body: Record<string, unknown>): WorkflowId => {
  const text = String(body.workflow_id ?? '').trim();
  const id = parseId(text);
  if (id === null) throw DojangError.invalid([fieldProblem('workflow_id', said('workflowIdRequired'))]);
  return toWorkflowId(id);
};

/**
 * 1510Q's page answers "11" (필수 값이 없거나 상태 값이 올바르지 않습니다) for a missing or bad value
 * and for a workflow in the wrong state: its input errors and state errors are answered so.
 */
async function as1510Code<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DojangError && (error.code === 'invalid' || error.code === 'state'))
      throw new DojangError(error.code, error.said, error.problems, '11');
    throw error;
  }
}

export function commonDoRoute(scope: FastifyInstance, ctx: Context, extra: Record<string, CommonHandler> = {}): void {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const handlers: Record<string, CommonHandler> = {
    async '1510Q'(request, body) {
      const caller = callerFrom(request);
      const named = String(body.command ?? '')
        .trim()
        .toUpperCase();
      const { command, workflowId } = await as1510Code(async () => {
        if (named !== 'CANCEL' && named !== 'DISPOSAL' && named !== 'DELETE') {
          throw DojangError.invalid([fieldProblem('command', said('companyCommandUnknown'))]);
        }
        return { command: named as CompanyCommand, workflowId: workflowIdOf(body) };
      });
      const description = typeof body.description === 'string' ? body.description : '';
      await as1510Code(() => applyCompanyCommand(ctx, caller, workflowId, command, description, origin(request)));
      return envelope(request, '1510A', '00', said('canceledOrDisposed'), {
        comp_id: caller.companyId,
        biz_id: '0',
        memb_email: typeof body.memb_email === 'string' ? body.memb_email : caller.memberEmail,
        workflow_id: String(workflowId),
        command,
      });
    },
    async '1123Q'(request, body) {
      const caller = callerFrom(request);
      const company = await ctx.db.selectFrom('companies').select('utc_offset').where('id', '=', caller.companyId).executeTakeFirstOrThrow();
      const dir = String(body.search_dir_id ?? 'all');
      const fileList = await listTemplates(ctx, caller.companyId, {
        memberId: caller.memberId,
        dir,
        order: String(body.display_order_mode ?? '1'),
        offset: company.utc_offset,
      });
      return envelope(request, '1123A', '00', said('templateListed'), {
        comp_id: caller.companyId,
        biz_id: '0',
        memb_email: caller.memberEmail,
        search_dir_id: dir,
        file_list: fileList,
      });
    },
    async '1429Q'(request, body) {
      const caller = callerFrom(request);
      const workflowId = workflowIdOf(body);
      await resendWorkflow(ctx, caller, workflowId, origin(request));
      return envelope(request, '1429A', '00', said('signerReminded'), {
        comp_id: caller.companyId,
        biz_id: '0',
        memb_email: typeof body.memb_email === 'string' ? body.memb_email : caller.memberEmail,
        workflow_id: String(workflowId),
      });
    },
    ...extra,
  };

  app.post(
    '/JEDOC/Common.do',
    {
      // 1410Q starts up to a thousand workflows, each with its own field_list.
      bodyLimit: BODY_LIMIT.images,
      schema: {
        summary: 'eSignon Common.do: 1510Q cancel/dispose/delete, 1123Q template list, 1429Q resend, 1410Q bulk start',
        tags: ['eSignon'],
        querystring: Type.Object({ lang: Type.Optional(Type.String()) }, { additionalProperties: true }),
        body: Type.Object(
          {
            header: Type.Object({ request_code: Type.String({ description: '1510Q, 1123Q, 1429Q or 1410Q' }) }, { additionalProperties: true }),
            body: AnyFields(),
          },
          { additionalProperties: true },
        ),
        response: { 200: ResponseEnvelope(Type.Object({}, { additionalProperties: true })) },
      },
    },
    async (request) => {
      const { header, body } = request.body;
      const handler = handlers[header.request_code];
      if (!handler) {
        return envelope(
          request,
          responseCodeFor(header.request_code),
          '-1',
          said('unknownCommonRequestCode', { code: header.request_code, known: Object.keys(handlers).join(', ') }),
          {},
        );
      }
      return handler(request, body, header.request_code);
    },
  );
}

/** The `?offset=+09:00` of the v2 GET calls (a `+` decoded as a space read back), or the company's own offset. */
export function offsetParam(offset: string | undefined, fallback: string): string {
  const given = offset?.replace(/^ /, '+');
  return given !== undefined && parseUtcOffset(given) !== null ? given : fallback;
}
