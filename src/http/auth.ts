// The caller of every call but login: `Authorization: esignon <token>` (eSignon's form) or
// `Bearer <token>`. The token's company is the caller's company, whatever the body says.
import type { FastifyRequest } from 'fastify';
import { authenticate, type Caller } from '../accounts/access-tokens.ts';
import type { Context } from '../context.ts';

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^\s*(esignon|bearer)\s+(\S+)\s*$/i.exec(header);
  return match ? match[2]! : null;
}

export async function callerOf(ctx: Context, request: FastifyRequest): Promise<Caller | null> {
  const token = bearerToken(request);
  return token ? authenticate(ctx, token) : null;
}

export const origin = (request: FastifyRequest) => ({
  ip: request.ip ?? null,
  userAgent: readableHeader(request.headers['user-agent'], 512),
});

/**
 * A header Dojang only records (User-Agent): Node hands its bytes over one per character; read
 * as the UTF-8 they almost always are, with bytes that are not UTF-8 replaced rather than refused.
 */
export function readableHeader(value: string | string[] | undefined, maxLength: number): string | null {
  if (typeof value !== 'string') return null;
  return Buffer.from(value, 'latin1').toString('utf8').slice(0, maxLength);
}
