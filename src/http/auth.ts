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
  userAgent: typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'].slice(0, 512) : null,
});
