// Opaque bearer secrets (access tokens, signing links, document links): 256 random bits,
// handed out once and stored only as their SHA-256.
import { createHash, randomBytes } from 'node:crypto';

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export const hashToken = (token: string): string => sha256Hex(token);
