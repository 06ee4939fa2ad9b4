// The pieces every state change writes in its transaction: history, signing links, document
// links, export events and notification jobs. Side effects are only ever queued here.
import type { Kysely } from 'kysely';
import { addDays } from '../clock.ts';
import type { Context } from '../context.ts';
import { buildExportPayload, shouldExport, type ExportChange } from '../domain/export-payload.ts';
import type { StepCode } from '../domain/workflow-status.ts';
import type { Reservation } from '../jobs/job-worker.ts';
import { enqueueClaimedJob, enqueueJob, type NewOutboxJob } from '../jobs/outbox.ts';
import { hashToken, randomToken } from '../security/random-token.ts';
import type { Database, Job } from '../store/schema.ts';
import type { NotificationJob } from './notification-job.ts';
import type { WorkflowState } from './workflow-state.ts';
import { type Timestamp, toTimestamp } from '../domain/time.ts';
import type { WorkflowId } from '../domain/ids.ts';

/** The side effects a change queued, so the caller can wake workers and count them after commit. */
export interface Effects {
  exports: number;
  notifications: number;
  documents: number;
  /** Export events put back in line (redelivery). */
  redeliveries?: number;
  /** Export jobs written claimed by this process's worker, to run once the change commits. */
  adoptions?: { reservation: Reservation; job: Job }[];
}

/** A change in progress: its transaction, its instant, and the effects it has queued so far. */
export interface ChangeTx {
  db: Kysely<Database>;
  now: Date;
  effects: Effects;
  /** Export jobs are written claimed by this process's worker when it takes them (Context.reserveExport). */
  reserveExport?: ((target: string) => Reservation | null) | undefined;
}

export function changeTx(db: Kysely<Database>, now: Date): ChangeTx {
  return { db, now, effects: { exports: 0, notifications: 0, documents: 0 } };
}

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

export async function recordHistory(
  trx: Kysely<Database>,
  workflowId: WorkflowId,
  records: HistoryRecord[],
  origin: RequestOrigin,
  now: Date,
): Promise<void> {
  if (records.length === 0) return;
  await trx
    .insertInto('history')
    .values(
      records.map((r) => ({
        workflow_id: workflowId,
        step_code: r.stepCode,
        action_id: r.actionId,
        actor_name: r.actorName,
        actor_identity: r.actorIdentity,
        comment: r.comment ?? '',
        ip: origin.ip,
        user_agent: origin.userAgent,
        created_at: toTimestamp(now),
      })),
    )
    .execute();
}

export const signUrl = (ctx: Pick<Context, 'config'>, token: string) => `${ctx.config.publicUrl}/sign?token=${token}`;

/** A signing link for the step now due, valid until the workflow expires or for the configured days. */
export async function mintSignToken(
  ctx: Pick<Context, 'config'>,
  trx: Kysely<Database>,
  state: Pick<WorkflowState, 'workflow'>,
  step: number,
  now: Date,
): Promise<string> {
  const token = randomToken();
  const ttlEnd = toTimestamp(addDays(now, ctx.config.signLinkTtlDays));
  const expiresAt = state.workflow.expires_at && state.workflow.expires_at < ttlEnd ? state.workflow.expires_at : ttlEnd;
  await trx
    .insertInto('sign_tokens')
    .values({ token_hash: hashToken(token), workflow_id: state.workflow.id, step, created_at: toTimestamp(now), expires_at: expiresAt, closed_at: null })
    .execute();
  return token;
}

/** Links of some steps (or of every step) stop permitting actions; they still show what happened. */
export async function closeSignTokens(trx: Kysely<Database>, workflowId: WorkflowId, now: Date, steps?: readonly number[]): Promise<void> {
  await trx
    .updateTable('sign_tokens')
    .set({ closed_at: toTimestamp(now) })
    .where('workflow_id', '=', workflowId)
    .where('closed_at', 'is', null)
    .$if(steps !== undefined, (q) => q.where('step', 'in', steps!))
    .execute();
}

/** The payload of an export job; the receiver's authorization stays in the workflow's export config. */
export interface ExportJob {
  processId: number;
  webhookId: string;
  url: string;
  payload: ReturnType<typeof buildExportPayload>;
}

/**
 * Records an export event for a change when the workflow has export_api_info and its api_type
 * wants this change (SPEC 4.1). Bumps the workflow's export_seq: processid 1, 2, 3 …
 */
export async function queueExport(
  tx: ChangeTx,
  state: WorkflowState,
  change: Omit<ExportChange, 'docId' | 'workflowId' | 'companyId' | 'processId' | 'fields' | 'values'> & { isFirstAction: boolean },
): Promise<number | null> {
  const { db: trx, now } = tx;
  const config = state.exportConfig;
  if (!config || !shouldExport(config.apiType, { isFirstAction: change.isFirstAction, statusAfter: change.statusAfter })) return null;
  const processId = state.workflow.export_seq + 1;
  await trx.updateTable('workflows').set({ export_seq: processId }).where('id', '=', state.workflow.id).execute();
  state.workflow.export_seq = processId;
  const payload = buildExportPayload(config, {
    ...change,
    docId: String(state.template.id),
    workflowId: String(state.workflow.id),
    companyId: state.workflow.company_id,
    processId,
    fields: state.fields,
    values: state.values,
  });
  const job: ExportJob = { processId, webhookId: `msg_${state.workflow.id}_${processId}_${randomToken(9)}`, url: config.url, payload };
  tx.effects.exports++;
  const target = exportTarget(config.url);
  const written: NewOutboxJob = { queue: 'export', companyId: state.workflow.company_id, workflowId: state.workflow.id, orderingKey: `export:${state.workflow.id}`, target, payload: job };
  const reservation = tx.reserveExport?.(target) ?? null;
  if (!reservation) return enqueueJob(trx, written, now);
  const row = await enqueueClaimedJob(trx, written, now, reservation);
  if (row.status === 'running') (tx.effects.adoptions ??= []).push({ reservation, job: row });
  return row.id;
}

function exportTarget(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export async function queueNotification(tx: ChangeTx, state: WorkflowState, job: NotificationJob): Promise<void> {
  tx.effects.notifications++;
  await enqueueJob(tx.db, { queue: 'notify', companyId: state.workflow.company_id, workflowId: state.workflow.id, payload: job }, tx.now);
}

export async function queueDocuments(tx: ChangeTx, state: WorkflowState): Promise<void> {
  const { db: trx, now } = tx;
  tx.effects.documents++;
  await trx.updateTable('workflows').set({ documents_state: 'pending' }).where('id', '=', state.workflow.id).execute();
  await enqueueJob(
    trx,
    { queue: 'document', companyId: state.workflow.company_id, workflowId: state.workflow.id, orderingKey: `document:${state.workflow.id}`, payload: { action: 'produce' } },
    now,
  );
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

/** Bumps the workflow's version, or throws when another change got there first. */
export async function claimWorkflowVersion(
  trx: Kysely<Database>,
  state: WorkflowState,
  set: Partial<{ status: WorkflowState['workflow']['status']; current_step: number; completed_at: Timestamp | null }>,
  now: Date,
): Promise<boolean> {
  const result = await trx
    .updateTable('workflows')
    .set({ ...set, version: state.workflow.version + 1, updated_at: toTimestamp(now) })
    .where('id', '=', state.workflow.id)
    .where('version', '=', state.workflow.version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
