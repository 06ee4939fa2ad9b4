// Console login: company id, email and password (as 1001Q takes them). Five wrong passwords
// for one email at one company lock it for fifteen minutes, counted before the password is
// checked so parallel guesses count too.
import { checkMemberPassword } from '../accounts/access-tokens.ts';
import type { Context } from '../context.ts';
import type { RequestOrigin } from '../workflows/change-kit.ts';
import { openConsoleSession } from './console-sessions.ts';
import { type Timestamp, toTimestamp } from '../domain/time.ts';
import { toCompanyId } from '../domain/ids.ts';

export const MAX_LOGIN_FAILURES = 5;
export const LOGIN_LOCK_MINUTES = 15;

export type LoginOutcome =
  | { kind: 'ok'; secret: string; expiresAt: string }
  | { kind: 'refused' }
  | { kind: 'locked'; until: string };

export async function logInMember(
  ctx: Pick<Context, 'db' | 'clock'>,
  credentials: { company: string; email: string; password: string },
  origin: RequestOrigin,
): Promise<LoginOutcome> {
  const now = ctx.clock();
  const company = toCompanyId(credentials.company.trim());
  const email = credentials.email.trim().toLowerCase();
  const guard = ctx.db.selectFrom('console_login_guards').where('company_id', '=', company).where('email', '=', email);
  const held = await guard.select('locked_until').executeTakeFirst();
  if (held?.locked_until && held.locked_until > toTimestamp(now)) return { kind: 'locked', until: held.locked_until };
  // A lock that ran out starts the count again.
  if (held?.locked_until) await ctx.db.deleteFrom('console_login_guards').where('company_id', '=', company).where('email', '=', email).execute();

  await ctx.db
    .insertInto('console_login_guards')
    .values({ company_id: company, email, failures: 1, locked_until: null, updated_at: toTimestamp(now) })
    .onConflict((oc) => oc.columns(['company_id', 'email']).doUpdateSet((eb) => ({ failures: eb('console_login_guards.failures', '+', 1), updated_at: toTimestamp(now) })))
    .execute();
  const { failures } = await guard.select('failures').executeTakeFirstOrThrow();
  let lockedUntil: Timestamp | null = null;
  if (failures >= MAX_LOGIN_FAILURES) {
    lockedUntil = toTimestamp(new Date(now.getTime() + LOGIN_LOCK_MINUTES * 60_000));
    await ctx.db.updateTable('console_login_guards').set({ locked_until: lockedUntil }).where('company_id', '=', company).where('email', '=', email).execute();
  }

  const member = await checkMemberPassword(ctx, company, email, credentials.password);
  if (!member) return lockedUntil ? { kind: 'locked', until: lockedUntil } : { kind: 'refused' };
  await ctx.db.deleteFrom('console_login_guards').where('company_id', '=', company).where('email', '=', email).execute();
  return { kind: 'ok', ...(await openConsoleSession(ctx, { companyId: company, memberId: member.id }, origin)) };
}
