import { describe, expect, it } from 'vitest';
import { format } from './messages.ts';

describe('messages', () => {
  it('put values in, and pick the plural form the language needs', () => {
    const attempts = '{n, plural, one {# attempt} other {# attempts}}, {failed} failed';
    expect(format(attempts, { n: 1, failed: 0 }, 'en-US')).toBe('1 attempt, 0 failed');
    expect(format(attempts, { n: 3, failed: 1 }, 'en-US')).toBe('3 attempts, 1 failed');
    expect(format('{n, plural, =0 {no events} one {# event {name}} other {# events {name}}}', { n: 0, name: 'x' }, 'en-US')).toBe('no events');
    expect(format('{n, plural, =0 {no events} one {# event {name}} other {# events {name}}}', { n: 1, name: 'x' }, 'en-US')).toBe('1 event x');
    // Korean has one form: `other`.
    expect(format('{n, plural, other {시도 #회}}', { n: 1 }, 'ko-KR')).toBe('시도 1회');
    expect(format('이벤트 {n}', { n: 4 })).toBe('이벤트 4');
    expect(format('{missing}', {})).toBe('{missing}');
  });
});
