// GET /sign?token=… : the signing page, a shell that the bundle in dist/web fills in
// from the signer's API. eSignon's own link shape, /mail/sign?token=…, lands here too.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Context } from '../../context.ts';
import { openSignLink } from '../../signing/open-sign-link.ts';
import { MESSAGES, matchLanguage, type Language } from '../../web/shared/messages.ts';
import { verificationNeeds } from '../../signing/verification-needs.ts';
import { PAGE_IMAGE_SIZES, signPageImageUrl, srcsetOf } from '../../web/shared/page-image-srcset.ts';
import { rateLimited } from '../rate-limits.ts';
import { noStoreHeaders } from './page-security.ts';
import { signLinkView } from './sign-api.ts';
import { renderPageShell, sendPage } from './page-shell.ts';

const PageQuery = Type.Object(
  { token: Type.Optional(Type.String()), lang: Type.Optional(Type.String({ description: 'ko, en or ja (or ko-KR, en-US, ja-JP): the first language shown' })) },
  { additionalProperties: true },
);

/** The language of a page: ?lang=, else the signer's, else the browser's first choice, else Korean. */
export function pageLanguage(request: FastifyRequest & { query: { lang?: string | undefined } }, own: string | null): Language {
  const { lang } = request.query;
  if (lang) return matchLanguage(lang);
  if (own) return matchLanguage(own);
  const accepted = String(request.headers['accept-language'] ?? '')
    .split(',')[0]
    ?.split(';')[0];
  return matchLanguage(accepted);
}

export function signPageRoutes(scope: FastifyInstance, ctx: Context): void {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/sign',
    {
      config: { rateLimit: rateLimited('signing-page') },
      schema: {
        summary: "The signing page: the document, the signer's boxes, approve and return",
        tags: ['Signer'],
        security: [],
        querystring: PageQuery,
        produces: ['text/html'],
      },
    },
    async (request, reply) => {
      const token = request.query.token ?? '';
      const link = await openSignLink(ctx, token);
      const language = pageLanguage(request, link?.player.language ?? null);
      // An open link that asks for no verification shows the document at once, so the HTML
      // carries what the script would ask first (one round trip fewer on a phone's network) and
      // has the browser fetch the first page's image with it. Only for a browser opening the page
      // (Sec-Fetch-Dest): a messenger fetching the link for its preview gets the bare shell, and
      // no VIEW is recorded for it.
      const opened = ['document', 'iframe'].includes(String(request.headers['sec-fetch-dest']));
      const showsDocument = link?.access === 'open' && verificationNeeds(link.player).length === 0;
      const view = opened && link && showsDocument ? await signLinkView(ctx, request, link, null, token) : null;
      const preloadImage = view?.document
        ? { srcset: srcsetOf((width) => signPageImageUrl(view.document!.page_images.url, 1, width), view.document.page_images.widths), sizes: PAGE_IMAGE_SIZES }
        : undefined;
      const html = renderPageShell({
        language,
        title: MESSAGES[language].signPageTitle,
        script: 'sign',
        data: { page: 'sign', ...(view ? { view: JSON.stringify(view) } : {}) },
        ...(preloadImage ? { preloadImage } : {}),
      });
      return sendPage(reply, ctx.config, html, link ? 200 : 404);
    },
  );

  app.get(
    '/mail/sign',
    { schema: { summary: "eSignon's signing-link shape: redirects to /sign", tags: ['Signer'], security: [], querystring: PageQuery } },
    async (request, reply) => {
      const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      return noStoreHeaders(reply).redirect(`/sign${query}`, 302);
    },
  );
}
