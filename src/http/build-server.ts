// The HTTP server: the eSignon-compatible API, Dojang's own API, the signer's side, the
// documents, health, metrics and the OpenAPI document generated from the route schemas.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { pendingMigrations } from '../store/open-database.ts';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Context } from '../context.ts';
import { esignonPlugin, type EsignonOptions } from './esignon/plugin.ts';
import { v1Plugin } from './v1/plugin.ts';
import { sendErrorAsProblem } from './v1/problem.ts';
import { assertReadableRequest } from './refuse-unreadable-text.ts';
import { BODY_LIMIT } from './body-limits.ts';
import { installRateLimits } from './rate-limits.ts';
import { installCors, TokenApiRoutes } from './cors.ts';

export interface ServerParts {
  ctx: Context;
  logger: Logger;
  metrics: Registry;
  esignon?: Omit<EsignonOptions, 'ctx'>;
  v1Routes?: ((app: FastifyInstance, ctx: Context) => void)[];
  /** Routes outside the two APIs: signing pages, documents, previews. */
  pages?: ((app: FastifyInstance, ctx: Context) => Promise<void> | void)[];
  /** What /readyz checks beyond the database: each check's name and 'ok', or what is wrong. */
  readiness?: () => Promise<Record<string, string>>;
}

/** The longest path parameter a route accepts (document-links.test.ts checks Dojang's tokens fit). */
export const MAX_PATH_PARAMETER_LENGTH = 256;

/** Token-bearing URLs are logged without their secret part. */
export function redactUrl(url: string): string {
  return url
    .replace(/([?&]token=)[^&]+/g, '$1…')
    .replace(/(\/api\/sign\/)[^/?]+/g, '$1…')
    .replace(/(\/documents\/)[^/?]+/g, '$1…');
}

export async function buildServer(parts: ServerParts): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: parts.logger as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT.text,
    trustProxy: parts.ctx.config.trustProxy,
    // One line per request, from the onResponse hook below, with token-bearing URLs redacted.
    logController: new LogController({ disableRequestLogging: true }),
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: true } },
    // Path parameters carry Dojang's tokens: a signed document link is about 110 characters for
    // the largest workflow id (the router's default of 100 refused six-digit ids). Sized with room
    // for every token Dojang makes; longer parameters are no token of ours (414).
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: MAX_PATH_PARAMETER_LENGTH },
  });
  app.decorateRequest('caller', undefined);
  // Scopes with an error format of their own (eSignon's envelope, the console's) set theirs; any
  // other error, including the refusal of unreadable text below on a path that is no route, is problem details.
  app.setErrorHandler(sendErrorAsProblem);
  app.addHook('preValidation', async (request) => assertReadableRequest(request));

  app.addHook('onResponse', async (request, reply) => {
    request.log.info({ method: request.method, url: redactUrl(request.url), status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Dojang',
        version: '0.1.0',
        description: "A self-hosted e-contract server that speaks eSignon's v1 API, with a reliable Export API.",
      },
      servers: [{ url: parts.ctx.config.publicUrl }],
      tags: [
        { name: 'eSignon', description: 'The eSignon-compatible API: {header, body} envelopes, result_code in the header' },
        { name: 'Dojang', description: "Dojang's own API: JSON, HTTP status codes, problem+json errors" },
        { name: 'Signer', description: "The signer's side: a signing link's token is the credential" },
        { name: 'Console', description: "The operator's console (/console): a member's session cookie, and X-Dojang-CSRF on every change" },
        { name: 'Operations', description: 'Health and metrics' },
      ],
      components: {
        securitySchemes: {
          esignon: { type: 'apiKey', in: 'header', name: 'Authorization', description: 'esignon <access_token> or Bearer <access_token>' },
          consoleSession: { type: 'apiKey', in: 'cookie', name: 'dojang_console', description: "the console's session (POST /console/api/login)" },
        },
      },
      security: [{ esignon: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get('/healthz', { schema: { summary: 'Liveness and database reachability', tags: ['Operations'], security: [] } }, async (_request, reply) => {
    try {
      await parts.ctx.db.selectFrom('settings').select('key').limit(1).execute();
      return { status: 'ok' };
    } catch {
      return reply.code(503).send({ status: 'database unreachable' });
    }
  });
  app.get(
    '/readyz',
    { schema: { summary: 'Readiness: the database answers, every migration has run, the workers run, not shutting down', tags: ['Operations'], security: [] } },
    async (_request, reply) => {
      const checks: Record<string, string> = {};
      try {
        const pending = await pendingMigrations(parts.ctx);
        checks.database = 'ok';
        checks.migrations = pending.length === 0 ? 'ok' : `not run: ${pending.join(', ')}`;
      } catch {
        checks.database = 'unreachable';
      }
      Object.assign(checks, await parts.readiness?.());
      const ready = Object.values(checks).every((value) => value === 'ok');
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks });
    },
  );
  app.get('/metrics', { schema: { summary: 'Prometheus metrics', tags: ['Operations'], security: [] } }, async (_request, reply) => {
    return reply.type(parts.metrics.contentType).send(await parts.metrics.metrics());
  });

  await installRateLimits(app, parts.ctx);
  // The token APIs, their routes noted as they are registered (for CORS, when configured).
  const tokenApiRoutes = new TokenApiRoutes();
  const { corsOrigins } = parts.ctx.config;
  if (corsOrigins) await installCors(app, corsOrigins, tokenApiRoutes);
  await app.register(async (apis) => {
    apis.addHook('onRoute', (route) => tokenApiRoutes.add(route.url));
    await apis.register(esignonPlugin, { ctx: parts.ctx, ...parts.esignon });
    await apis.register(v1Plugin, { ctx: parts.ctx, routes: parts.v1Routes ?? [] });
  });
  for (const page of parts.pages ?? []) {
    await app.register(async (scope) => page(scope, parts.ctx));
  }

  app.setNotFoundHandler((request, reply) => {
    reply
      .code(404)
      .type('application/problem+json; charset=utf-8')
      .send({ type: 'about:blank', title: 'not found', status: 404, detail: `${request.method} ${redactUrl(request.url)} is not a Dojang route; see /docs` });
  });
  return app;
}
