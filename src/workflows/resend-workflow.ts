// 1429Q 재전송: the signer whose turn it is gets their message again, with a fresh signing link
// (the earlier one keeps working). Refused for complete and canceled workflows, as the page
// says, and in embed mode, where Dojang sends nobody anything.
import type { Caller } from '../accounts/access-tokens.ts';
import type { Context } from '../context.ts';
import { EMBED_REQUEST_CODE } from '../domain/export-config.ts';
import { DojangError } from '../errors.ts';
import { change } from '../jobs/change.ts';
import { mintSignToken, queueNotification, recordHistory, signUrl, type RequestOrigin } from './change-kit.ts';
import { asLanguage } from '../domain/recipient.ts';
import { loadWorkflowState, playerAt } from './workflow-state.ts';
import type { WorkflowId } from '../domain/ids.ts';
import { said } from '../domain/said.ts';
import { noSuchWorkflow } from './workflow-refusals.ts';

export async function resendWorkflow(ctx: Context, caller: Caller, workflowId: WorkflowId, origin: RequestOrigin): Promise<void> {
  const now = ctx.clock();
  const state = await loadWorkflowState(ctx.db, caller.companyId, workflowId);
  if (!state || state.workflow.status === 'Truncate') throw noSuchWorkflow(workflowId);
  const { status } = state.workflow;
  if (status === 'Complete' || status === 'Disposal') {
    throw new DojangError('state', said('resendComplete'), [], '11');
  }
  if (status === 'Canceled') throw new DojangError('state', said('resendCanceled'), [], '12');
  if (state.exportConfig?.requestCode === EMBED_REQUEST_CODE) {
    throw new DojangError('state', said('embedSendsNothing'));
  }
  const player = playerAt(state, state.workflow.current_step);
  await change(
    ctx,
    async (tx) => {
      const token = await mintSignToken(ctx, tx.db, state, player.step, now);
      await queueNotification(tx, state, {
        kind: 'resend',
        step: player.step,
        to: { name: player.name, identity: player.identity, language: asLanguage(player.language) },
        signUrl: signUrl(ctx, token),
      });
      await recordHistory(
        tx.db,
        workflowId,
        [{ stepCode: 'RESEND', actionId: player.step, actorName: caller.memberName, actorIdentity: caller.memberEmail }],
        origin,
        now,
      );
    },
    now,
  );
}
