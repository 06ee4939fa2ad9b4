// Who is told when a workflow ends: at completion the referers and the starter, with
// the document links; at a cancel, the starter and the signers already asked to sign.
import type { Kysely } from 'kysely';
import { addDays } from '../clock.ts';
import type { Context } from '../context.ts';
import type { Database } from '../store/schema.ts';
import type { ChangeTx } from '../jobs/change.ts';
import { queueNotification } from './change-kit.ts';
import { documentLinks } from './document-links.ts';
import { asLanguage, type Language, type Recipient } from '../domain/recipient.ts';
import type { WorkflowState } from './workflow-state.ts';

async function starterRecipient(trx: Kysely<Database>, state: WorkflowState): Promise<Recipient> {
  const member = await trx.selectFrom('members').select(['name', 'email']).where('id', '=', state.workflow.starter_member_id).executeTakeFirstOrThrow();
  return { name: member.name, identity: member.email, language: asLanguage(state.workflow.language) };
}

export async function notifyCompletion(ctx: Pick<Context, 'config' | 'db'>, tx: ChangeTx, state: WorkflowState): Promise<void> {
  const { db: trx, now } = tx;
  const referers = JSON.parse(state.workflow.referers) as { identity: string; name: string; language: Language }[];
  const recipients = [...referers.map((r) => ({ ...r, language: asLanguage(r.language) })), await starterRecipient(trx, state)];
  const links = await documentLinks(ctx, state.workflow.id, 'viewer', addDays(now, ctx.config.documentLinkTtlDays));
  for (const to of recipients) {
    await queueNotification(tx, state, { kind: 'completed', to, documentUrl: links.documentUrl, certificateUrl: links.certificateUrl });
  }
}

export async function notifyCancel(
  tx: ChangeTx,
  state: WorkflowState,
  cancel: { cause: 'company' | 'returned' | 'expired'; by: string; reason: string; actedSteps: number[] },
): Promise<void> {
  const asked = await tx.db
    .selectFrom('history')
    .select('action_id')
    .distinct()
    .where('workflow_id', '=', state.workflow.id)
    .where('step_code', '=', 'SIGN_REQ')
    .execute();
  const askedSteps = new Set(asked.map((r) => r.action_id));
  const signers = state.players
    .filter((p) => askedSteps.has(p.step) && !cancel.actedSteps.includes(p.step))
    .map((p) => ({ name: p.name, identity: p.identity, language: asLanguage(p.language) }));
  for (const to of [await starterRecipient(tx.db, state), ...signers]) {
    await queueNotification(tx, state, { kind: 'canceled', to, cause: cancel.cause, by: cancel.by, reason: cancel.reason });
  }
}
