// CANCEL (1510Q) of a playing workflow, and expiry, which is a cancel by nobody.
// The cancel export has worktype CANCEL and an empty actionid.
import { EMBED_REQUEST_CODE } from '../domain/export-config.ts';
import type { ChangeTx } from '../jobs/change.ts';
import { claimWorkflowVersion, closeSignTokens, isFirstAction, nextExportId, queueExport, recordHistory, type RequestOrigin } from './change-kit.ts';
import { notifyCancel } from './notify-outcome.ts';
import type { WorkflowState } from './workflow-state.ts';

export interface Canceller {
  cause: 'company' | 'expired';
  /** The member's name and email for a company cancel; empty for expiry. */
  name: string;
  email: string;
  reason: string;
}

/** Writes a cancel inside the caller's transaction; false when another change got there first. */
export async function writeCancel(tx: ChangeTx, state: WorkflowState, by: Canceller, origin: RequestOrigin): Promise<boolean> {
  const { db: trx, now } = tx;
  const exportId = nextExportId(state, { isFirstAction: isFirstAction(state), statusAfter: 'Canceled' });
  if (!(await claimWorkflowVersion(trx, state, { status: 'Canceled', export_seq: exportId }, now))) return false;
  state.workflow.status = 'Canceled';
  await recordHistory(
    trx,
    state.workflow.id,
    [
      {
        stepCode: 'WORKFLOW_CANCEL',
        actionId: null,
        actorName: by.name,
        actorIdentity: by.email,
        comment: by.reason || (by.cause === 'expired' ? '작성 기한 만료 (expired)' : ''),
      },
    ],
    origin,
    now,
  );
  await closeSignTokens(trx, state.workflow.id, now);
  await queueExport(tx, state, exportId, {
    actionStep: null,
    at: now,
    worktype: 'CANCEL',
    actorIdentity: by.email,
    actorName: by.name,
    opinion: by.reason,
    statusAfter: 'Canceled',
  });
  if (state.exportConfig?.requestCode !== EMBED_REQUEST_CODE) {
    await notifyCancel(tx, state, { cause: by.cause, by: by.name, reason: by.reason, actedSteps: [] });
  }
  return true;
}
