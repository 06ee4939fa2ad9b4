import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config.ts';
import { DEFAULT_RETRY_SCHEDULE, MAX_RETRY_AFTER_MS, nextAttemptDelayMs, parseRetrySchedule } from './retry-schedule.ts';

const noJitter = (): number => 0;
const fullJitter = (): number => 0.999_999;

describe('parseRetrySchedule', () => {
  it('defaults to about three days of retries', () => {
    expect(parseRetrySchedule(undefined)).toEqual([0, 5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400]);
    expect(parseRetrySchedule('  ')).toBe(DEFAULT_RETRY_SCHEDULE);
    const total = DEFAULT_RETRY_SCHEDULE.reduce((a, b) => a + b, 0);
    expect(total / 86400).toBeGreaterThan(3);
    expect(total / 86400).toBeLessThan(3.5);
  });

  it('reads comma-separated seconds', () => {
    expect(parseRetrySchedule('0,5,300,1800')).toEqual([0, 5, 300, 1800]);
    expect(parseRetrySchedule(' 0 , 0.5 ,2')).toEqual([0, 0.5, 2]);
  });

  it.each(['0,5,,300', '0,-5', '0,5s', 'abc', '0,1e3', '0,Infinity'])('refuses %j naming the variable', (value) => {
    expect(() => parseRetrySchedule(value)).toThrow(ConfigError);
    expect(() => parseRetrySchedule(value)).toThrow(/^DOJANG_EXPORT_RETRY_SCHEDULE: /);
  });
});

describe('nextAttemptDelayMs', () => {
  const schedule = [0, 5, 300];

  it('follows the schedule, then declares the event dead', () => {
    expect(nextAttemptDelayMs(0, schedule, noJitter)).toBe(0);
    expect(nextAttemptDelayMs(1, schedule, noJitter)).toBe(5_000);
    expect(nextAttemptDelayMs(2, schedule, noJitter)).toBe(300_000);
    expect(nextAttemptDelayMs(3, schedule, noJitter)).toBeNull();
    expect(nextAttemptDelayMs(10, DEFAULT_RETRY_SCHEDULE, noJitter)).toBeNull();
    expect(nextAttemptDelayMs(9, DEFAULT_RETRY_SCHEDULE, noJitter)).toBe(86_400_000);
  });

  it('adds up to 20% positive jitter', () => {
    expect(nextAttemptDelayMs(2, schedule, fullJitter)).toBe(360_000);
    expect(nextAttemptDelayMs(2, schedule, () => 0.5)).toBe(330_000);
    for (let i = 0; i < 200; i += 1) {
      const delay = nextAttemptDelayMs(1, schedule) ?? -1;
      expect(delay).toBeGreaterThanOrEqual(5_000);
      expect(delay).toBeLessThanOrEqual(6_000);
    }
    expect(nextAttemptDelayMs(0, schedule, fullJitter)).toBe(0);
  });

  it('lets a larger Retry-After win, capped at 24 h', () => {
    expect(nextAttemptDelayMs(1, schedule, noJitter, 60_000)).toBe(60_000);
    expect(nextAttemptDelayMs(2, schedule, noJitter, 60_000)).toBe(300_000);
    expect(nextAttemptDelayMs(1, schedule, noJitter, 10 * 86_400_000)).toBe(MAX_RETRY_AFTER_MS);
    expect(nextAttemptDelayMs(1, schedule, noJitter, -5)).toBe(5_000);
  });

  it('does not revive a dead event for a Retry-After', () => {
    expect(nextAttemptDelayMs(3, schedule, noJitter, 1_000)).toBeNull();
  });

  it('refuses a nonsensical attempt count', () => {
    expect(() => nextAttemptDelayMs(-1, schedule)).toThrow(RangeError);
    expect(() => nextAttemptDelayMs(1.5, schedule)).toThrow(RangeError);
  });
});
