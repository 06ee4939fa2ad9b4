// Named access tokens for integrations, made by a company's admins in the console: the same
// tokens 1001Q hands out (accounts/access-tokens.ts), with a label and a longer life, shown
// once and stored hashed. A token acts as the admin who made it. Revoking one takes effect at
// once: authenticate() refuses it on every API.
import { issueAccessToken, type Caller } from '../accounts/access-tokens.ts';
import { assertMay } from '../accounts/permissions.ts';
import type { Context } from '../context.ts';
import { fieldProblem, type FieldProblem } from '../domain/field-values.ts';
import { said } from '../domain/said.ts';
import { DojangError } from '../errors.ts';
import { toTimestamp } from '../domain/time.ts';
import type { ApiToken } from './console-answers.ts';

export const TOKEN_DAYS = [30, 90, 365] as const;

export async function createApiToken(ctx: Pick<Context, 'db' | 'clock'>, caller: Caller, input: { label: string; days: number }) {
  assertMay(caller, 'manage API tokens');
  const label = input.label.trim();
  const problems: FieldProblem[] = [];
  if (label === '' || label.length > 100) problems.push(fieldProblem('label', said('nameLength')));
  if (!(TOKEN_DAYS as readonly number[]).includes(input.days)) problems.push(fieldProblem('days', said('tokenDaysChoice', { choices: TOKEN_DAYS.join(', ') })));
  if (problems.length > 0) throw DojangError.invalid(problems);
  const issued = await issueAccessToken(ctx, { companyId: caller.companyId, memberId: caller.memberId }, label, input.days);
  return { token: issued.token, expires_at: issued.expiresAt.toISOString(), label };
}

/** The company's named tokens (those 1001Q logins hand out have no name and are not listed). */
export async function listApiTokens(ctx: Pick<Context, 'db' | 'clock'>, caller: Caller): Promise<ApiToken[]> {
  assertMay(caller, 'manage API tokens');
  const rows = await ctx.db
    .selectFrom('access_tokens as t')
    .innerJoin('members as m', 'm.id', 't.member_id')
    .select(['t.token_hash', 't.label', 't.created_at', 't.expires_at', 't.revoked_at', 'm.email', 'm.name'])
    .where('t.company_id', '=', caller.companyId)
    .where('t.label', 'is not', null)
    .orderBy('t.created_at', 'desc')
    .execute();
  const now = toTimestamp(ctx.clock());
  return rows.map((r) => ({
    // The SHA-256 names the token without being usable as one.
    token_id: r.token_hash,
    label: r.label ?? '',
    member: { name: r.name, email: r.email },
    created_at: r.created_at,
    expires_at: r.expires_at,
    revoked_at: r.revoked_at,
    state: r.revoked_at !== null ? ('revoked' as const) : r.expires_at <= now ? ('expired' as const) : ('active' as const),
  }));
}

export async function revokeApiToken(ctx: Pick<Context, 'db' | 'clock'>, caller: Caller, tokenId: string): Promise<void> {
  assertMay(caller, 'manage API tokens');
  const token = await ctx.db
    .selectFrom('access_tokens')
    .select(['revoked_at'])
    .where('token_hash', '=', tokenId)
    .where('company_id', '=', caller.companyId)
    .where('label', 'is not', null)
    .executeTakeFirst();
  if (!token) throw new DojangError('not-found', said('noApiToken'));
  if (token.revoked_at !== null) return;
  await ctx.db
    .updateTable('access_tokens')
    .set({ revoked_at: toTimestamp(ctx.clock()) })
    .where('token_hash', '=', tokenId)
    .where('company_id', '=', caller.companyId)
    .execute();
}
