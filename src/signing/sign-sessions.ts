// A verified session on one signing link: handed out by the verify call as a random secret,
// stored only as its SHA-256. It carries the verifications passed so far, so a player with both
// a password and a mobile number passes one, then the other, on the same session.
import type { Context } from '../context.ts';
import { hashToken, randomToken } from '../security/random-token.ts';
import type { SignLink } from './open-sign-link.ts';
import type { VerificationMethod } from './verification-needs.ts';
import { toTimestamp } from '../domain/time.ts';

export const SESSION_MINUTES = 120;

export interface SignSession {
  /** The secret itself: only known when the caller presented or was just given it. */
  secret: string;
  methods: Set<VerificationMethod>;
  expiresAt: string;
}

function parseMethods(text: string): Set<VerificationMethod> {
  return new Set(text.split(',').filter((m): m is VerificationMethod => m === 'password' || m === 'otp'));
}

/** The live session a secret stands for on this link, or null. */
export async function findSignSession(ctx: Pick<Context, 'db' | 'clock'>, link: SignLink, secret: string | null): Promise<SignSession | null> {
  if (!secret || secret.length > 200) return null;
  const row = await ctx.db
    .selectFrom('sign_sessions')
    .select(['methods', 'expires_at'])
    .where('session_hash', '=', hashToken(secret))
    .where('token_hash', '=', link.tokenHash)
    .executeTakeFirst();
  if (!row || row.expires_at <= toTimestamp(ctx.clock())) return null;
  return { secret, methods: parseMethods(row.methods), expiresAt: row.expires_at };
}

/** Adds a passed verification to the caller's session, or starts a new one. */
export async function grantSignSession(
  ctx: Pick<Context, 'db' | 'clock'>,
  link: SignLink,
  current: SignSession | null,
  method: VerificationMethod,
): Promise<SignSession> {
  const now = ctx.clock();
  const expiresAt = toTimestamp(new Date(now.getTime() + SESSION_MINUTES * 60_000));
  const methods = new Set(current?.methods ?? []);
  methods.add(method);
  const methodText = [...methods].sort().join(',');
  if (current) {
    await ctx.db
      .updateTable('sign_sessions')
      .set({ methods: methodText, expires_at: expiresAt })
      .where('session_hash', '=', hashToken(current.secret))
      .execute();
    return { secret: current.secret, methods, expiresAt };
  }
  const secret = randomToken();
  await ctx.db
    .insertInto('sign_sessions')
    .values({
      session_hash: hashToken(secret),
      token_hash: link.tokenHash,
      workflow_id: link.state.workflow.id,
      step: link.step,
      methods: methodText,
      created_at: toTimestamp(now),
      expires_at: expiresAt,
    })
    .execute();
  return { secret, methods, expiresAt };
}
