// What a send attempt reports back to the notification worker, which records it with the
// job and decides on retries. Channels never throw: every outcome is one of these values.

import type { NotificationMessage } from './message.ts';

/**
 * `dev` means written to the log only: nothing left the server. `none` means no channel
 * could take the message (the identity is neither an email address nor a mobile number).
 */
export type ChannelName = 'email' | 'alimtalk' | 'sms' | 'dev' | 'none';

export type DeliveryErrorCode =
  /** The identity is neither an email address nor a Korean mobile number. */
  | 'invalid-identity'
  /** The SMTP server or provider could not be reached, or timed out. */
  | 'unreachable'
  /** The SMTP server or provider refused our credentials or configuration. */
  | 'unauthorized'
  /** The recipient or the message was refused (SMTP 5xx, provider validation, AlimTalk failure). */
  | 'rejected'
  /** The SMTP server or provider failed on its side (SMTP 4xx, HTTP 5xx, unreadable answer). */
  | 'provider-error'
  /** A bug on our side (rendering threw). */
  | 'internal-error';

export interface DeliveryAttempt {
  channel: ChannelName;
  /** ISO 8601 */
  startedAt: string;
  durationMs: number;
  ok: boolean;
  /** SMTP Message-ID, SOLAPI messageId/groupId, dev channel entry id. */
  providerId: string | null;
  error: string | null;
  errorCode: DeliveryErrorCode | null;
  /** Whether the same attempt may succeed later; false when it succeeded. */
  retryable: boolean;
  /** Provider facts worth keeping: SMTP response, SOLAPI status code, SMS or LMS. */
  detail: Record<string, string>;
}

export type DeliveryResult =
  | { ok: true; channel: ChannelName; providerId: string; attempts: DeliveryAttempt[] }
  | {
      ok: false;
      /** The last channel tried. */
      channel: ChannelName;
      error: string;
      errorCode: DeliveryErrorCode;
      retryable: boolean;
      attempts: DeliveryAttempt[];
    };

/** One way to reach a person; `NotificationSender` picks one per message. */
export interface NotificationChannel {
  send(message: NotificationMessage): Promise<DeliveryResult>;
  /** Releases connections; sending after close is not supported. */
  close(): Promise<void>;
}

export type AttemptOutcome =
  | { ok: true; providerId: string; detail?: Record<string, string> }
  | { ok: false; error: string; errorCode: DeliveryErrorCode; retryable: boolean; detail?: Record<string, string> };

/** Runs one attempt and times it; an exception becomes a non-retryable internal error. */
export async function timedAttempt(channel: ChannelName, run: () => Promise<AttemptOutcome>): Promise<DeliveryAttempt> {
  const started = Date.now();
  let outcome: AttemptOutcome;
  try {
    outcome = await run();
  } catch (error) {
    outcome = {
      ok: false,
      error: `internal error: ${error instanceof Error ? error.message : String(error)}`,
      errorCode: 'internal-error',
      retryable: false,
    };
  }
  return {
    channel,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    ok: outcome.ok,
    providerId: outcome.ok ? outcome.providerId : null,
    error: outcome.ok ? null : outcome.error,
    errorCode: outcome.ok ? null : outcome.errorCode,
    retryable: outcome.ok ? false : outcome.retryable,
    detail: outcome.detail ?? {},
  };
}

/** The result is that of the last attempt, with every attempt kept. */
export function resultOf(attempts: DeliveryAttempt[]): DeliveryResult {
  const last = attempts.at(-1);
  if (last === undefined) throw new Error('resultOf: no attempts');
  if (last.ok) return { ok: true, channel: last.channel, providerId: last.providerId ?? '', attempts };
  return {
    ok: false,
    channel: last.channel,
    error: last.error ?? 'unknown error',
    errorCode: last.errorCode ?? 'internal-error',
    retryable: last.retryable,
    attempts,
  };
}
