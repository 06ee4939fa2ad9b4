// `POST /api/sign/:token/verify`: the player's password or the one-time code sent to their
// mobile number. Wrong answers count towards the step's lockout (sign-guard.ts); a right one is
// recorded as PASSWORD_CERT or MOBILE_CERT and added to the caller's verified session.
import { timingSafeEqual } from 'node:crypto';
import type { Context } from '../context.ts';
import { verifyPassword } from '../security/hash-password.ts';
import { recordHistory, type RequestOrigin } from '../workflows/change-kit.ts';
import { assertLinkOpen, type SignLink } from './open-sign-link.ts';
import { activeSignCode, codeHash, markCodeUsed } from './send-sign-code.ts';
import { said } from '../domain/said.ts';
import { toTimestamp } from '../domain/time.ts';
import { SignError } from './sign-error.ts';
import { lockedError, settleAttempt, takeAttempt } from './sign-guard.ts';
import { grantSignSession, type SignSession } from './sign-sessions.ts';
import { isVerified, verificationNeeds, type VerificationMethod } from './verification-needs.ts';

export type VerifyInput = { password: string } | { otp: string };

export interface VerifyResult {
  session: SignSession;
  method: VerificationMethod;
  /** True when every verification the player needs has now passed. */
  verified: boolean;
  remaining: VerificationMethod[];
}

export async function verifySigner(
  ctx: Pick<Context, 'db' | 'dialect' | 'clock'>,
  link: SignLink,
  current: SignSession | null,
  input: VerifyInput,
  origin: RequestOrigin,
): Promise<VerifyResult> {
  assertLinkOpen(link);
  const method: VerificationMethod = 'password' in input ? 'password' : 'otp';
  const needs = verificationNeeds(link.player);
  if (!needs.includes(method)) {
    throw new SignError('verification-not-needed', said(method === 'password' ? 'noPasswordToVerify' : 'noMobileToVerify'));
  }
  const key = { workflowId: link.state.workflow.id, step: link.step };
  const code = method === 'otp' ? await activeSignCode(ctx, key) : null;
  if (method === 'otp' && !code) throw new SignError('no-active-code', said('noActiveCode'));

  await takeAttempt(ctx, key);
  const ok =
    'password' in input ? await verifyPassword(input.password, link.player.password_hash ?? '') : sameCode(codeHash(key, input.otp.trim()), code!.code_hash);
  const settled = await settleAttempt(ctx, key, ok);
  if (!ok) {
    if (settled.lockedUntil) throw lockedError(settled.lockedUntil, toTimestamp(ctx.clock()));
    throw new SignError('verification-failed', said(method === 'password' ? 'wrongPassword' : 'wrongCode', { attemptsLeft: settled.attemptsLeft }), {
      attempts_left: settled.attemptsLeft,
    });
  }

  if (code) await markCodeUsed(ctx, code.id);
  const now = ctx.clock();
  await recordHistory(
    ctx.db,
    link.state.workflow.id,
    [
      {
        stepCode: method === 'password' ? 'PASSWORD_CERT' : 'MOBILE_CERT',
        actionId: link.step,
        actorName: link.player.name,
        actorIdentity: link.player.identity,
      },
    ],
    origin,
    now,
  );
  const session = await grantSignSession(ctx, link, current, method);
  return { session, method, verified: isVerified(needs, session.methods), remaining: needs.filter((m) => !session.methods.has(m)) };
}

function sameCode(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
