// Authentication for the eSignon routes: every route but login needs a token (answered "94" in
// the envelope without one), and a token sees only its own company (the path's :companyId and a
// body's comp_id must match it).
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../context.ts';
import { requireTokenCaller } from '../shared/token-caller.ts';
import { fieldAt } from '../shared/unvalidated-fields.ts';
import { envelope, responseCodeOf } from './envelope.ts';
import { said } from '../../domain/said.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The response_code this route answers with. */
    esignonCode?: string;
    /** No token needed (login). */
    public?: boolean;
  }
}

export function installGuard(app: FastifyInstance, ctx: Context): void {
  requireTokenCaller(app, ctx, {
    exempt: (request) => request.routeOptions.config.public === true,
    refuse: (request, reply) => reply.code(401).send(envelope(request, responseCodeOf(request), '94', said('badAccessToken'), {})),
  });
  // Once the body is read, before it is validated: the company it names must be the token's.
  app.addHook('preValidation', async (request, reply) => {
    const caller = request.caller;
    if (!caller) return;
    const claimed = [fieldAt(request.params, 'companyId'), fieldAt(request.body, 'body', 'comp_id')]
      .filter((c) => c !== undefined && c !== null && c !== '')
      .map(String);
    if (claimed.some((c) => c !== caller.companyId)) {
      return reply.code(403).send(envelope(request, responseCodeOf(request), '95', said('tokenOfOtherCompany', { company: caller.companyId }), {}));
    }
  });
}
