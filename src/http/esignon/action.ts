// 5010Q 승인, 반려: POST /api/:companyId/action. `memb_email` names the acting signer; the
// optional `field_list` sets their step's values first, so a server that verified the signer
// itself can act for them.
import { BODY_LIMIT } from '../body-limits.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Context } from '../../context.ts';
import { sameIdentity } from '../../domain/identity.ts';
import { DojangError } from '../../errors.ts';
import { actOnWorkflow } from '../../workflows/act-on-workflow.ts';
import { loadWorkflowState } from '../../workflows/workflow-state.ts';
import { origin } from '../shared/request-origin.ts';
import { Scalar } from '../shared/schema-builders.ts';
import { FieldEntrySchema } from '../shared/start-body.ts';
import { callerFrom } from '../shared/token-caller.ts';
import { envelope } from './envelope.ts';
import { said } from '../../domain/said.ts';
import { CompanyParams, Envelope, ResponseEnvelope } from './schemas.ts';
import { toWorkflowId, parseId } from '../../domain/ids.ts';
import { fieldProblem } from '../../domain/field-values.ts';

const ActionBody = Type.Object(
  {
    comp_id: Type.Optional(Scalar()),
    biz_id: Type.Optional(Scalar()),
    memb_email: Scalar("the acting signer's identity (email or mobile number, as given at start)"),
    action_id: Scalar('the step being acted on'),
    workflow_id: Scalar(),
    comment: Type.Optional(Scalar('the approval message or the reason for returning')),
    command: Scalar('CF (approve) or RT (return)'),
    field_list: Type.Optional(Type.Array(FieldEntrySchema, { description: "values of the acting step's fields, set before the command" })),
  },
  { additionalProperties: true },
);

export function actionRoute(scope: FastifyInstance, ctx: Context): void {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/api/:companyId/action',
    {
      bodyLimit: BODY_LIMIT.images,
      schema: {
        summary: 'Approve (CF) or return (RT) the current step (5010Q)',
        tags: ['eSignon'],
        params: CompanyParams,
        body: Envelope('5010Q', ActionBody),
        response: { 200: ResponseEnvelope(Type.Object({ comp_id: Type.Optional(Type.String()) }, { additionalProperties: true })) },
      },
      config: { esignonCode: '5010A' },
    },
    async (request) => {
      const caller = callerFrom(request);
      const { body } = request.body;
      const command = body.command.trim().toUpperCase();
      const actionId = body.action_id.trim();
      const step = /^\d{1,3}$/.test(actionId) ? Number(actionId) : NaN;
      const workflowId = toWorkflowId(parseId(body.workflow_id.trim()) ?? NaN);
      const problems = [];
      if (command !== 'CF' && command !== 'RT') problems.push(fieldProblem('command', said('commandCfOrRt')));
      if (!Number.isInteger(step) || step < 1) problems.push(fieldProblem('action_id', said('actionIdStepNumber')));
      if (!Number.isSafeInteger(workflowId)) problems.push(fieldProblem('workflow_id', said('mustBeWorkflowId')));
      if (problems.length > 0) throw DojangError.invalid(problems);

      const state = await loadWorkflowState(ctx.db, caller.companyId, workflowId);
      const player = state?.players.find((p) => p.step === step);
      if (state && player && !sameIdentity(player.identity, body.memb_email)) {
        throw DojangError.invalid([fieldProblem('memb_email', said('notSignerOfStep', { step }))]);
      }
      const fields = (body.field_list ?? []).map((f) => ({ name: f.field_name, value: f.field_value ?? '' }));
      await actOnWorkflow(
        ctx,
        { companyId: caller.companyId, workflowId, step, command: command as 'CF' | 'RT', opinion: body.comment ?? '', fields },
        origin(request),
        state,
      );
      return envelope(request, '5010A', '00', said('actionDone'), { comp_id: caller.companyId });
    },
  );
}
