// When a failed job is tried again. Exports' default: immediately, then 5 s, 5 min, 30 min, 2 h,
// 5 h, 10 h, 14 h, 20 h, 24 h (about three days), each with up to 20% jitter; then it is dead.
// Messages have their own schedule (notify/notify-job-handler.ts), read the same way.

import { ConfigError } from '../config.ts';

export const RETRY_SCHEDULE_VARIABLE = 'DOJANG_EXPORT_RETRY_SCHEDULE';

/**
 * Seconds to wait before each attempt: entry n is the wait before attempt n+1, counted from
 * the previous attempt (entry 0 from the event's creation). Its length is the number of attempts.
 */
export type RetrySchedule = readonly number[];

export const DEFAULT_RETRY_SCHEDULE: RetrySchedule = [0, 5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400];

/** Up to this fraction of the scheduled wait is added at random, so retries do not stampede. */
export const RETRY_JITTER = 0.2;

/** A receiver's Retry-After is honoured up to this much. */
export const MAX_RETRY_AFTER_MS = 24 * 3600_000;

/** Parses DOJANG_EXPORT_RETRY_SCHEDULE (comma-separated seconds); unset or blank is the default. */
export function parseRetrySchedule(value: string | undefined, variable: string = RETRY_SCHEDULE_VARIABLE): RetrySchedule {
  if (value === undefined || value.trim() === '') return DEFAULT_RETRY_SCHEDULE;
  return value.split(',').map((entry) => {
    const text = entry.trim();
    if (!/^\d+(\.\d+)?$/.test(text)) {
      throw new ConfigError(variable, `"${text}" is not a number of seconds; expected comma-separated seconds like 0,5,300,1800`);
    }
    return Number(text);
  });
}

/**
 * How long to wait before the next attempt after `attemptsMade` attempts, or null when the
 * event is dead. A larger Retry-After (capped at MAX_RETRY_AFTER_MS) wins over the schedule.
 */
export function nextAttemptDelayMs(attemptsMade: number, schedule: RetrySchedule, random: () => number = Math.random, retryAfterMs?: number): number | null {
  if (!Number.isInteger(attemptsMade) || attemptsMade < 0) {
    throw new RangeError(`attemptsMade must be a whole number ≥ 0, not ${attemptsMade}`);
  }
  const seconds = schedule[attemptsMade];
  if (seconds === undefined) return null;
  const scheduled = Math.round(seconds * 1000 * (1 + RETRY_JITTER * random()));
  if (retryAfterMs === undefined) return scheduled;
  return Math.max(scheduled, Math.min(Math.max(retryAfterMs, 0), MAX_RETRY_AFTER_MS));
}
