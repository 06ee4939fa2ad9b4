// POST /api/v1/templates (JSON with a base64 PDF, or multipart; boxes given, or read from the
// PDF's text tags), GET /api/v1/templates.
import { BODY_LIMIT } from '../body-limits.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Context } from '../../context.ts';
import { FIELD_TYPES } from '../../domain/fields.ts';
import { DojangError } from '../../errors.ts';
import { createTemplate, TemplateRejected } from '../../templates/create-template.ts';
import { callerFrom } from '../shared/token-caller.ts';
import { multipartBody } from '../shared/multipart-body.ts';
import { OneOf } from '../shared/schema-builders.ts';

const FieldSchema = Type.Object(
  {
    name: Type.String({ description: "unique within the template: eSignon's field_name, what integrators name it by" }),
    label: Type.Optional(Type.String({ maxLength: 100, description: 'what signers read on the signing page (the name when absent), e.g. "고객 서명"' })),
    type: OneOf(FIELD_TYPES),
    owner: Type.Optional(Type.Integer({ minimum: 0, description: 'the step 1..N that fills it; 0 (or absent) for a LabelBox' })),
    required: Type.Optional(Type.Boolean()),
    page: Type.Integer({ minimum: 1 }),
    x: Type.Number({ description: "PDF points from the page's left edge" }),
    y: Type.Number({ description: "PDF points from the page's top edge" }),
    width: Type.Number(),
    height: Type.Number(),
    group: Type.Optional(Type.String({ description: 'RadioBox group' })),
    default: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

const TemplateBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 128 }),
    steps: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 20, description: 'the number of signing steps; with text tags, the highest step a tag names when absent' }),
    ),
    pdf: Type.String({ description: 'the PDF, base64' }),
    fields: Type.Optional(
      Type.Union([Type.Array(FieldSchema, { maxItems: 500 }), Type.Literal('tags')], {
        description: 'the boxes; or "tags" (the default): read from the text tags written in the PDF, {{name;type=sign;step=1}}',
      }),
    ),
  },
  { additionalProperties: false },
);

/** The boxes of a template, as stored (also what POST /api/v1/contracts answers). */
export const TemplateBoxes = Type.Array(FieldSchema);

/** A multipart upload: a `pdf` file, `name`, `steps`, `fields` (JSON text, or `tags`). */
const multipartToJson = multipartBody({ json: ['fields'], numbers: ['steps'] });

export function templateRoutes(scope: FastifyInstance, ctx: Context): void {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/api/v1/templates',
    {
      bodyLimit: BODY_LIMIT.pdf,
      schema: {
        summary: 'Create a template: a PDF, its field boxes (or its text tags) and its number of steps',
        description:
          'JSON with a base64 `pdf`, or multipart/form-data with a `pdf` file and `name`, `steps`, `fields` (JSON text, or `tags`). Without `fields`, the boxes are read from the text tags in the PDF (docs/text-tags.md) and the tags are taken out of the stored PDF; the answer lists the boxes.',
        tags: ['Dojang'],
        body: TemplateBody,
        response: { 201: Type.Object({ doc_id: Type.String(), steps: Type.Integer(), fields: TemplateBoxes }) },
      },
      preValidation: multipartToJson,
    },
    async (request, reply) => {
      const caller = callerFrom(request);
      const { body } = request;
      try {
        const created = await createTemplate(ctx, caller.companyId, caller.memberId, {
          name: body.name,
          steps: body.steps,
          pdf: Buffer.from(body.pdf, 'base64'),
          fields: body.fields ?? 'tags',
        });
        return reply.code(201).send({ doc_id: String(created.id), steps: created.steps, fields: created.fields });
      } catch (error) {
        if (error instanceof TemplateRejected) throw DojangError.invalid(error.problems);
        throw error;
      }
    },
  );

  app.get(
    '/api/v1/templates',
    {
      schema: {
        summary: "The company's templates",
        description: 'The reusable ones; with `one_off=true`, those POST /api/v1/contracts made for one contract each from its PDF.',
        tags: ['Dojang'],
        querystring: Type.Object({ one_off: Type.Optional(Type.Boolean({ description: 'list the one-off templates instead' })) }),
        response: {
          200: Type.Object({
            templates: Type.Array(Type.Object({ doc_id: Type.String(), name: Type.String(), steps: Type.Integer(), created_at: Type.String() })),
          }),
        },
      },
    },
    async (request) => {
      const caller = callerFrom(request);
      const rows = await ctx.db
        .selectFrom('templates')
        .select(['id', 'name', 'steps', 'created_at'])
        .where('company_id', '=', caller.companyId)
        .where('one_off', '=', request.query.one_off === true ? 1 : 0)
        .orderBy('id', 'desc')
        .execute();
      return { templates: rows.map((r) => ({ doc_id: String(r.id), name: r.name, steps: r.steps, created_at: r.created_at })) };
    },
  );
}
