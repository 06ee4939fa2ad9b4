// Login (1001Q) hands out an opaque random access token, stored only as its hash, valid 30 days.
// Every other call presents it; its company is the caller's company, whatever the body says.
import type { Context } from '../context.ts';
import { addDays } from '../clock.ts';
import { verifyPassword } from '../security/hash-password.ts';
import { hashToken, randomToken } from '../security/random-token.ts';
import { toTimestamp } from '../domain/time.ts';
import type { CompanyId, MemberId } from '../domain/ids.ts';
import { prepareQuery } from '../store/prepared-query.ts';

export const ACCESS_TOKEN_DAYS = 30;

export interface Caller {
  companyId: CompanyId;
  memberId: MemberId;
  memberEmail: string;
  memberName: string;
  role: 'admin' | 'member';
}

export async function issueAccessToken(
  ctx: Pick<Context, 'db' | 'clock'>,
  member: { companyId: CompanyId; memberId: MemberId },
  label: string | null = null,
  days: number = ACCESS_TOKEN_DAYS,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken();
  const now = ctx.clock();
  const expiresAt = addDays(now, days);
  await ctx.db
    .insertInto('access_tokens')
    .values({
      token_hash: hashToken(token),
      company_id: member.companyId,
      member_id: member.memberId,
      label,
      expires_at: toTimestamp(expiresAt),
      created_at: toTimestamp(now),
      revoked_at: null,
    })
    .execute();
  return { token, expiresAt };
}

// A fixed hash to compare against when the member does not exist, so a wrong email takes as
// long as a wrong password.
const NO_SUCH_MEMBER = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/** The member these credentials belong to, or null; as slow for an unknown email as for a wrong password. */
export async function checkMemberPassword(
  ctx: Pick<Context, 'db'>,
  companyId: CompanyId,
  email: string,
  password: string,
): Promise<{ id: MemberId; email: string } | null> {
  const member = await ctx.db
    .selectFrom('members')
    .select(['id', 'email', 'password_hash'])
    .where('company_id', '=', companyId)
    .where('email', '=', email.trim().toLowerCase())
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  const ok = await verifyPassword(password, member?.password_hash ?? NO_SUCH_MEMBER);
  return member && ok ? { id: member.id, email: member.email } : null;
}

export async function login(
  ctx: Pick<Context, 'db' | 'clock'>,
  companyId: CompanyId,
  email: string,
  password: string,
): Promise<{ token: string; expiresAt: Date; email: string } | null> {
  const member = await checkMemberPassword(ctx, companyId, email, password);
  if (!member) return null;
  const issued = await issueAccessToken(ctx, { companyId, memberId: member.id });
  return { ...issued, email: member.email };
}

const tokenHolder = prepareQuery<{ tokenHash: string }>()((db, p) =>
  db
    .selectFrom('access_tokens as t')
    .innerJoin('members as m', 'm.id', 't.member_id')
    .select(['t.company_id', 't.member_id', 't.expires_at', 't.revoked_at', 'm.email', 'm.name', 'm.role'])
    .where('t.token_hash', '=', p.tokenHash)
    // Removal revokes a member's tokens too; this holds even for one missed.
    .where('m.removed_at', 'is', null),
);

export async function authenticate(ctx: Pick<Context, 'db' | 'clock'>, token: string): Promise<Caller | null> {
  const [row] = await tokenHolder.rows(ctx.db, { tokenHash: hashToken(token) });
  if (!row || row.revoked_at !== null || row.expires_at <= toTimestamp(ctx.clock())) return null;
  return { companyId: row.company_id, memberId: row.member_id, memberEmail: row.email, memberName: row.name, role: row.role };
}
