// Wrong passwords of one email at one company, counted across every way in (login 1001Q and
// the console): five lock that email at that company for fifteen minutes. Counted before the
// password is checked, so parallel guesses count too; a right password clears the count.
import type { Context } from '../context.ts';
import type { CompanyId } from '../domain/ids.ts';
import { type Timestamp, toTimestamp } from '../domain/time.ts';

export const MAX_LOGIN_FAILURES = 5;
export const LOGIN_LOCK_MINUTES = 15;

export type GuardedLogin<T> = { kind: 'ok'; value: T } | { kind: 'refused' } | { kind: 'locked'; until: Timestamp };

/** Runs `attempt` (null: wrong credentials) unless the email is locked, and keeps the count. */
export async function withLoginGuard<T>(
  ctx: Pick<Context, 'db' | 'clock'>,
  companyId: CompanyId,
  rawEmail: string,
  attempt: () => Promise<T | null>,
): Promise<GuardedLogin<T>> {
  const now = ctx.clock();
  const email = rawEmail.trim().toLowerCase();
  const guard = ctx.db.selectFrom('login_guards').where('company_id', '=', companyId).where('email', '=', email);
  const clear = () => ctx.db.deleteFrom('login_guards').where('company_id', '=', companyId).where('email', '=', email).execute();
  const held = await guard.select('locked_until').executeTakeFirst();
  if (held?.locked_until && held.locked_until > toTimestamp(now)) return { kind: 'locked', until: held.locked_until };
  // A lock that ran out starts the count again.
  if (held?.locked_until) await clear();

  await ctx.db
    .insertInto('login_guards')
    .values({ company_id: companyId, email, failures: 1, locked_until: null, updated_at: toTimestamp(now) })
    .onConflict((oc) => oc.columns(['company_id', 'email']).doUpdateSet((eb) => ({ failures: eb('login_guards.failures', '+', 1), updated_at: toTimestamp(now) })))
    .execute();
  const { failures } = await guard.select('failures').executeTakeFirstOrThrow();
  let lockedUntil: Timestamp | null = null;
  if (failures >= MAX_LOGIN_FAILURES) {
    lockedUntil = toTimestamp(new Date(now.getTime() + LOGIN_LOCK_MINUTES * 60_000));
    await ctx.db.updateTable('login_guards').set({ locked_until: lockedUntil }).where('company_id', '=', companyId).where('email', '=', email).execute();
  }

  const value = await attempt();
  if (value === null) return lockedUntil ? { kind: 'locked', until: lockedUntil } : { kind: 'refused' };
  await clear();
  return { kind: 'ok', value };
}
