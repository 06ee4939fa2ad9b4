// Dojang's own API answers errors as RFC 9457 problem details (application/problem+json).
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DojangError, type ErrorCode } from '../../errors.ts';
import { requireTokenCaller } from '../shared/token-caller.ts';
import { validationMessage } from '../shared/validation-problems.ts';
import type { Context } from '../../context.ts';

/** The HTTP status of each service error (also used by the signer's API, http/sign). */
export const STATUS: Record<ErrorCode, number> = {
  invalid: 400,
  'bad-expiry-format': 400,
  'expiry-past': 400,
  'missing-required': 422,
  'not-found': 404,
  state: 409,
  conflict: 409,
  forbidden: 403,
  gone: 410,
  'pdf-refused': 422,
  busy: 503,
  'rate-limited': 429,
};

export function sendProblem(reply: FastifyReply, status: number, title: string, detail: string, extra: Record<string, unknown> = {}): FastifyReply {
  return reply
    .code(status)
    .type('application/problem+json; charset=utf-8')
    .send({ type: 'about:blank', title, status, detail, ...extra });
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A v1 route that needs no token. */
    anonymous?: boolean;
  }
}

/** An error as problem details: a service's with its status and each bad field, validation as 400, the unexpected as 500. */
export function sendErrorAsProblem(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof DojangError) {
    if (error.code === 'busy') reply.header('retry-after', '5');
    return sendProblem(reply, STATUS[error.code], error.code, error.message, error.problems.length > 0 ? { errors: error.problems } : {});
  }
  if (error.validation) return sendProblem(reply, 400, 'invalid', validationMessage(error));
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return sendProblem(reply, error.statusCode, error.code ?? 'bad request', error.message);
  }
  request.log.error({ err: error }, 'unexpected error');
  return sendProblem(reply, 500, 'internal', 'Unexpected error');
}

/** Problem details for every error, and a caller for every route but anonymous ones. */
export function installProblemHandling(app: FastifyInstance, ctx: Context): void {
  app.setErrorHandler(sendErrorAsProblem);
  requireTokenCaller(app, ctx, {
    exempt: (request) => request.routeOptions.config.anonymous === true,
    refuse: (_request, reply) =>
      sendProblem(reply, 401, 'unauthorized', 'Send Authorization: Bearer <token> (or esignon <token>) with a token from login (1001Q).'),
  });
}
