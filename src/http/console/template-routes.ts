// The template editor's API: the company's templates, one with its pages and boxes, its PDF,
// reading a chosen PDF's text tags into boxes, and saving (a new template, or an edit: in place
// while unused, else a new version).
import { BODY_LIMIT } from '../body-limits.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Context } from '../../context.ts';
import { FIELD_TYPES } from '../../domain/fields.ts';
import { DojangError } from '../../errors.ts';
import { fieldProblem } from '../../domain/field-values.ts';
import { said } from '../../domain/said.ts';
import { describeConsoleTemplate, listConsoleTemplates } from '../../console/list-console-templates.ts';
import { createConsoleTemplate, editTemplate } from '../../console/save-template.ts';
import { readEditorTextTags } from '../../console/read-editor-text-tags.ts';
import { OneOf } from '../shared/schema-builders.ts';
import { consoleSessionOf } from './console-security.ts';
import { IdParams, Nullable, problems, SECURITY, TAGS } from './schemas.ts';
import { toTemplateId } from '../../domain/ids.ts';

const FieldOut = Type.Object({
  name: Type.String(),
  label: Nullable(Type.String()),
  type: OneOf(FIELD_TYPES),
  owner: Type.Integer(),
  required: Type.Boolean(),
  page: Type.Integer(),
  x: Type.Number(),
  y: Type.Number(),
  width: Type.Number(),
  height: Type.Number(),
  group: Nullable(Type.String()),
  default: Nullable(Type.String()),
});

const TemplateSummary = Type.Object({
  doc_id: Type.String(),
  name: Type.String(),
  steps: Type.Integer(),
  field_count: Type.Integer(),
  in_use: Type.Boolean({ description: 'workflows use it: an edit becomes a new template' }),
  replaced_by: Nullable(Type.String()),
  replaces: Nullable(Type.String()),
  created_at: Type.String(),
  updated_at: Type.String(),
});

const TemplateDetail = Type.Object({
  doc_id: Type.String(),
  name: Type.String(),
  steps: Type.Integer(),
  pages: Type.Array(Type.Object({ width: Type.Number(), height: Type.Number() })),
  fields: Type.Array(FieldOut),
  workflow_count: Type.Integer(),
  replaced_by: Nullable(Type.String()),
  replaces: Nullable(Type.String()),
  created_at: Type.String(),
  updated_at: Type.String(),
});

// The boxes are checked by the templates module (checkTemplateFields), which names each bad one.
const TemplateBody = Type.Object({
  name: Type.String({ maxLength: 200 }),
  steps: Type.Integer({ minimum: 1, maximum: 20 }),
  pdf: Type.Optional(Type.String({ description: 'the PDF, base64; required for a new template, optional for an edit' })),
  fields: Type.Array(Type.Object({}, { additionalProperties: true }), { maxItems: 500 }),
});

const TextTagsBody = Type.Object({
  pdf: Type.String({ description: 'the PDF, base64' }),
  steps: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 20, description: "the template's steps so far (1 when absent); more when a tag names a later step" }),
  ),
});

const TextTagsRead = Type.Object({
  steps: Type.Integer({ description: 'the steps asked for, or the highest step a tag names when that is more' }),
  fields: Type.Array(FieldOut, { description: "the boxes the tags stand for, where the tags' text stood; none when the PDF has no tag" }),
  pdf: Nullable(Type.String({ description: "the PDF without the tags' text, base64: the one to save; null when there was no tag" })),
});

const pdfOf = (base64: string | undefined) => (base64 === undefined ? undefined : Buffer.from(base64, 'base64'));

export function templateRoutes(scope: FastifyInstance, ctx: Context): void {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/console/api/templates',
    {
      schema: {
        summary: "The company's templates (the newest version of each, unless include_replaced)",
        tags: TAGS,
        security: SECURITY,
        querystring: Type.Object({ include_replaced: Type.Optional(Type.Boolean()) }),
        response: { 200: Type.Object({ templates: Type.Array(TemplateSummary) }), ...problems(401) },
      },
    },
    async (request) => {
      const { caller } = consoleSessionOf(request);
      return { templates: await listConsoleTemplates(ctx, caller.companyId, { includeReplaced: request.query.include_replaced === true }) };
    },
  );

  app.get(
    '/console/api/templates/:id',
    {
      schema: {
        summary: 'A template: its pages, boxes and use',
        tags: TAGS,
        security: SECURITY,
        params: IdParams,
        response: { 200: TemplateDetail, ...problems(401, 404) },
      },
    },
    async (request) => {
      const { caller } = consoleSessionOf(request);
      const id = toTemplateId(Number(request.params.id));
      const template = await describeConsoleTemplate(ctx, caller.companyId, id);
      if (!template) throw new DojangError('not-found', said('noTemplate', { id }));
      return template;
    },
  );

  app.get(
    '/console/api/templates/:id/document.pdf',
    { schema: { summary: "A template's PDF", tags: TAGS, security: SECURITY, params: IdParams, produces: ['application/pdf'] } },
    async (request, reply) => {
      const { caller } = consoleSessionOf(request);
      const id = toTemplateId(Number(request.params.id));
      const template = await ctx.db
        .selectFrom('templates')
        .select('pdf_key')
        .where('id', '=', id)
        .where('company_id', '=', caller.companyId)
        .executeTakeFirst();
      const pdf = template ? await ctx.files.get(template.pdf_key) : null;
      if (!pdf) throw new DojangError('not-found', said('noTemplate', { id }));
      return reply.type('application/pdf').header('content-disposition', `inline; filename="template-${id}.pdf"`).send(Buffer.from(pdf));
    },
  );

  app.post(
    '/console/api/templates/text-tags',
    {
      bodyLimit: BODY_LIMIT.pdf,
      schema: {
        summary: "Read a PDF's text tags for the editor: the boxes they stand for, and the PDF without their text. Stores nothing.",
        description:
          'Tags such as {{name;type=sign;step=1}} (docs/text-tags.md). A PDF without a tag (a scan) answers no boxes; a tag that cannot be used is a problem naming its page (`pdf.pages[N]`) and quoting the tag, every one at once.',
        tags: TAGS,
        security: SECURITY,
        body: TextTagsBody,
        response: { 200: TextTagsRead, ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      consoleSessionOf(request);
      return readEditorTextTags(ctx, Buffer.from(request.body.pdf, 'base64'), request.body.steps ?? 1);
    },
  );

  app.post(
    '/console/api/templates',
    {
      bodyLimit: BODY_LIMIT.pdf,
      schema: {
        summary: "Create a template from the editor: a PDF, its boxes (PDF points from the page's top-left) and steps",
        tags: TAGS,
        security: SECURITY,
        body: TemplateBody,
        response: { 201: Type.Object({ doc_id: Type.String() }), ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const { caller } = consoleSessionOf(request);
      const { body } = request;
      if (body.pdf === undefined) throw DojangError.invalid([fieldProblem('pdf', said('newTemplateNeedsPdf'))]);
      const id = await createConsoleTemplate(ctx, caller, { name: body.name, steps: body.steps, pdf: pdfOf(body.pdf)!, fields: body.fields });
      return reply.code(201).send({ doc_id: String(id) });
    },
  );

  app.put(
    '/console/api/templates/:id',
    {
      bodyLimit: BODY_LIMIT.pdf,
      schema: {
        summary: 'Save an edited template: in place while no workflow uses it, else as a new template that replaces it',
        tags: TAGS,
        security: SECURITY,
        params: IdParams,
        body: TemplateBody,
        response: {
          200: Type.Object({
            doc_id: Type.String({ description: 'the saved template: the same one, or the new version' }),
            replaced: Nullable(Type.String({ description: 'the template the new version replaces' })),
          }),
          ...problems(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => {
      const { caller } = consoleSessionOf(request);
      const id = toTemplateId(Number(request.params.id));
      const { body } = request;
      const saved = await editTemplate(ctx, caller, id, {
        name: body.name,
        steps: body.steps,
        fields: body.fields,
        ...(body.pdf !== undefined ? { pdf: pdfOf(body.pdf)! } : {}),
      });
      return { doc_id: String(saved.templateId), replaced: saved.replaced === null ? null : String(saved.replaced) };
    },
  );
}
