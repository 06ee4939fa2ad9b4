// startsimple with preview: "preview" answers `/preview?token=…` (workflows/preview-token.ts):
// the template's PDF in the viewer with every box outlined and named, by step.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Context } from '../../context.ts';
import type { TemplateField } from '../../domain/fields.ts';
import { DojangError } from '../../errors.ts';
import { fieldProblem } from '../../domain/field-values.ts';
import { said } from '../../domain/said.ts';
import type { Template } from '../../store/schema.ts';
import { MESSAGES } from '../../web/shared/messages.ts';
import { openPreviewToken } from '../../workflows/preview-token.ts';
import { rateLimited } from '../rate-limits.ts';
import { isPageImageWidth, pageImage, PAGE_IMAGE_WIDTHS } from '../../documents/page-images.ts';
import { renderMessagePage, renderPdfViewerPage, sendPage } from './page-shell.ts';
import { pageLanguage } from './sign-pages.ts';

const TokenQuery = Type.Object(
  { token: Type.Optional(Type.String()), lang: Type.Optional(Type.String()), download: Type.Optional(Type.String()) },
  { additionalProperties: true },
);

const PreviewSchema = Type.Object({
  name: Type.String(),
  steps: Type.Integer(),
  pages: Type.Array(Type.Object({ width: Type.Number(), height: Type.Number() })),
  fields: Type.Array(
    Type.Object({
      name: Type.String(),
      label: Type.String({ description: 'what signers read: the label, else the name' }),
      type: Type.String(),
      owner: Type.Integer(),
      required: Type.Boolean(),
      page: Type.Integer(),
      x: Type.Number(),
      y: Type.Number(),
      width: Type.Number(),
      height: Type.Number(),
      group: Type.Union([Type.String(), Type.Null()]),
      value: Type.String({ description: "the template's own text or default" }),
    }),
  ),
});

export function previewRoutes(scope: FastifyInstance, ctx: Context): void {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  /** The template a preview token opens; null for none, a wrong one or an expired one. */
  async function templateOf(token = ''): Promise<Template | null> {
    const opened = token === '' ? null : await openPreviewToken(ctx, token, ctx.clock());
    if (!opened) return null;
    return (
      (await ctx.db.selectFrom('templates').selectAll().where('id', '=', opened.templateId).where('company_id', '=', opened.companyId).executeTakeFirst()) ??
      null
    );
  }
  const expired = () => new DojangError('not-found', said('previewLinkInvalid'));

  app.get(
    '/preview',
    {
      config: { rateLimit: rateLimited('preview') },
      schema: {
        summary: 'A template preview page (from startsimple with preview: "preview")',
        tags: ['Signer'],
        security: [],
        querystring: TokenQuery,
        produces: ['text/html'],
      },
    },
    async (request, reply) => {
      const language = pageLanguage(request, null);
      const given = request.query.token ?? '';
      const template = await templateOf(given);
      if (!template) return sendPage(reply, ctx.config, renderMessagePage({ language, title: 'previewPageTitle', message: 'linkExpired' }), 404);
      const token = encodeURIComponent(given);
      const html = renderPdfViewerPage({
        title: `${MESSAGES[language].previewPageTitle}: ${template.name}`,
        pdfUrl: `/api/preview/document.pdf?token=${token}`,
        downloadUrl: `/api/preview/document.pdf?token=${token}&download=1`,
        fieldsUrl: `/api/preview/fields?token=${token}`,
        pageImages: { url: `/api/preview/pages/{page}?token=${token}`, widths: PAGE_IMAGE_WIDTHS },
        language,
      });
      return sendPage(reply, ctx.config, html);
    },
  );

  app.get(
    '/api/preview/fields',
    {
      config: { rateLimit: rateLimited('preview') },
      schema: {
        summary: 'A previewed template: its pages and boxes',
        tags: ['Signer'],
        security: [],
        querystring: TokenQuery,
        response: { 200: PreviewSchema },
      },
    },
    async (request) => {
      const template = await templateOf(request.query.token);
      if (!template) throw expired();
      const fields = JSON.parse(template.fields) as TemplateField[];
      return {
        name: template.name,
        steps: template.steps,
        pages: JSON.parse(template.pages) as { width: number; height: number }[],
        fields: fields.map((f) => ({
          name: f.name,
          label: f.label ?? f.name,
          type: f.type,
          owner: f.owner,
          required: f.required,
          page: f.page,
          x: f.x,
          y: f.y,
          width: f.width,
          height: f.height,
          group: f.group ?? null,
          value: f.default ?? '',
        })),
      };
    },
  );

  app.get(
    '/api/preview/pages/:page',
    {
      config: { rateLimit: rateLimited('preview') },
      schema: {
        summary: 'A page of a previewed template as a WebP image',
        tags: ['Signer'],
        security: [],
        params: Type.Object({ page: Type.Integer({ minimum: 1 }) }),
        querystring: Type.Object({ token: Type.String(), width: Type.Optional(Type.Integer()) }),
      },
    },
    async (request, reply) => {
      const template = await templateOf(request.query.token);
      if (!template) throw expired();
      const width = request.query.width ?? PAGE_IMAGE_WIDTHS[0];
      if (!isPageImageWidth(width)) throw DojangError.invalid([fieldProblem('width', said('mustBeOneOf', { choices: PAGE_IMAGE_WIDTHS.join(', ') }))]);
      const { page } = request.params;
      const image = await pageImage(ctx, template, page, width);
      if (!image) throw new DojangError('not-found', said('noSuchPage', { page }));
      return reply.type('image/webp').header('cache-control', 'private, max-age=3600').send(Buffer.from(image));
    },
  );

  app.get(
    '/api/preview/document.pdf',
    {
      config: { rateLimit: rateLimited('preview') },
      schema: { summary: "A previewed template's PDF", tags: ['Signer'], security: [], querystring: TokenQuery },
    },
    async (request, reply) => {
      const template = await templateOf(request.query.token);
      const pdf = template ? await ctx.files.get(template.pdf_key) : null;
      if (!template || !pdf) throw expired();
      const download = request.query.download === '1';
      const filename = `template-${template.id}.pdf`;
      return reply
        .type('application/pdf')
        .header('content-disposition', `${download ? 'attachment' : 'inline'}; filename="${filename}"`)
        .send(Buffer.from(pdf));
    },
  );
}
