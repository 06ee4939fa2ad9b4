import { describe, expect, it } from 'vitest';
import { isVerified, maskMobileNumber, verificationNeeds } from './verification-needs.ts';

describe('verification a player needs', () => {
  it('is the password first, then the code, and only what the player has', () => {
    expect(verificationNeeds({ password_hash: 'scrypt$…', mobile_number: '010-1234-5678' })).toEqual(['password', 'otp']);
    expect(verificationNeeds({ password_hash: null, mobile_number: '01012345678' })).toEqual(['otp']);
    expect(verificationNeeds({ password_hash: null, mobile_number: null })).toEqual([]);
    expect(isVerified(['password', 'otp'], new Set(['password']))).toBe(false);
    expect(isVerified(['password', 'otp'], new Set(['otp', 'password']))).toBe(true);
    expect(isVerified([], new Set())).toBe(true);
  });

  it('shows enough of the mobile number to recognise it', () => {
    expect(maskMobileNumber('010-1234-5678')).toBe('010-****-5678');
    expect(maskMobileNumber('0111234567')).toBe('011-***-4567');
    expect(maskMobileNumber('12')).toBe('**');
  });
});
