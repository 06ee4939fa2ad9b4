import { describe, expect, it } from 'vitest';
import { identityKind, normalizeMobile, sameIdentity } from './identity.ts';

describe('identityKind', () => {
  it.each([
    ['kim@example.com', 'email'],
    ['kim.chul-su+tag@mail.example.co.kr', 'email'],
    ['010-2345-6789', 'mobile'],
    ['01023456789', 'mobile'],
    ['011-234-5678', 'mobile'],
    ['+82 10-2345-6789', 'mobile'],
    ['+821023456789', 'mobile'],
    ['02-123-4567', null],
    ['010-2345-678', null],
    ['010-123-4567', null],
    ['kim@', null],
    ['kim@example', null],
    ['김철수', null],
    ['', null],
  ])('%s → %s', (text, kind) => {
    expect(identityKind(text)).toBe(kind);
  });

  it('compares identities the way people write them', () => {
    expect(normalizeMobile('+82 10-2345-6789')).toBe('01023456789');
    expect(normalizeMobile('02-123-4567')).toBeNull();
    expect(sameIdentity('010-2345-6789', '01023456789')).toBe(true);
    expect(sameIdentity('Kim@Example.com', 'kim@example.com')).toBe(true);
    expect(sameIdentity('kim@example.com', 'lee@example.com')).toBe(false);
  });
});
