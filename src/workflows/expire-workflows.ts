// A workflow still Playing after the end of its expireddate becomes Canceled.
// Run periodically by every process; the version check makes a double sweep harmless.
import type { Context } from '../context.ts';
import { writeCancel } from './cancel-workflow.ts';
import { change } from '../jobs/change.ts';
import { loadWorkflowState } from './workflow-state.ts';
import { toTimestamp } from '../domain/time.ts';

export async function expireWorkflows(ctx: Context, limit = 100): Promise<number> {
  const now = ctx.clock();
  const due = await ctx.db
    .selectFrom('workflows')
    .select(['id', 'company_id'])
    .where('status', '=', 'Playing')
    .where('expires_at', '<=', toTimestamp(now))
    .orderBy('expires_at')
    .limit(limit)
    .execute();
  let expired = 0;
  for (const { id, company_id } of due) {
    const state = await loadWorkflowState(ctx.db, company_id, id);
    if (state?.workflow.status !== 'Playing') continue;
    const done = await change(ctx, (tx) => writeCancel(tx, state, { cause: 'expired', name: '', email: '', reason: '' }, { ip: null, userAgent: null }), now);
    if (done) expired++;
  }
  return expired;
}
