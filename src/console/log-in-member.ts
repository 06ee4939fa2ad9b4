// Console login: company id, email and password (as 1001Q takes them), under the same lockout
// as 1001Q (accounts/login-guard.ts).
import { checkMemberPassword } from '../accounts/access-tokens.ts';
import { withLoginGuard } from '../accounts/login-guard.ts';
import type { Context } from '../context.ts';
import { toCompanyId } from '../domain/ids.ts';
import type { RequestOrigin } from '../workflows/change-kit.ts';
import { openConsoleSession } from './console-sessions.ts';

export type LoginOutcome = { kind: 'ok'; secret: string; expiresAt: string } | { kind: 'refused' } | { kind: 'locked'; until: string };

export async function logInMember(
  ctx: Pick<Context, 'db' | 'clock'>,
  credentials: { company: string; email: string; password: string },
  origin: RequestOrigin,
): Promise<LoginOutcome> {
  const company = toCompanyId(credentials.company.trim());
  const email = credentials.email.trim().toLowerCase();
  const outcome = await withLoginGuard(ctx, company, email, origin.ip ?? '', () => checkMemberPassword(ctx, company, email, credentials.password));
  if (outcome.kind !== 'ok') return outcome;
  return { kind: 'ok', ...(await openConsoleSession(ctx, { companyId: company, memberId: outcome.value.id }, origin)) };
}
