// A member's console session: a random secret in an HttpOnly cookie, stored only as its SHA-256.
// It ends on logout, after SESSION_IDLE_MINUTES without use, or SESSION_MAX_HOURS after login.
// The CSRF token is derived from the secret (HMAC with the server's secret), so it needs no
// storage and changes with every session.
import { createHmac } from 'node:crypto';
import type { Caller } from '../accounts/access-tokens.ts';
import type { Context } from '../context.ts';
import type { RequestOrigin } from '../workflows/change-kit.ts';
import { hashToken, randomToken } from '../security/random-token.ts';
import { serverSecret } from '../security/server-secret.ts';
import { toTimestamp } from '../domain/time.ts';
import type { CompanyId, MemberId } from '../domain/ids.ts';

export const SESSION_IDLE_MINUTES = 120;
export const SESSION_MAX_HOURS = 12;
/** last_seen_at is written at most this often, so reads stay reads. */
const TOUCH_EVERY_MS = 5 * 60_000;

export interface ConsoleSession {
  caller: Caller;
  companyName: string;
  expiresAt: string;
}

export async function openConsoleSession(
  ctx: Pick<Context, 'db' | 'clock'>,
  member: { companyId: CompanyId; memberId: MemberId },
  origin: RequestOrigin,
): Promise<{ secret: string; expiresAt: string }> {
  const now = ctx.clock();
  const secret = randomToken();
  const expiresAt = toTimestamp(new Date(now.getTime() + SESSION_MAX_HOURS * 3_600_000));
  // Ended sessions are cleared as new ones begin.
  await ctx.db.deleteFrom('console_sessions').where('expires_at', '<=', toTimestamp(now)).execute();
  await ctx.db
    .insertInto('console_sessions')
    .values({
      session_hash: hashToken(secret),
      company_id: member.companyId,
      member_id: member.memberId,
      created_at: toTimestamp(now),
      last_seen_at: toTimestamp(now),
      expires_at: expiresAt,
      ip: origin.ip,
      user_agent: origin.userAgent,
    })
    .execute();
  return { secret, expiresAt };
}

/** The live session a cookie's secret stands for, or null. */
export async function findConsoleSession(ctx: Pick<Context, 'db' | 'clock'>, secret: string | null | undefined): Promise<ConsoleSession | null> {
  if (!secret || secret.length > 200) return null;
  const now = ctx.clock();
  const row = await ctx.db
    .selectFrom('console_sessions as s')
    .innerJoin('members as m', 'm.id', 's.member_id')
    .innerJoin('companies as c', 'c.id', 's.company_id')
    .select([
      's.session_hash',
      's.company_id',
      's.member_id',
      's.last_seen_at',
      's.expires_at',
      'm.email',
      'm.name',
      'm.role',
      'm.company_id as member_company',
      'c.name as company_name',
    ])
    .where('s.session_hash', '=', hashToken(secret))
    .where('m.removed_at', 'is', null)
    .executeTakeFirst();
  if (!row || row.member_company !== row.company_id) return null;
  const idleUntil = new Date(new Date(row.last_seen_at).getTime() + SESSION_IDLE_MINUTES * 60_000);
  if (row.expires_at <= toTimestamp(now) || idleUntil <= now) return null;
  if (now.getTime() - new Date(row.last_seen_at).getTime() > TOUCH_EVERY_MS) {
    await ctx.db
      .updateTable('console_sessions')
      .set({ last_seen_at: toTimestamp(now) })
      .where('session_hash', '=', row.session_hash)
      .execute();
  }
  return {
    caller: { companyId: row.company_id, memberId: row.member_id, memberEmail: row.email, memberName: row.name, role: row.role },
    companyName: row.company_name,
    expiresAt: row.expires_at,
  };
}

export async function closeConsoleSession(ctx: Pick<Context, 'db'>, secret: string): Promise<void> {
  await ctx.db.deleteFrom('console_sessions').where('session_hash', '=', hashToken(secret)).execute();
}

/** The CSRF token of a session: the page sends it back as X-Dojang-CSRF on every change. */
export async function csrfTokenOf(ctx: Pick<Context, 'db'>, secret: string): Promise<string> {
  return createHmac('sha256', await serverSecret(ctx.db))
    .update(`console-csrf:${secret}`)
    .digest('base64url');
}
