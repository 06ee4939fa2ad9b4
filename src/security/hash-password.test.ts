import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './hash-password.ts';

describe('hashPassword', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('비밀번호-1234');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('비밀번호-1234', stored)).toBe(true);
    expect(await verifyPassword('비밀번호-1235', stored)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });
});
