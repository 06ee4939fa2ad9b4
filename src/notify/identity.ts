// A player's `email` in eSignon is an email address or a mobile number (SPEC section 1);
// which one it is decides the channel. Only Korean mobile numbers are accepted as phones:
// AlimTalk and the SMS fallback go through a Korean provider.

export type ClassifiedIdentity =
  | { kind: 'email'; email: string }
  | { kind: 'mobile'; /** Digits only, domestic form: `01012345678`. */ mobile: string }
  | { kind: 'invalid' };

// Deliberately simple: one @, no spaces, a dot in the domain. The SMTP server is the judge
// of the rest; this only has to tell addresses from phone numbers and obvious typos.
const EMAIL = /^[^\s@<>()[\]",;:]+@[^\s@<>()[\]",;:]+\.[^\s@<>()[\]",;:.]{2,}$/u;

// 010 numbers have eight subscriber digits; the old 011/016/017/018/019 prefixes
// have seven or eight.
const DOMESTIC_MOBILE = /^(?:010\d{8}|01[16789]\d{7,8})$/;

export function isEmailAddress(value: string): boolean {
  const trimmed = value.trim();
  return trimmed.length <= 254 && EMAIL.test(trimmed);
}

/**
 * `010-1234-5678`, `01012345678`, `010 1234 5678`, `+82 10-1234-5678`, `+821012345678`,
 * `+82 (0)10 1234 5678`, `0082-10-…` → `01012345678`; anything else → null.
 */
export function normalizeKoreanMobile(value: string): string | null {
  const compact = value.trim().replace(/[\s.\-()]/g, '');
  if (!/^\+?\d+$/.test(compact)) return null;
  let digits = compact;
  const international = digits.match(/^(?:\+|00)82(.*)$/);
  if (international) {
    const national = international[1] ?? '';
    digits = national.startsWith('0') ? national : `0${national}`;
  } else if (digits.startsWith('+')) {
    return null;
  }
  return DOMESTIC_MOBILE.test(digits) ? digits : null;
}

export function classifyIdentity(identity: string): ClassifiedIdentity {
  if (identity.includes('@')) {
    return isEmailAddress(identity) ? { kind: 'email', email: identity.trim() } : { kind: 'invalid' };
  }
  const mobile = normalizeKoreanMobile(identity);
  return mobile === null ? { kind: 'invalid' } : { kind: 'mobile', mobile };
}
