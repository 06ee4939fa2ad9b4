// The operator's console as one page registrar for buildServer: the HTML shell at /console and
// its JSON API under /console/api (session cookie, CSRF token, problem+json). The browser code
// is src/web/console, built with the signing pages' bundle and served under /assets/ by them.
import cookie from '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../context.ts';
import { noStoreHeaders } from '../sign/page-security.ts';
import { sendErrorAsProblem } from '../v1/problem.ts';
import { consolePageRoutes } from './console-page.ts';
import { installConsoleSecurity } from './console-security.ts';
import { memberRoutes } from './member-routes.ts';
import { contractRoutes } from './contract-routes.ts';
import { deliveryRoutes } from './delivery-routes.ts';
import { oidcRoutes } from './oidc-routes.ts';
import { sessionRoutes } from './session-routes.ts';
import { templateRoutes } from './template-routes.ts';
import { tokenRoutes } from './token-routes.ts';

export async function consoleSide(app: FastifyInstance, ctx: Context): Promise<void> {
  await app.register(cookie);
  // JSON only: a cross-site form can post text/plain without asking first.
  app.removeContentTypeParser('text/plain');
  // Errors as Dojang's own API answers them: problem+json, each bad field named.
  app.setErrorHandler(sendErrorAsProblem);
  installConsoleSecurity(app, ctx);
  app.addHook('onSend', async (_request, reply) => {
    noStoreHeaders(reply);
  });
  consolePageRoutes(app, ctx);
  sessionRoutes(app, ctx);
  oidcRoutes(app, ctx);
  templateRoutes(app, ctx);
  contractRoutes(app, ctx);
  deliveryRoutes(app, ctx);
  tokenRoutes(app, ctx);
  memberRoutes(app, ctx);
}
