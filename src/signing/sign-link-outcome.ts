// What happened to a link that no longer permits actions, so the page can say so instead of
// showing an error: "you approved on …", "the workflow was canceled", "this link has expired".
import type { Context } from '../context.ts';
import type { SignLink } from './open-sign-link.ts';
import type { LinkOutcome } from './sign-link-answers.ts';

export async function signLinkOutcome(ctx: Pick<Context, 'db'>, link: SignLink): Promise<LinkOutcome> {
  const { workflow } = link.state;
  if (workflow.status === 'Disposal' || workflow.status === 'Truncate') return { kind: 'removed' };
  const history = await ctx.db
    .selectFrom('history')
    .select(['step_code', 'action_id', 'comment', 'created_at'])
    .where('workflow_id', '=', workflow.id)
    .where('created_at', '>=', link.createdAt)
    .where('step_code', 'in', ['SIGN_COMPLETE', 'SIGN_RETURN', 'WORKFLOW_CANCEL', 'WORKFLOW_COMPLETE'])
    .orderBy('id')
    .execute();
  const own = history.find((h) => h.action_id === link.step && (h.step_code === 'SIGN_COMPLETE' || h.step_code === 'SIGN_RETURN'));
  if (own) return { kind: own.step_code === 'SIGN_COMPLETE' ? 'approved' : 'returned', at: own.created_at, opinion: own.comment };
  if (workflow.status === 'Canceled') {
    const cancel = history.find((h) => h.step_code === 'WORKFLOW_CANCEL');
    return { kind: 'canceled', at: cancel?.created_at ?? workflow.updated_at, reason: cancel?.comment ?? '' };
  }
  if (workflow.status === 'Complete') return { kind: 'completed', at: workflow.completed_at };
  if (link.access === 'expired') return { kind: 'expired', at: link.expiresAt };
  return { kind: 'replaced' };
}
