// The signer's API answers errors as problem+json (RFC 9457) like Dojang's own API, with a
// `code` the page can explain. Anything a client can cause is a 4xx.
import type { FastifyError, FastifyInstance } from 'fastify';
import { sayTo } from '../../domain/said.ts';
import { SignError, type SignErrorCode } from '../../signing/sign-error.ts';
import { callerLanguage } from '../shared/caller-language.ts';
import { sendErrorAsProblem, sendProblem } from '../v1/problem.ts';
import { noStoreHeaders } from './page-security.ts';

const SIGN_STATUS: Record<SignErrorCode, number> = {
  'link-not-found': 404,
  'link-closed': 409,
  'link-expired': 410,
  'verification-required': 401,
  'verification-failed': 401,
  locked: 429,
  'verification-not-needed': 400,
  'no-active-code': 400,
  'code-rate-limited': 429,
  'reason-required': 400,
};

export function installSignProblems(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    noStoreHeaders(reply);
    if (error instanceof SignError) {
      const retryAfter = error.details.retry_after;
      if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
      return sendProblem(reply, SIGN_STATUS[error.code], error.code, sayTo(error.said, callerLanguage(request)), {
        code: error.code,
        key: error.said.key,
        ...error.details,
      });
    }
    // Everything else as Dojang's own API answers it, with the `code` the page reads.
    return sendErrorAsProblem(error, request, reply, { code: true });
  });
}
