import { describe, expect, it } from 'vitest';
import { dayInOffset, endOfDay, formatInOffset, formatWorkdatetime, isCalendarDate, parseUtcOffset, startOfDay, toTimestamp } from './time.ts';

describe('formatWorkdatetime', () => {
  it.each([
    ['2020-01-31T04:23:28.000Z', '2020-01-31 04:23:28.0'],
    ['2020-01-31T04:23:28.250Z', '2020-01-31 04:23:28.25'],
    ['2020-01-31T04:23:28.123Z', '2020-01-31 04:23:28.123'],
    ['2020-01-31T04:23:28.100Z', '2020-01-31 04:23:28.1'],
    ['2026-12-01T00:30:05.250Z', '2026-12-01 00:30:05.25'],
  ])('%s → %s', (iso, expected) => {
    expect(formatWorkdatetime(new Date(iso))).toBe(expected);
  });
});

describe('toTimestamp', () => {
  it('says each instant, the same Date changed in between too, and refuses an invalid one', () => {
    const instant = new Date('2026-12-07T16:20:00.125Z');
    expect(toTimestamp(instant)).toBe('2026-12-07T16:20:00.125Z');
    expect(toTimestamp(new Date('2026-12-07T16:20:00.125Z'))).toBe('2026-12-07T16:20:00.125Z');
    instant.setUTCMilliseconds(126);
    expect(toTimestamp(instant)).toBe('2026-12-07T16:20:00.126Z');
    expect(() => toTimestamp(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => toTimestamp(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('days in a company time zone', () => {
  it('ends 2026-12-01 at midnight Seoul time', () => {
    expect(endOfDay('2026-12-01', '+09:00').toISOString()).toBe('2026-12-01T15:00:00.000Z');
    expect(startOfDay('2026-12-01', '+09:00').toISOString()).toBe('2026-11-30T15:00:00.000Z');
    expect(endOfDay('2026-12-01', '-03:30').toISOString()).toBe('2026-12-02T03:30:00.000Z');
  });

  it('knows which day an instant is on', () => {
    expect(dayInOffset(new Date('2026-11-30T15:00:00Z'), '+09:00')).toBe('2026-12-01');
    expect(dayInOffset(new Date('2026-11-30T14:59:59Z'), '+09:00')).toBe('2026-11-30');
    expect(formatInOffset(new Date('2026-12-01T00:30:05.250Z'), '+09:00')).toBe('2026-12-01 09:30:05');
  });

  it('parses offsets and dates strictly', () => {
    expect(parseUtcOffset('+09:00')).toBe(540);
    expect(parseUtcOffset('-03:30')).toBe(-210);
    expect(parseUtcOffset('09:00')).toBeNull();
    expect(parseUtcOffset('+15:00')).toBeNull();
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-1-01')).toBe(false);
  });
});
