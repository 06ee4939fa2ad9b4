// A player's `email` is an email address or a Korean mobile number; which one
// decides how they are notified. Only Korean mobile numbers count as phones: AlimTalk and the
// SMS fallback go through a Korean provider.

export type IdentityKind = 'email' | 'mobile';

export type ClassifiedIdentity =
  | { kind: 'email'; email: string }
  | { kind: 'mobile' /** Digits only, domestic form: `01012345678`. */; mobile: string }
  | { kind: 'invalid' };

// One @, no spaces or quotes, a dot in the domain and a top-level part of two or more letters.
// The mail server is the judge of the rest; this tells addresses from numbers and obvious typos.
const EMAIL = /^[^\s@<>()[\]",;:\\]+@[^\s@<>()[\]",;:\\]+\.[^\s@<>()[\]",;:.\\]{2,}$/u;

// 010 numbers have eight subscriber digits; the old 011/016/017/018/019 prefixes seven or eight.
const DOMESTIC_MOBILE = /^(?:010\d{8}|01[16789]\d{7,8})$/;

export function isEmail(value: string): boolean {
  const trimmed = value.trim();
  return trimmed.length <= 254 && EMAIL.test(trimmed);
}

/**
 * `010-1234-5678`, `01012345678`, `010 1234 5678`, `+82 10-1234-5678`, `+821012345678`,
 * `+82 (0)10 1234 5678`, `0082-10-…` → `01012345678`; anything else → null.
 */
export function normalizeMobile(value: string): string | null {
  const compact = value.trim().replace(/[\s.\-()]/g, '');
  if (!/^\+?\d+$/.test(compact)) return null;
  let digits = compact;
  const international = /^(?:\+|00)82(.*)$/.exec(digits);
  if (international) {
    const national = international[1] ?? '';
    digits = national.startsWith('0') ? national : `0${national}`;
  } else if (digits.startsWith('+')) {
    return null;
  }
  return DOMESTIC_MOBILE.test(digits) ? digits : null;
}

export function isKoreanMobile(value: string): boolean {
  return normalizeMobile(value) !== null;
}

export function classifyIdentity(identity: string): ClassifiedIdentity {
  if (identity.includes('@')) return isEmail(identity) ? { kind: 'email', email: identity.trim() } : { kind: 'invalid' };
  const mobile = normalizeMobile(identity);
  return mobile === null ? { kind: 'invalid' } : { kind: 'mobile', mobile };
}

export function identityKind(identity: string): IdentityKind | null {
  const classified = classifyIdentity(identity);
  return classified.kind === 'invalid' ? null : classified.kind;
}

/** Two identities name the same person when they are the same email (any case) or the same number. */
export function sameIdentity(a: string, b: string): boolean {
  const [x, y] = [normalizeMobile(a), normalizeMobile(b)];
  if (x !== null && y !== null) return x === y;
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
