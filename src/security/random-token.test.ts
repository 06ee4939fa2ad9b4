// Random tokens drawn from a pool: each one new, of the length asked for, across many draws.
import { describe, expect, it } from 'vitest';
import { randomToken } from './random-token.ts';

describe('randomToken', () => {
  it('hands out distinct URL-safe tokens of the size asked for, across refills of its pool', () => {
    const tokens = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const token = randomToken(i % 3 === 0 ? 9 : 32);
      expect(token).toMatch(i % 3 === 0 ? /^[\w-]{12}$/ : /^[\w-]{43}$/);
      tokens.add(token);
    }
    expect(tokens.size).toBe(1000);
    // 256 bits each: the bits set are about half of them, never all or none.
    const bits = [...Buffer.from(randomToken(), 'base64url')].reduce((sum, byte) => sum + byte.toString(2).replaceAll('0', '').length, 0);
    expect(bits).toBeGreaterThan(80);
    expect(bits).toBeLessThan(176);
  });

  it('refuses a size larger than one draw', () => {
    expect(() => randomToken(5000)).toThrow(RangeError);
  });
});
