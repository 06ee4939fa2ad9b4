// Text a request carries must be text: no NUL (PostgreSQL text cannot hold U+0000, and no
// legitimate value needs it) and no lone UTF-16 surrogate (JSON can spell one, \ud800, but no
// UTF-8 can store it: it would be silently replaced). Checked at the edge, in the body, the
// path parameters and the query, on both databases alike, naming where.
import type { FastifyRequest } from 'fastify';
import type { FieldProblem } from '../domain/field-values.ts';
import { said, type Said } from '../domain/said.ts';
import { DojangError } from '../errors.ts';

const LONE_SURROGATE = /\p{Surrogate}/u;

function unreadable(text: string): Said | null {
  if (text.includes('\u0000')) return said('noNulCharacter');
  if (LONE_SURROGATE.test(text)) return said('loneSurrogate');
  return null;
}

function findUnreadable(value: unknown, path: string, depth = 0): FieldProblem | null {
  if (typeof value === 'string') {
    const message = unreadable(value);
    return message ? { field: path, said: message } : null;
  }
  if (depth > 64 || typeof value !== 'object' || value === null) return null;
  if (Buffer.isBuffer(value)) return null;
  for (const [key, inner] of Object.entries(value)) {
    const keyMessage = unreadable(key);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is what it makes readable
    const safeKey = key.replace(/\u0000/g, '\\u0000').replace(/\p{Surrogate}/gu, '\\uFFFD');
    if (keyMessage) return { field: `${path}.${safeKey}`, said: keyMessage };
    const found = findUnreadable(inner, Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return null;
}

/** Whether every string in `value`, keys included, is readable: the common case, walked without naming paths. */
function allReadable(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return unreadable(value) === null;
  if (depth > 64 || typeof value !== 'object' || value === null || Buffer.isBuffer(value)) return true;
  for (const key in value) {
    if (unreadable(key) !== null || !allReadable((value as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}

/** Throws `invalid` naming the first value that is not readable text. */
export function assertReadableText(value: unknown, where: string): void {
  if (allReadable(value)) return;
  const problem = findUnreadable(value, where);
  if (problem) throw DojangError.invalid([problem]);
}

/** The request's path parameters, query and body (a preValidation hook for every route). */
export function assertReadableRequest(request: FastifyRequest): void {
  assertReadableText(request.params, 'path');
  assertReadableText(request.query, 'query');
  assertReadableText(request.body, 'body');
}
