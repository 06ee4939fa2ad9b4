// The signer's side as one page registrar for buildServer: the signer's JSON API, the
// signing page, the preview page and the browser bundle they load. Its error handler and
// headers stay inside its own scope.
import cookie from '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../context.ts';
import { noStoreHeaders } from './page-security.ts';
import { previewRoutes } from './preview-page.ts';
import { signApiRoutes } from './sign-api.ts';
import { signPageRoutes } from './sign-pages.ts';
import { installSignProblems } from './sign-problem.ts';
import { registerWebAssets } from './web-assets.ts';

export async function signerSide(app: FastifyInstance, ctx: Context): Promise<void> {
  await app.register(cookie);
  installSignProblems(app);
  await registerWebAssets(app);
  await app.register(async (api) => signApiRoutes(api, ctx));
  await app.register(async (pages) => {
    pages.addHook('onSend', async (_request, reply) => {
      noStoreHeaders(reply);
    });
    signPageRoutes(pages, ctx);
    previewRoutes(pages, ctx);
  });
}

export { renderMessagePage, renderPdfViewerPage, sendPage, sendPdfViewerPage, type PdfViewerPage } from './page-shell.ts';
export { contentSecurityPolicy, pageHeaders } from './page-security.ts';
