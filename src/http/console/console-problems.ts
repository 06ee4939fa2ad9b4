// The console's JSON API answers errors as problem+json (RFC 9457), with the status codes of
// Dojang's own API; invalid input lists every bad field in `errors`, as startsimple names them.
import type { FastifyError, FastifyInstance } from 'fastify';
import { DojangError } from '../../errors.ts';
import { validationMessage } from '../esignon/plugin.ts';
import { sendProblem, STATUS } from '../v1/problem.ts';

export function installConsoleProblems(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DojangError) {
      return sendProblem(reply, STATUS[error.code], error.code, error.message, error.problems.length > 0 ? { errors: error.problems } : {});
    }
    if (error.validation) return sendProblem(reply, 400, 'invalid', validationMessage(error));
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      return sendProblem(reply, error.statusCode, error.code ?? 'bad request', error.message);
    }
    request.log.error({ err: error }, 'unexpected error in the console');
    return sendProblem(reply, 500, 'internal', 'Unexpected error');
  });
}
