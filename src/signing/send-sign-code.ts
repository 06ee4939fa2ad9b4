// `POST /api/sign/:token/otp`: a six-digit code to the player's `mobile_number`, valid five
// minutes, queued as a notification job (KakaoTalk or SMS) even in embed mode: a code is not a
// signing request. Sent at most once a minute and five times an hour per step; only the newest
// code counts.
import { randomInt } from 'node:crypto';
import type { Context } from '../context.ts';
import { hashToken } from '../security/random-token.ts';
import { change } from '../jobs/change.ts';
import { queueNotification } from '../workflows/change-kit.ts';
import { asLanguage } from '../domain/recipient.ts';
import { assertLinkOpen, type SignLink } from './open-sign-link.ts';
import { said } from '../domain/said.ts';
import { SignError } from './sign-error.ts';
import { currentLock, lockedError } from './sign-guard.ts';
import { maskMobileNumber } from './verification-needs.ts';
import { toTimestamp } from '../domain/time.ts';
import type { WorkflowId } from '../domain/ids.ts';

export const CODE_VALID_MINUTES = 5;
export const CODE_RESEND_SECONDS = 60;
export const CODES_PER_HOUR = 5;

interface StepKey {
  workflowId: WorkflowId;
  step: number;
}

export const codeHash = (key: StepKey, code: string) => hashToken(`${key.workflowId}:${key.step}:${code}`);

export interface SentCode {
  mobileNumber: string;
  expiresAt: string;
  resendAfterSeconds: number;
}

export async function sendSignCode(ctx: Context, link: SignLink): Promise<SentCode> {
  assertLinkOpen(link);
  const mobile = link.player.mobile_number;
  if (!mobile) throw new SignError('verification-not-needed', said('noMobileToVerify'));
  const key = { workflowId: link.state.workflow.id, step: link.step };
  const now = ctx.clock();
  const lockedUntil = await currentLock(ctx, key);
  if (lockedUntil) throw lockedError(lockedUntil, toTimestamp(now));

  const hourAgo = toTimestamp(new Date(now.getTime() - 3600_000));
  const recent = await ctx.db
    .selectFrom('sign_codes')
    .select('created_at')
    .where('workflow_id', '=', key.workflowId)
    .where('step', '=', key.step)
    .where('created_at', '>', hourAgo)
    .orderBy('id', 'desc')
    .execute();
  const wait = Math.max(
    recent[0] ? Date.parse(recent[0].created_at) + CODE_RESEND_SECONDS * 1000 - now.getTime() : 0,
    recent.length >= CODES_PER_HOUR ? Date.parse(recent[CODES_PER_HOUR - 1]!.created_at) + 3600_000 - now.getTime() : 0,
  );
  if (wait > 0) {
    const retryAfter = Math.ceil(wait / 1000);
    throw new SignError('code-rate-limited', said('codeResendWait', { seconds: retryAfter }), { retry_after: retryAfter });
  }

  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAt = toTimestamp(new Date(now.getTime() + CODE_VALID_MINUTES * 60_000));
  await change(
    ctx,
    async (tx) => {
      await tx.db
        .insertInto('sign_codes')
        .values({
          workflow_id: key.workflowId,
          step: key.step,
          code_hash: codeHash(key, code),
          created_at: toTimestamp(now),
          expires_at: expiresAt,
          used_at: null,
        })
        .execute();
      await queueNotification(tx, link.state, {
        kind: 'otp',
        step: link.step,
        to: { name: link.player.name, identity: mobile, language: asLanguage(link.player.language) },
        code,
        validMinutes: CODE_VALID_MINUTES,
      });
    },
    now,
  );
  return { mobileNumber: maskMobileNumber(mobile), expiresAt, resendAfterSeconds: CODE_RESEND_SECONDS };
}

/** The newest code of the step, if it is unused and still valid. */
export async function activeSignCode(ctx: Pick<Context, 'db' | 'clock'>, key: StepKey): Promise<{ id: number; code_hash: string } | null> {
  const newest = await ctx.db
    .selectFrom('sign_codes')
    .select(['id', 'code_hash', 'expires_at', 'used_at'])
    .where('workflow_id', '=', key.workflowId)
    .where('step', '=', key.step)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!newest || newest.used_at !== null || newest.expires_at <= toTimestamp(ctx.clock())) return null;
  return { id: newest.id, code_hash: newest.code_hash };
}

export async function markCodeUsed(ctx: Pick<Context, 'db' | 'clock'>, id: number): Promise<void> {
  await ctx.db
    .updateTable('sign_codes')
    .set({ used_at: toTimestamp(ctx.clock()) })
    .where('id', '=', id)
    .execute();
}
