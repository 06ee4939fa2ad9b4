// Authentication for the eSignon routes: every route but login needs a token, and a token
// sees only its own company (the path's :companyId and a body's comp_id must match it).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Caller } from '../../accounts/access-tokens.ts';
import type { Context } from '../../context.ts';
import { callerOf } from '../auth.ts';
import { envelope, responseCodeOf } from './envelope.ts';
import { SAID } from './messages.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The response_code this route answers with. */
    esignonCode?: string;
    /** No token needed (login). */
    public?: boolean;
  }
  interface FastifyRequest {
    caller?: Caller;
  }
}

export function callerFrom(request: FastifyRequest): Caller {
  if (!request.caller) throw new Error('route without authentication');
  return request.caller;
}

export function installGuard(app: FastifyInstance, ctx: Context): void {
  // Before the body is read: a caller without a token learns that first, and cheaply.
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.config.public) return;
    const caller = await callerOf(ctx, request);
    if (!caller) {
      return reply.code(401).send(envelope(request, responseCodeOf(request), '94', SAID.badToken, {}));
    }
    request.caller = caller;
  });
  // Once the body is read: the company it names must be the token's.
  app.addHook('preValidation', async (request, reply) => {
    const caller = request.caller;
    if (!caller) return;
    const params = request.params as { companyId?: string } | undefined;
    const body = (request.body as { body?: { comp_id?: unknown } } | undefined)?.body;
    const claimed = [params?.companyId, body?.comp_id].filter((c) => c !== undefined && c !== null && c !== '').map(String);
    if (claimed.some((c) => c !== caller.companyId)) {
      return reply.code(403).send(envelope(request, responseCodeOf(request), '95', SAID.otherCompany(caller.companyId), {}));
    }
  });
}
