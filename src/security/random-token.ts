// Opaque bearer secrets (access tokens, signing links, document links): 256 random bits,
// handed out once and stored only as their SHA-256.
import { createHash, randomFillSync } from 'node:crypto';

/**
 * Random bytes drawn from the system's generator a few kilobytes at a time, each byte handed out
 * once: a draw per token cost about as much as the rest of making it (an approval makes two).
 */
const pool = Buffer.alloc(4096);
let used = pool.length;

export function randomToken(bytes = 32): string {
  if (bytes > pool.length) throw new RangeError(`randomToken: ${bytes} bytes is more than one draw`);
  if (used + bytes > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const token = pool.toString('base64url', used, used + bytes);
  // Spent bytes are wiped, so the pool never holds a token already handed out.
  pool.fill(0, used, used + bytes);
  used += bytes;
  return token;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export const hashToken = (token: string): string => sha256Hex(token);
