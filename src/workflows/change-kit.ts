// The pieces every state change writes in its transaction: history, signing links, document
// links, export events, notification and document jobs. Side effects are only ever queued here,
// in the change's transaction (jobs/change.ts).
import type { Kysely } from 'kysely';
import { addDays } from '../clock.ts';
import type { Context } from '../context.ts';
import { buildExportPayload, shouldExport, type ExportChange, type ExportStatus } from '../domain/export-payload.ts';
import type { StepCode } from '../domain/workflow-status.ts';
import type { ChangeTx } from '../jobs/change.ts';
import { documentQueue, exportQueue, notifyQueue, type DocumentJob, type NotificationJob } from '../jobs/queues.ts';
import { hashToken, randomToken } from '../security/random-token.ts';
import type { Database, SignTokenTable, Workflow } from '../store/schema.ts';
import { prepareQuery, prepareRowsInsert } from '../store/prepared-query.ts';
import type { WorkflowState } from './workflow-state.ts';
import { type Timestamp, toTimestamp } from '../domain/time.ts';
import type { CompanyId, WorkflowId } from '../domain/ids.ts';

export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}

export interface HistoryRecord {
  stepCode: StepCode;
  actionId: number | null;
  actorName: string;
  actorIdentity: string;
  comment?: string;
}

const insertHistory = prepareRowsInsert('history', [
  'workflow_id',
  'step_code',
  'action_id',
  'actor_name',
  'actor_identity',
  'comment',
  'ip',
  'user_agent',
  'created_at',
]);

/** A change's history rows, in one statement. */
export async function recordHistory(trx: Kysely<Database>, workflowId: WorkflowId, records: HistoryRecord[], origin: RequestOrigin, now: Date): Promise<void> {
  const createdAt = toTimestamp(now);
  await insertHistory.run(
    trx,
    records.map((r) => ({
      workflow_id: workflowId,
      step_code: r.stepCode,
      action_id: r.actionId,
      actor_name: r.actorName,
      actor_identity: r.actorIdentity,
      comment: r.comment ?? '',
      ip: origin.ip,
      user_agent: origin.userAgent,
      created_at: createdAt,
    })),
  );
}

export const signUrl = (ctx: Pick<Context, 'config'>, token: string) => `${ctx.config.publicUrl}/sign?token=${token}`;

const insertSignToken = prepareQuery<Omit<SignTokenTable, 'closed_at'>>()((db, p) =>
  db
    .insertInto('sign_tokens')
    .values({ token_hash: p.token_hash, workflow_id: p.workflow_id, step: p.step, created_at: p.created_at, expires_at: p.expires_at, closed_at: null }),
);

/**
 * A signing link for the step now due, valid until the workflow expires or for the configured
 * days: the token at once, and the write of its hash (issued, for the caller to wait for with
 * its other writes).
 */
export function issueSignToken(
  ctx: Pick<Context, 'config'>,
  trx: Kysely<Database>,
  state: Pick<WorkflowState, 'workflow'>,
  step: number,
  now: Date,
): { token: string; written: Promise<number> } {
  const token = randomToken();
  const ttlEnd = toTimestamp(addDays(now, ctx.config.signLinkTtlDays));
  const expiresAt = state.workflow.expires_at && state.workflow.expires_at < ttlEnd ? state.workflow.expires_at : ttlEnd;
  const written = insertSignToken.run(trx, {
    token_hash: hashToken(token),
    workflow_id: state.workflow.id,
    step,
    created_at: toTimestamp(now),
    expires_at: expiresAt,
  });
  return { token, written };
}

/** A signing link for the step now due, valid until the workflow expires or for the configured days. */
export async function mintSignToken(
  ctx: Pick<Context, 'config'>,
  trx: Kysely<Database>,
  state: Pick<WorkflowState, 'workflow'>,
  step: number,
  now: Date,
): Promise<string> {
  const { token, written } = issueSignToken(ctx, trx, state, step, now);
  await written;
  return token;
}

const closeAllSignTokens = prepareQuery<{ workflowId: WorkflowId; at: Timestamp }>()((db, p) =>
  db.updateTable('sign_tokens').set({ closed_at: p.at }).where('workflow_id', '=', p.workflowId).where('closed_at', 'is', null),
);
// Two steps a run, so one statement serves any list (a step named twice is closed once).
const closeTwoStepsSignTokens = prepareQuery<{ workflowId: WorkflowId; at: Timestamp; step: number; other: number }>()((db, p) =>
  db
    .updateTable('sign_tokens')
    .set({ closed_at: p.at })
    .where('workflow_id', '=', p.workflowId)
    .where('closed_at', 'is', null)
    .where('step', 'in', [p.step, p.other]),
);

/** Links of some steps (or of every step) stop permitting actions; they still show what happened. */
export async function closeSignTokens(trx: Kysely<Database>, workflowId: WorkflowId, now: Date, steps?: readonly number[]): Promise<void> {
  const at = toTimestamp(now);
  if (steps === undefined) {
    await closeAllSignTokens.run(trx, { workflowId, at });
    return;
  }
  for (let i = 0; i < steps.length; i += 2) {
    await closeTwoStepsSignTokens.run(trx, { workflowId, at, step: steps[i]!, other: steps[i + 1] ?? steps[i]! });
  }
}

/**
 * The number (processid: 1, 2, 3 …) of the export event a change of the workflow causes, or
 * null when the workflow has no export_api_info or its api_type does not want this change. The
 * change takes the number with its version (claimWorkflowVersion's export_seq) and then queues
 * the event under it (queueExport).
 */
export function nextExportId(state: WorkflowState, change: { isFirstAction: boolean; statusAfter: ExportStatus }): number | null {
  const config = state.exportConfig;
  if (!config || !shouldExport(config.apiType, change)) return null;
  return state.workflow.export_seq + 1;
}

/** Records export event `processId` (nextExportId's, taken with the version claimed); nothing for null. */
export async function queueExport(
  tx: ChangeTx,
  state: WorkflowState,
  processId: number | null,
  change: Omit<ExportChange, 'docId' | 'workflowId' | 'companyId' | 'processId' | 'fields' | 'values'>,
): Promise<number | null> {
  const config = state.exportConfig;
  if (!config || processId === null) return null;
  if (state.workflow.export_seq !== processId) throw new Error(`export ${processId} of workflow ${state.workflow.id} was not taken with its version`);
  const payload = buildExportPayload(config, {
    ...change,
    docId: String(state.template.id),
    workflowId: String(state.workflow.id),
    companyId: state.workflow.company_id,
    processId,
    fields: state.fields,
    values: state.values,
  });
  return tx.enqueue(
    exportQueue,
    { companyId: state.workflow.company_id, workflowId: state.workflow.id },
    { processId, webhookId: `msg_${state.workflow.id}_${processId}_${randomToken(9)}`, url: config.url, payload },
    // The receiver as the change read it, dated with the change's instant: a delivery made soon
    // after uses it instead of reading it again.
    { authorization: config.authorization, company: state.company, readAt: tx.now },
  );
}

export async function queueNotification(tx: ChangeTx, state: WorkflowState, job: NotificationJob): Promise<void> {
  await tx.enqueue(notifyQueue, { companyId: state.workflow.company_id, workflowId: state.workflow.id }, job);
}

/**
 * The documents of a completed workflow to make (shown as pending until they are), or those of a
 * disposed one to remove (no longer served from now on).
 */
export async function queueDocuments(tx: ChangeTx, workflow: { companyId: CompanyId; workflowId: WorkflowId }, action: DocumentJob['action']): Promise<void> {
  await tx.db
    .updateTable('workflows')
    .set({ documents_state: action === 'produce' ? 'pending' : 'removed' })
    .where('id', '=', workflow.workflowId)
    .execute();
  await tx.enqueue(documentQueue, workflow, { action });
}

/**
 * True when no signer has yet approved or returned: the change at hand is the workflow's first
 * action. Every CF and RT stamps its player's acted_at (act-on-workflow.ts) in the transaction
 * that records it, and the state was read at the version the change claims, so the players in
 * hand say it.
 */
export function isFirstAction(state: Pick<WorkflowState, 'players'>): boolean {
  return state.players.every((player) => player.acted_at === null);
}

const bumpWorkflowVersion = prepareQuery<
  Pick<Workflow, 'id' | 'status' | 'current_step' | 'completed_at' | 'export_seq' | 'version' | 'updated_at'> & { next_version: number }
>()((db, p) =>
  db
    .updateTable('workflows')
    .set({
      status: p.status,
      current_step: p.current_step,
      completed_at: p.completed_at,
      export_seq: p.export_seq,
      version: p.next_version,
      updated_at: p.updated_at,
    })
    .where('id', '=', p.id)
    .where('version', '=', p.version),
);
/**
 * The same for a change that leaves the status and completed_at as they were (a step approved
 * with more to go): columns the workflows' indexes hold, which SQLite rewrites in every index
 * holding them once they are set, to the same value too (four indexes; on PostgreSQL, the trigger
 * counting visible workflows runs for every update that sets the status).
 */
const bumpWorkflowStep = prepareQuery<Pick<Workflow, 'id' | 'current_step' | 'export_seq' | 'version' | 'updated_at'> & { next_version: number }>()((db, p) =>
  db
    .updateTable('workflows')
    .set({ current_step: p.current_step, export_seq: p.export_seq, version: p.next_version, updated_at: p.updated_at })
    .where('id', '=', p.id)
    .where('version', '=', p.version),
);

/**
 * Bumps the workflow's version (false when another change got there first), with the fields given
 * changed; `export_seq` is the change's export event number when it has one (nextExportId).
 */
export async function claimWorkflowVersion(
  trx: Kysely<Database>,
  state: WorkflowState,
  set: Partial<{ status: WorkflowState['workflow']['status']; current_step: number; completed_at: Timestamp | null; export_seq: number | null }>,
  now: Date,
): Promise<boolean> {
  // The fields not given are written as they were read: the version check makes sure they still are.
  const { workflow } = state;
  const exportSeq = set.export_seq ?? workflow.export_seq;
  const status = set.status ?? workflow.status;
  const completedAt = set.completed_at === undefined ? workflow.completed_at : set.completed_at;
  const bump = {
    id: workflow.id,
    current_step: set.current_step ?? workflow.current_step,
    export_seq: exportSeq,
    version: workflow.version,
    next_version: workflow.version + 1,
    updated_at: toTimestamp(now),
  };
  const claimed =
    status === workflow.status && completedAt === workflow.completed_at
      ? bumpWorkflowStep.run(trx, bump)
      : bumpWorkflowVersion.run(trx, { ...bump, status, completed_at: completedAt });
  // The state takes the number at once, so that the change's export can be queued with the claim
  // (act-on-workflow.ts); should the claim fail, the state is stale and its change given up.
  workflow.export_seq = exportSeq;
  return (await claimed) === 1;
}
