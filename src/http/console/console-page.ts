// GET /console (and every /console/… path the page routes itself): the console's HTML shell,
// with the pages' security headers, except that nobody may frame it (clickjacking).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Context } from '../../context.ts';
import { CONSOLE_MESSAGES } from '../../web/console/console-messages.ts';
import { matchLanguage } from '../../web/shared/messages.ts';
import { renderPageShell, sendPage } from '../sign/page-shell.ts';
import { said } from '../../domain/said.ts';
import { sendSaidProblem } from '../v1/problem.ts';

/** The console is never shown inside another site's frame. */
export const CONSOLE_FRAMING = { frameAncestors: "'none'" };

export function consolePageRoutes(scope: FastifyInstance, _ctx: Context): void {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const page = {
    schema: {
      summary: "The operator's console (a page that routes /console/… itself)",
      tags: ['Console'],
      security: [],
      querystring: Type.Object(
        { lang: Type.Optional(Type.String({ description: 'ko, en or ja: the first language shown (Korean by default)' })) },
        { additionalProperties: true },
      ),
      produces: ['text/html'],
    },
    config: { consolePublic: true },
  };
  const handler = async (request: { query: { lang?: string | undefined } }, reply: Parameters<typeof sendPage>[0]) => {
    const language = matchLanguage(request.query.lang ?? 'ko-KR');
    const html = renderPageShell({
      language,
      title: CONSOLE_MESSAGES[language].consoleTitle,
      script: 'console',
      stylesheet: 'console',
      data: { page: 'console' },
    });
    reply.header('x-frame-options', 'DENY');
    return sendPage(reply, CONSOLE_FRAMING, html);
  };
  app.get('/console', page, handler);
  app.get('/console/*', { ...page, schema: { ...page.schema, hide: true } }, handler);

  // Unknown API paths are not the page.
  app.all('/console/api/*', { schema: { hide: true }, config: { consolePublic: true } }, async (request, reply) =>
    sendSaidProblem(request, reply, 404, 'not found', said('notAConsoleRoute', { method: request.method, path: request.url.split('?')[0] ?? '' })),
  );
}
