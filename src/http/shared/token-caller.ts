// The caller of the token APIs (eSignon's and Dojang's v1): `Authorization: esignon <token>`
// (eSignon's form) or `Bearer <token>`. The token's company is the caller's company, whatever
// the body says. Each API answers a request without a valid token in its own format.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authenticate, type Caller } from '../../accounts/access-tokens.ts';
import type { Context } from '../../context.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The token's member and company, set before the body is read (requireTokenCaller). */
    caller?: Caller;
  }
}

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

/** The caller of a route behind requireTokenCaller. */
export function callerFrom(request: FastifyRequest): Caller {
  if (!request.caller) throw new Error('route without authentication');
  return request.caller;
}

export interface TokenCallerOptions {
  /** Routes that need no token (login, verification). */
  exempt: (request: FastifyRequest) => boolean;
  /** The API's own answer to a missing, expired or unknown token. */
  refuse: (request: FastifyRequest, reply: FastifyReply) => FastifyReply;
}

/** Every route of `app` but the exempt needs a token; checked before the body is read, so a caller without one learns that first, and cheaply. */
export function requireTokenCaller(app: FastifyInstance, ctx: Context, options: TokenCallerOptions): void {
  app.addHook('onRequest', async (request, reply) => {
    if (options.exempt(request)) return;
    const caller = await callerOf(ctx, request);
    if (!caller) return options.refuse(request, reply);
    request.caller = caller;
  });
}
