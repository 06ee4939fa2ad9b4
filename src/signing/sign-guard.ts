// Attempt limits for passwords and one-time codes of one step: five wrong tries, then
// locked for fifteen minutes. An attempt is counted before the secret is checked, so requests
// sent in parallel cannot get more tries than the limit.
import type { Context } from '../context.ts';
import { said } from '../domain/said.ts';
import { SignError } from './sign-error.ts';
import { type Timestamp, toTimestamp } from '../domain/time.ts';
import type { WorkflowId } from '../domain/ids.ts';

export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;

interface GuardKey {
  workflowId: WorkflowId;
  step: number;
}

/** Reserves one attempt, or throws `locked`. Answers how many attempts had been used before this one. */
export async function takeAttempt(ctx: Pick<Context, 'db' | 'dialect' | 'clock'>, key: GuardKey): Promise<number> {
  const now = toTimestamp(ctx.clock());
  return ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('sign_guards')
      .values({ workflow_id: key.workflowId, step: key.step, failures: 0, locked_until: null, updated_at: now })
      .onConflict((oc) => oc.columns(['workflow_id', 'step']).doNothing())
      .execute();
    const guard = await trx
      .selectFrom('sign_guards')
      .selectAll()
      .where('workflow_id', '=', key.workflowId)
      .where('step', '=', key.step)
      .$if(ctx.dialect === 'postgres', (q) => q.forUpdate())
      .executeTakeFirstOrThrow();
    let failures = guard.failures;
    if (guard.locked_until !== null) {
      if (guard.locked_until > now) throw lockedError(guard.locked_until, now);
      failures = 0; // the lockout is over: a fresh set of tries
    }
    if (failures >= MAX_FAILURES) {
      // Tries still in flight have used every attempt; the last of them to fail sets the lock.
      throw lockedError(toTimestamp(new Date(Date.parse(now) + LOCK_MINUTES * 60_000)), now);
    }
    await trx
      .updateTable('sign_guards')
      .set({ failures: failures + 1, locked_until: null, updated_at: now })
      .where('workflow_id', '=', key.workflowId)
      .where('step', '=', key.step)
      .execute();
    return failures;
  });
}

/** Settles a reserved attempt: success clears the count; a failure may start the lockout. */
export async function settleAttempt(
  ctx: Pick<Context, 'db' | 'clock'>,
  key: GuardKey,
  ok: boolean,
): Promise<{ attemptsLeft: number; lockedUntil: string | null }> {
  const now = ctx.clock();
  const update = (set: { failures: number; locked_until: Timestamp | null }) =>
    ctx.db
      .updateTable('sign_guards')
      .set({ ...set, updated_at: toTimestamp(now) })
      .where('workflow_id', '=', key.workflowId)
      .where('step', '=', key.step)
      .execute();
  if (ok) {
    await update({ failures: 0, locked_until: null });
    return { attemptsLeft: MAX_FAILURES, lockedUntil: null };
  }
  const guard = await ctx.db
    .selectFrom('sign_guards')
    .select(['failures', 'locked_until'])
    .where('workflow_id', '=', key.workflowId)
    .where('step', '=', key.step)
    .executeTakeFirstOrThrow();
  if (guard.failures >= MAX_FAILURES) {
    const lockedUntil = guard.locked_until ?? toTimestamp(new Date(now.getTime() + LOCK_MINUTES * 60_000));
    await update({ failures: 0, locked_until: lockedUntil });
    return { attemptsLeft: 0, lockedUntil };
  }
  return { attemptsLeft: MAX_FAILURES - guard.failures, lockedUntil: null };
}

/** The lockout of a step, if one is running now. */
export async function currentLock(ctx: Pick<Context, 'db' | 'clock'>, key: GuardKey): Promise<string | null> {
  const guard = await ctx.db
    .selectFrom('sign_guards')
    .select('locked_until')
    .where('workflow_id', '=', key.workflowId)
    .where('step', '=', key.step)
    .executeTakeFirst();
  const now = toTimestamp(ctx.clock());
  return guard?.locked_until && guard.locked_until > now ? guard.locked_until : null;
}

export function lockedError(lockedUntil: string, now: string): SignError {
  const retryAfter = Math.max(1, Math.ceil((Date.parse(lockedUntil) - Date.parse(now)) / 1000));
  return new SignError('locked', said('lockedAfterTries', { minutes: LOCK_MINUTES, until: lockedUntil }), {
    locked_until: lockedUntil,
    retry_after: retryAfter,
  });
}
