// The signer's API answers errors as problem+json (RFC 9457) like Dojang's own API, with a
// `code` the page can explain. Anything a client can cause is a 4xx.
import type { FastifyError, FastifyInstance } from 'fastify';
import { sayTo } from '../../domain/said.ts';
import { DojangError, sayProblems } from '../../errors.ts';
import { SignError, type SignErrorCode } from '../../signing/sign-error.ts';
import { callerLanguage, problemList } from '../shared/caller-language.ts';
import { validationProblems } from '../shared/validation-problems.ts';
import { sendProblem, serviceErrorExtras, STATUS } from '../v1/problem.ts';
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
    const language = callerLanguage(request);
    if (error instanceof SignError) {
      const retryAfter = error.details.retry_after;
      if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
      return sendProblem(reply, SIGN_STATUS[error.code], error.code, sayTo(error.said, language), { code: error.code, key: error.said.key, ...error.details });
    }
    if (error instanceof DojangError) {
      return sendProblem(reply, STATUS[error.code], error.code, error.sayTo(language), { code: error.code, ...serviceErrorExtras(error, language) });
    }
    if (error.validation) {
      const problems = validationProblems(error);
      return sendProblem(reply, 400, 'invalid', sayProblems(problems, language), {
        code: 'invalid',
        key: 'invalidInput',
        errors: problemList(problems, language),
      });
    }
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      return sendProblem(reply, error.statusCode, error.code ?? 'bad request', error.message, { code: 'bad-request' });
    }
    request.log.error({ err: error }, "unexpected error on the signer's side");
    return sendProblem(reply, 500, 'internal', 'Unexpected error', { code: 'internal' });
  });
}
