import { describe, expect, it } from 'vitest';
import { formatTimeWithOffset } from './format-time-with-offset.ts';

describe('formatTimeWithOffset', () => {
  it('shows a UTC time in the given zone with the offset', () => {
    expect(formatTimeWithOffset('2026-12-01T00:30:05Z', '+09:00')).toBe('2026-12-01 09:30:05 +09:00');
    expect(formatTimeWithOffset('2026-12-31T20:00:00.000Z', '+09:00')).toBe('2027-01-01 05:00:00 +09:00');
    expect(formatTimeWithOffset('2026-12-01T00:30:05Z', '-03:30')).toBe('2026-11-30 21:00:05 -03:30');
  });

  it('rejects what is not an offset or a time', () => {
    expect(() => formatTimeWithOffset('2026-12-01T00:30:05Z', 'KST')).toThrow(RangeError);
    expect(() => formatTimeWithOffset('yesterday', '+09:00')).toThrow(RangeError);
  });
});
