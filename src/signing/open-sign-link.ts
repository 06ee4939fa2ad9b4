// A signing link: the token in `/sign?token=…` names one workflow and one step. It is
// open while that step is due and the link has neither been closed nor expired; otherwise it
// still opens, to show what happened.
import type { Context } from '../context.ts';
import { hashToken } from '../security/random-token.ts';
import type { Player } from '../store/schema.ts';
import { loadWorkflowState, type WorkflowState } from '../workflows/workflow-state.ts';
import { said } from '../domain/said.ts';
import { SignError } from './sign-error.ts';
import type { LinkAccess } from './sign-link-answers.ts';
import { type Timestamp, toTimestamp } from '../domain/time.ts';

export interface SignLink {
  tokenHash: string;
  step: number;
  createdAt: Timestamp;
  expiresAt: string;
  closedAt: string | null;
  state: WorkflowState;
  player: Player;
  access: LinkAccess;
}

/** Tokens are base64url; anything else is not ours and never reaches the database. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,200}$/;

export async function openSignLink(ctx: Pick<Context, 'db' | 'clock'>, token: string): Promise<SignLink | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const tokenHash = hashToken(token);
  const row = await ctx.db.selectFrom('sign_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  if (!row) return null;
  const workflow = await ctx.db.selectFrom('workflows').select('company_id').where('id', '=', row.workflow_id).executeTakeFirst();
  if (!workflow) return null;
  const state = await loadWorkflowState(ctx.db, workflow.company_id, row.workflow_id);
  const player = state?.players.find((p) => p.step === row.step);
  if (!state || !player) return null;
  return {
    tokenHash,
    step: row.step,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    closedAt: row.closed_at,
    state,
    player,
    access: linkAccess(row, state, ctx.clock()),
  };
}

function linkAccess(row: { step: number; expires_at: string; closed_at: string | null }, state: WorkflowState, now: Date): LinkAccess {
  if (row.closed_at !== null) return 'closed';
  if (state.workflow.status !== 'Playing' || state.workflow.current_step !== row.step) return 'closed';
  return row.expires_at <= toTimestamp(now) ? 'expired' : 'open';
}

/** The link, or the error the signer's side answers for a token that is not ours. */
export async function requireSignLink(ctx: Pick<Context, 'db' | 'clock'>, token: string): Promise<SignLink> {
  const link = await openSignLink(ctx, token);
  if (!link) throw new SignError('link-not-found', said('noSigningLink'));
  return link;
}

/** Throws unless the link may still act. */
export function assertLinkOpen(link: SignLink): void {
  if (link.access === 'expired') throw new SignError('link-expired', said('signingLinkExpired'));
  if (link.access === 'closed') throw new SignError('link-closed', said('signingLinkClosed'));
}
