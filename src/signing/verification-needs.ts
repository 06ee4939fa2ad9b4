// Which verifications a player must pass before their document is shown: the
// password given at start (with its hint), then a one-time code to `mobile_number`.
import type { Player } from '../store/schema.ts';
import type { VerificationMethod } from './sign-link-answers.ts';

export type { VerificationMethod };

export function verificationNeeds(player: Pick<Player, 'password_hash' | 'mobile_number'>): VerificationMethod[] {
  const needs: VerificationMethod[] = [];
  if (player.password_hash) needs.push('password');
  if (player.mobile_number) needs.push('otp');
  return needs;
}

export function isVerified(needs: readonly VerificationMethod[], passed: ReadonlySet<VerificationMethod>): boolean {
  return needs.every((method) => passed.has(method));
}

/** `010-1234-5678` → `010-****-5678`: enough to recognise one's own number. */
export function maskMobileNumber(number: string): string {
  const digits = number.replace(/\D/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}-${'*'.repeat(digits.length - 7)}-${digits.slice(-4)}`;
}
