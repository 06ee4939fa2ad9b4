// Passwords (members' and players') are stored as scrypt hashes: memory-hard, and in node:crypto,
// so no native dependency. Format: scrypt$<N>$<r>$<p>$<salt b64>$<hash b64>.
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** Longer passwords are refused at the edge: hashing megabytes is work an anonymous caller should not get for free. */
export const MAX_PASSWORD_LENGTH = 1024;

const N = 2 ** 15;
const r = 8;
const p = 1;
const KEY_LENGTH = 32;

function scrypt(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

const maxmem = (n: number, blockSize: number) => 128 * n * blockSize * 2;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, { N, r, p, maxmem: maxmem(N, r) });
  return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, blockSize, parallel, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !blockSize || !parallel || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scrypt(password, Buffer.from(salt, 'base64'), {
    N: Number(n),
    r: Number(blockSize),
    p: Number(parallel),
    maxmem: maxmem(Number(n), Number(blockSize)),
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}
