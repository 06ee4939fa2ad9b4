import { describe, expect, it } from 'vitest';
import { classifyIdentity, isEmail as isEmailAddress, normalizeMobile as normalizeKoreanMobile } from './identity.ts';

describe('normalizeKoreanMobile', () => {
  it.each([
    ['01012345678', '01012345678'],
    ['010-1234-5678', '01012345678'],
    ['010 1234 5678', '01012345678'],
    ['010.1234.5678', '01012345678'],
    ['+82 10-1234-5678', '01012345678'],
    ['+821012345678', '01012345678'],
    ['+82-10-1234-5678', '01012345678'],
    ['+82 (0)10 1234 5678', '01012345678'],
    ['0082-10-1234-5678', '01012345678'],
    ['011-234-5678', '0112345678'],
    ['016-2345-6789', '01623456789'],
    ['017 234 5678', '0172345678'],
    ['018-234-5678', '0182345678'],
    ['019-2345-6789', '01923456789'],
    [' 010-2345-6789 ', '01023456789'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeKoreanMobile(input)).toBe(expected);
  });

  it.each([
    '010-123-4567', // 010 needs eight subscriber digits
    '010123456789',
    '012-3456-7890', // not a mobile prefix
    '02-930-2266', // Seoul landline
    '070-1234-5678',
    '+1 415 555 0100',
    '+8210123',
    '010-1234-567a',
    '',
    '010--1234',
  ])('refuses %j', (input) => {
    expect(normalizeKoreanMobile(input)).toBeNull();
  });
});

describe('classifyIdentity', () => {
  it('tells emails from mobile numbers', () => {
    expect(classifyIdentity('kim@example.com')).toEqual({ kind: 'email', email: 'kim@example.com' });
    expect(classifyIdentity(' Kim.Chulsoo+sign@mail.example.co.kr ')).toEqual({
      kind: 'email',
      email: 'Kim.Chulsoo+sign@mail.example.co.kr',
    });
    expect(classifyIdentity('010-2345-6789')).toEqual({ kind: 'mobile', mobile: '01023456789' });
    expect(classifyIdentity('+82 10 2345 6789')).toEqual({ kind: 'mobile', mobile: '01023456789' });
  });

  it('calls anything else invalid', () => {
    for (const value of ['kim@', '@example.com', 'kim@example', 'kim @example.com', 'a@b@example.com', 'hello', '02-930-2266']) {
      expect(classifyIdentity(value), value).toEqual({ kind: 'invalid' });
    }
  });

  it('accepts non-ASCII domains and local parts (EAI)', () => {
    expect(isEmailAddress('홍길동@회사.한국')).toBe(true);
  });
});
