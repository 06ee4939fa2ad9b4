// Dojang's own API answers errors as RFC 9457 problem details (application/problem+json).
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DojangError, sayProblems, type ErrorCode } from '../../errors.ts';
import { callerLanguage, problemList, sayToCaller } from '../shared/caller-language.ts';
import { requireTokenCaller } from '../shared/token-caller.ts';
import { validationProblems } from '../shared/validation-problems.ts';
import type { Context } from '../../context.ts';
import type { MessageLanguage } from '../../domain/localized.ts';
import { said, type Said } from '../../domain/said.ts';

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

/** A refusal said by the edge itself (no service error behind it): `detail` in the caller's language, with the message's `key`. */
export const sendSaidProblem = (
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  title: string,
  message: Said,
  extra: Record<string, unknown> = {},
): FastifyReply => sendProblem(reply, status, title, sayToCaller(request, message), { key: message.key, ...extra });

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A v1 route that needs no token. */
    anonymous?: boolean;
  }
}

/**
 * An error as problem details: a service's with its status, its message's `key` and each bad field,
 * validation as 400, the unexpected as 500. `detail` and each field's `message` are in the caller's
 * language (callerLanguage), else Korean with English alongside. With `code` (the signer's API),
 * every answer also says what happened in a `code` the page can explain.
 */
export function sendErrorAsProblem(error: FastifyError, request: FastifyRequest, reply: FastifyReply, options: { code?: boolean } = {}): FastifyReply {
  const language = callerLanguage(request);
  const coded = (code: string, extra: Record<string, unknown> = {}) => (options.code ? { code, ...extra } : extra);
  if (error instanceof DojangError) {
    if (error.code === 'busy') reply.header('retry-after', '5');
    return sendProblem(reply, STATUS[error.code], error.code, error.sayTo(language), coded(error.code, serviceErrorExtras(error, language)));
  }
  if (error.validation) {
    const problems = validationProblems(error);
    return sendProblem(
      reply,
      400,
      'invalid',
      sayProblems(problems, language),
      coded('invalid', { key: 'invalidInput', errors: problemList(problems, language) }),
    );
  }
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return sendProblem(reply, error.statusCode, error.code ?? 'bad request', error.message, coded('bad-request'));
  }
  request.log.error({ err: error }, 'unexpected error');
  return sendProblem(reply, 500, 'internal', 'Unexpected error', coded('internal'));
}

/** What problem details add for a service's error: the message's key, and the bad fields when there are some. */
export const serviceErrorExtras = (error: DojangError, language: MessageLanguage | null): Record<string, unknown> => ({
  key: error.said.key,
  ...(error.problems.length > 0 ? { errors: problemList(error.problems, language) } : {}),
});

/** Problem details for every error, and a caller for every route but anonymous ones. */
export function installProblemHandling(app: FastifyInstance, ctx: Context): void {
  app.setErrorHandler(sendErrorAsProblem);
  requireTokenCaller(app, ctx, {
    exempt: (request) => request.routeOptions.config.anonymous === true,
    refuse: (request, reply) => sendSaidProblem(request, reply, 401, 'unauthorized', said('bearerTokenRequired')),
  });
}
