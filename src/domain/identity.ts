// A player's `email` is an email address or a Korean mobile number (SPEC section 1);
// which one decides how they are notified.

export type IdentityKind = 'email' | 'mobile';

const EMAIL = /^[^\s@"<>(),;:\\[\]]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
// 010/011/016/017/018/019, hyphens or spaces optional, or the +82 form without the leading 0.
const MOBILE = /^(?:\+82[- ]?|0)1[016789][- ]?\d{3,4}[- ]?\d{4}$/;

export function isEmail(text: string): boolean {
  return text.length <= 254 && EMAIL.test(text);
}

export function isKoreanMobile(text: string): boolean {
  return MOBILE.test(text);
}

export function identityKind(text: string): IdentityKind | null {
  if (isEmail(text)) return 'email';
  if (isKoreanMobile(text)) return 'mobile';
  return null;
}

/** `+82 10-2345-6789` and `010-2345-6789` both become `01023456789`. */
export function normalizeMobile(text: string): string {
  const digits = text.replace(/\D/g, '');
  return digits.startsWith('82') ? `0${digits.slice(2)}` : digits;
}

/** Two identities name the same person when they are the same email (any case) or the same number. */
export function sameIdentity(a: string, b: string): boolean {
  if (isKoreanMobile(a) && isKoreanMobile(b)) return normalizeMobile(a) === normalizeMobile(b);
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
