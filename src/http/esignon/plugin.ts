// The eSignon-compatible API: every answer in eSignon's envelope, business
// failures as HTTP 200 with a result_code, a token on every call but login.
import type { FastifyError, FastifyInstance } from 'fastify';
import type { Context } from '../../context.ts';
import { DojangError } from '../../errors.ts';
import { actionRoute } from './action.ts';
import { bulkStartHandlers } from './bulk-start.ts';
import { commonDoRoute, type CommonHandler } from './common-do.ts';
import { companyInfoRoute } from './company-info.ts';
import { envelope, problemsText, responseCodeOf, sendServiceError } from './envelope.ts';
import { said } from '../../domain/said.ts';
import { exportFieldRoute } from './exportfield.ts';
import { installGuard } from './guard.ts';
import { validationProblems } from '../shared/validation-problems.ts';
import { loginRoute } from './login.ts';
import { searchRoute } from './search.ts';
import { startsimpleRoute } from './startsimple.ts';
import { v2InfoRoutes } from './v2-info.ts';
import { workflowDownloadRoute } from './workflow-download.ts';
import { worklistRoute } from './worklists.ts';

export interface EsignonOptions {
  ctx: Context;
  /** Calls added by later modules (resend, bulk start), by request code. */
  commonHandlers?: Record<string, CommonHandler>;
  routes?: ((app: FastifyInstance, ctx: Context) => void)[];
}

export async function esignonPlugin(app: FastifyInstance, options: EsignonOptions): Promise<void> {
  const { ctx } = options;

  // Real clients send JSON under other content types (text/plain, none at all): parse it anyway.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch {
      const error = new Error('body is not JSON') as FastifyError;
      error.statusCode = 400;
      error.code = 'FST_ERR_CTP_INVALID_JSON_BODY';
      done(error, undefined);
    }
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DojangError) return sendServiceError(request, reply, error);
    const code = responseCodeOf(request);
    if (error.validation) {
      return reply.code(200).send(envelope(request, code, '-1', problemsText(validationProblems(error)), {}));
    }
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') {
      return reply.code(400).send(envelope(request, code, '12', said('bodyNotJson'), {}));
    }
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      // Fastify's own refusal (a body too large, a bad header): its words, in English.
      return reply.code(error.statusCode).send(envelope(request, code, '12', () => error.message, {}));
    }
    request.log.error({ err: error }, 'unexpected error');
    return reply.code(500).send(envelope(request, code, '99', said('unexpectedException'), {}));
  });

  installGuard(app, ctx);
  loginRoute(app, ctx);
  startsimpleRoute(app, ctx);
  actionRoute(app, ctx);
  commonDoRoute(app, ctx, { ...bulkStartHandlers(ctx), ...options.commonHandlers });
  v2InfoRoutes(app, ctx);
  searchRoute(app, ctx);
  worklistRoute(app, ctx);
  companyInfoRoute(app, ctx);
  exportFieldRoute(app, ctx);
  workflowDownloadRoute(app, ctx);
  for (const route of options.routes ?? []) route(app, ctx);
}
