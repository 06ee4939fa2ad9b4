// Text a request carries must be text: no NUL (PostgreSQL text cannot hold U+0000, and no
// legitimate value needs it) and no lone UTF-16 surrogate (JSON can spell one, \ud800, but no
// UTF-8 can store it: it would be silently replaced). Checked at the edge, in the body, the
// path parameters and the query, on both databases alike, naming where.
import type { FastifyRequest } from 'fastify';
import { said, type Said } from '../domain/said.ts';
import { DojangError } from '../errors.ts';

const LONE_SURROGATE = /\p{Surrogate}/u;

function unreadable(text: string): Said | null {
  if (text.includes('\u0000')) return said('noNulCharacter');
  if (LONE_SURROGATE.test(text)) return said('loneSurrogate');
  return null;
}

/**
 * The first value or key of `value` that is not readable text: what is wrong and the path to it
 * from `value`. The path is built only on the way back from a problem, so the common case, all
 * readable, names nothing.
 */
function findUnreadable(value: unknown, depth = 0): { path: string; said: Said } | null {
  if (typeof value === 'string') {
    const message = unreadable(value);
    return message ? { path: '', said: message } : null;
  }
  if (depth > 64 || typeof value !== 'object' || value === null || Buffer.isBuffer(value)) return null;
  for (const key of Object.keys(value)) {
    const keyMessage = unreadable(key);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is what it makes readable
    if (keyMessage) return { path: `.${key.replace(/\u0000/g, '\\u0000').replace(/\p{Surrogate}/gu, '\\uFFFD')}`, said: keyMessage };
    const found = findUnreadable((value as Record<string, unknown>)[key], depth + 1);
    if (found) return { path: `${Array.isArray(value) ? `[${key}]` : `.${key}`}${found.path}`, said: found.said };
  }
  return null;
}

/** Throws `invalid` naming the first value that is not readable text. */
export function assertReadableText(value: unknown, where: string): void {
  const problem = findUnreadable(value);
  if (problem) throw DojangError.invalid([{ field: `${where}${problem.path}`, said: problem.said }]);
}

/** The request's path parameters, query and body (a preValidation hook for every route). */
export function assertReadableRequest(request: FastifyRequest): void {
  assertReadableText(request.params, 'path');
  assertReadableText(request.query, 'query');
  assertReadableText(request.body, 'body');
}
