// The completed PDF and the history certificate behind the URLs the Export API and the info
// call hand out: a viewer page or a direct download, the file once it exists
// (a waiting page, never a broken link), 410 once the workflow is disposed or the link expired.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Context } from '../../context.ts';
import { openDocumentLink, type DocumentLink } from '../../workflows/document-links.ts';
import { recordHistory } from '../../workflows/change-kit.ts';
import { origin } from '../shared/request-origin.ts';
import { contentDisposition, pdfFileName } from './content-disposition.ts';
import { escapeHtml } from '../../html/escape-html.ts';
import { htmlPage } from './html-page.ts';
import { rateLimited } from '../rate-limits.ts';
import { pageHeaders } from '../sign/page-security.ts';
import { countInWindow } from '../../security/count-in-window.ts';
import { sha256Hex } from '../../security/random-token.ts';
import type { WorkflowId } from '../../domain/ids.ts';

/** Downloads by one link within this window are recorded once, and the entry says so. */
const DOWNLOAD_RECORD_WINDOW_MS = 3_600_000;
const DOWNLOAD_RECORD_NOTE = '이 링크로 1시간 안에 다시 내려받은 것은 한 번으로 기록됩니다 (downloads by this link within an hour are recorded once)';

/** How long a request for a file still being made waits before answering "come back shortly". */
const WAIT_FOR_FILES_MS = 10_000;

const TokenParams = Type.Object({ token: Type.String({ maxLength: 512 }) });

interface Resolved {
  /** The link's token, as the path carries it. */
  token: string;
  link: DocumentLink;
  workflow: { id: WorkflowId; name: string; status: string; documents_state: string };
}

export type ViewerPage = (page: { title: string; pdfUrl: string; downloadUrl: string; language: string }) => string;

export function documentRoutes(scope: FastifyInstance, ctx: Context, viewerPage: ViewerPage = plainViewerPage): void {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  async function resolve(token: string, reply: FastifyReply): Promise<Resolved | null> {
    reply.header('Cache-Control', 'no-store').header('Referrer-Policy', 'no-referrer');
    const link = await openDocumentLink(ctx, token, ctx.clock());
    if (!link) {
      reply.code(404).type('text/html; charset=utf-8').send(htmlPage('문서를 찾을 수 없습니다', '<p>링크가 올바르지 않습니다. (This link is not valid.)</p>'));
      return null;
    }
    const workflow = await ctx.db
      .selectFrom('workflows')
      .select(['id', 'name', 'status', 'documents_state'])
      .where('id', '=', link.workflowId)
      .executeTakeFirst();
    if (!workflow || workflow.status === 'Disposal' || workflow.status === 'Truncate') {
      reply
        .code(410)
        .type('text/html; charset=utf-8')
        .send(
          htmlPage('폐기된 문서입니다', '<p>이 문서는 폐기되어 더 이상 제공되지 않습니다. (This document was disposed of and is no longer available.)</p>'),
        );
      return null;
    }
    if (link.expired) {
      reply
        .code(410)
        .type('text/html; charset=utf-8')
        .send(
          htmlPage(
            '만료된 링크입니다',
            '<p>링크의 유효 기간이 지났습니다. 발송한 회사에 새 링크를 요청하세요. (This link has expired; ask the sender for a new one.)</p>',
          ),
        );
      return null;
    }
    return { token, link, workflow };
  }

  /** The stored file once the document job has made it; null after waiting a while. */
  async function awaitFile(resolved: Resolved): Promise<Uint8Array | null> {
    const deadline = Date.now() + WAIT_FOR_FILES_MS;
    for (;;) {
      const row = await ctx.db
        .selectFrom('documents')
        .select(['document_key', 'certificate_key'])
        .where('workflow_id', '=', resolved.workflow.id)
        .executeTakeFirst();
      if (row) return ctx.files.get(resolved.link.kind === 'document' ? row.document_key : row.certificate_key);
      if (Date.now() > deadline) return null;
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  async function sendFile(request: FastifyRequest, reply: FastifyReply, resolved: Resolved, disposition: 'attachment' | 'inline') {
    const file = await awaitFile(resolved);
    if (!file) {
      return reply
        .code(202)
        .header('Retry-After', '5')
        .type('text/html; charset=utf-8')
        .send(
          htmlPage(
            '문서를 준비하고 있습니다',
            '<p>완료된 문서를 만들고 있습니다. 잠시 후 다시 열어 주세요. (The document is being prepared; open this link again in a few seconds.)</p>',
            { refreshSeconds: 5 },
          ),
        );
    }
    const certificate = resolved.link.kind === 'certificate';
    // A link opened again and again (a viewer reloading, a script polling) is one entry per hour,
    // so that holding a link does not let anyone grow a contract's history without end.
    const now = ctx.clock();
    const { count } = await countInWindow(ctx.db, `download:${sha256Hex(resolved.token)}`, DOWNLOAD_RECORD_WINDOW_MS, now);
    if (count === 1) {
      await recordHistory(
        ctx.db,
        resolved.workflow.id,
        [{ stepCode: certificate ? 'CERT_DOWN' : 'DOC_DOWN', actionId: null, actorName: '', actorIdentity: '', comment: DOWNLOAD_RECORD_NOTE }],
        origin(request),
        now,
      );
    }
    return reply
      .type('application/pdf')
      .header('Content-Disposition', contentDisposition(disposition, pdfFileName(resolved.workflow.name, certificate ? '_이력인증서' : '')))
      .send(Buffer.from(file));
  }

  app.get(
    '/documents/:token',
    {
      config: { rateLimit: rateLimited('document-link') },
      schema: { summary: 'A completed document or history certificate: viewer page or download', tags: ['Signer'], params: TokenParams, security: [] },
    },
    async (request, reply) => {
      const resolved = await resolve(request.params.token, reply);
      if (!resolved) return reply;
      if (resolved.link.mode === 'download') return sendFile(request, reply, resolved, 'attachment');
      const { token } = resolved;
      const title = resolved.link.kind === 'certificate' ? `${resolved.workflow.name} — 이력 인증서` : resolved.workflow.name;
      // The viewer page shows the document: the pages' CSP (no inline script, embedding only where DOJANG_FRAME_ANCESTORS allows).
      return pageHeaders(reply, ctx.config)
        .type('text/html; charset=utf-8')
        .send(viewerPage({ title, pdfUrl: `/documents/${token}/file`, downloadUrl: `/documents/${token}/file?download=1`, language: 'ko-KR' }));
    },
  );

  app.get(
    '/documents/:token/file',
    {
      config: { rateLimit: rateLimited('document-link') },
      schema: {
        summary: 'The PDF behind a document link',
        tags: ['Signer'],
        params: TokenParams,
        querystring: Type.Object({ download: Type.Optional(Type.String()) }),
        security: [],
      },
    },
    async (request, reply) => {
      const resolved = await resolve(request.params.token, reply);
      if (!resolved) return reply;
      return sendFile(request, reply, resolved, request.query.download ? 'attachment' : 'inline');
    },
  );
}

/** A viewer without script: the browser's own PDF viewer, and a download button. */
function plainViewerPage(page: { title: string; pdfUrl: string; downloadUrl: string }): string {
  return htmlPage(
    page.title,
    `<p><a class="button" href="${escapeHtml(page.downloadUrl)}">PDF 내려받기 (Download)</a></p>
     <object data="${escapeHtml(page.pdfUrl)}" type="application/pdf" style="width:100%;height:80vh"><a href="${escapeHtml(page.pdfUrl)}">PDF</a></object>`,
  );
}
