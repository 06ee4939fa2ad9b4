// 1510Q: CANCEL a playing workflow, DISPOSAL of a complete one (its documents are no longer
// served), DELETE of a canceled one (hidden from lists).
import type { Caller } from '../accounts/access-tokens.ts';
import { assertMay } from '../accounts/permissions.ts';
import type { Context } from '../context.ts';
import { decideCompanyCommand, TransitionRefused, type CompanyCommand } from '../domain/workflow-machine.ts';
import { DojangError } from '../errors.ts';
import { change } from '../jobs/change.ts';
import { claimWorkflowVersion, queueDocuments, recordHistory, type RequestOrigin } from './change-kit.ts';
import { writeCancel } from './cancel-workflow.ts';
import { loadWorkflowState } from './workflow-state.ts';
import type { WorkflowId } from '../domain/ids.ts';
import { said } from '../domain/said.ts';
import { noSuchWorkflow } from './workflow-refusals.ts';
import { fieldProblem } from '../domain/field-values.ts';

export async function applyCompanyCommand(
  ctx: Context,
  caller: Caller,
  workflowId: WorkflowId,
  command: CompanyCommand,
  description: string,
  origin: RequestOrigin,
): Promise<void> {
  if (command === 'DISPOSAL') assertMay(caller, 'dispose of contracts');
  const now = ctx.clock();
  const state = await loadWorkflowState(ctx.db, caller.companyId, workflowId);
  if (!state) throw noSuchWorkflow(workflowId);
  try {
    decideCompanyCommand(state.workflow.status, command);
  } catch (error) {
    if (error instanceof TransitionRefused) throw new DojangError('state', error.said);
    throw error;
  }
  if (command === 'DISPOSAL' && description.trim() === '') {
    throw DojangError.invalid([fieldProblem('description', said('disposalNeedsReason'))]);
  }
  const conflict = () => new DojangError('conflict', said('workflowChangedFirst'));
  await change(
    ctx,
    async (tx) => {
      if (command === 'CANCEL') {
        const done = await writeCancel(tx, state, { cause: 'company', name: caller.memberName, email: caller.memberEmail, reason: description }, origin);
        if (!done) throw conflict();
        return;
      }
      const status = command === 'DISPOSAL' ? 'Disposal' : 'Truncate';
      if (!(await claimWorkflowVersion(tx.db, state, { status }, now))) throw conflict();
      await recordHistory(
        tx.db,
        workflowId,
        [
          {
            stepCode: command === 'DISPOSAL' ? 'DISPOSAL' : 'TRUNCATE',
            actionId: null,
            actorName: caller.memberName,
            actorIdentity: caller.memberEmail,
            comment: description,
          },
        ],
        origin,
        now,
      );
      if (command === 'DISPOSAL') await queueDocuments(tx, { companyId: caller.companyId, workflowId }, 'remove');
    },
    now,
  );
}
