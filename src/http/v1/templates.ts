// POST /api/v1/templates (JSON with a base64 PDF, or multipart), GET /api/v1/templates.
import { BODY_LIMIT } from '../body-limits.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Context } from '../../context.ts';
import { FIELD_TYPES } from '../../domain/fields.ts';
import { DojangError } from '../../errors.ts';
import { fieldProblem } from '../../domain/field-values.ts';
import { said } from '../../domain/said.ts';
import { createTemplate, TemplateRejected } from '../../templates/create-template.ts';
import { callerFrom } from '../shared/token-caller.ts';
import { assertReadableText } from '../refuse-unreadable-text.ts';
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
    steps: Type.Integer({ minimum: 1, maximum: 20 }),
    pdf: Type.String({ description: 'the PDF, base64' }),
    fields: Type.Array(FieldSchema, { maxItems: 500 }),
  },
  { additionalProperties: false },
);

/** A multipart upload (`pdf` file, `name`, `steps`, `fields` as JSON text) turned into the JSON body. */
async function multipartToJson(request: FastifyRequest): Promise<void> {
  if (!request.isMultipart()) return;
  const body: Record<string, unknown> = {};
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      if (part.fieldname === 'pdf') body.pdf = (await part.toBuffer()).toString('base64');
      else await part.toBuffer();
    } else if (typeof part.value === 'string') {
      if (part.fieldname === 'fields') {
        try {
          body.fields = JSON.parse(part.value);
        } catch {
          throw DojangError.invalid([fieldProblem('fields', said('fieldsMustBeJsonArray'))]);
        }
      } else if (part.fieldname === 'steps') body.steps = Number(part.value);
      else body[part.fieldname] = part.value;
    }
  }
  // The edge checked the (then empty) body before this hook filled it in.
  assertReadableText(body, 'body');
  request.body = body;
}

export function templateRoutes(scope: FastifyInstance, ctx: Context): void {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/api/v1/templates',
    {
      bodyLimit: BODY_LIMIT.pdf,
      schema: {
        summary: 'Create a template: a PDF, its field boxes and its number of steps',
        description: 'JSON with a base64 `pdf`, or multipart/form-data with a `pdf` file and `name`, `steps`, `fields` (JSON text).',
        tags: ['Dojang'],
        body: TemplateBody,
        response: { 201: Type.Object({ doc_id: Type.String() }) },
      },
      preValidation: multipartToJson,
    },
    async (request, reply) => {
      const caller = callerFrom(request);
      const { body } = request;
      try {
        const id = await createTemplate(ctx, caller.companyId, caller.memberId, {
          name: body.name,
          steps: body.steps,
          pdf: Buffer.from(body.pdf, 'base64'),
          fields: body.fields,
        });
        return reply.code(201).send({ doc_id: String(id) });
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
        tags: ['Dojang'],
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
        .orderBy('id', 'desc')
        .execute();
      return { templates: rows.map((r) => ({ doc_id: String(r.id), name: r.name, steps: r.steps, created_at: r.created_at })) };
    },
  );
}
