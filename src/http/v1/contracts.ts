// POST /api/v1/contracts: a contract from any PDF in one call. The PDF's text tags place the
// boxes (docs/text-tags.md); the rest of the body is startsimple's (the signers, prefilled values,
// export_api_info with embed mode), and so is the answer, with the template made for it and its boxes.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Context } from '../../context.ts';
import { startFromPdf } from '../../workflows/start-from-pdf.ts';
import { BODY_LIMIT } from '../body-limits.ts';
import { multipartBody } from '../shared/multipart-body.ts';
import { origin } from '../shared/request-origin.ts';
import { StartBodySchema, startAnswer, StartResponseBody } from '../shared/start-body.ts';
import { callerFrom } from '../shared/token-caller.ts';
import { TemplateBoxes } from './templates.ts';

const { doc_id: _templateOfStartsimple, preview: _preview, ...startFields } = StartBodySchema.properties;

const ContractBody = Type.Object(
  { pdf: Type.String({ description: 'the PDF, base64, with text tags where the boxes go' }), ...startFields },
  { additionalProperties: true },
);

const ContractAnswer = Type.Object(
  {
    ...StartResponseBody.properties,
    doc_id: Type.String({ description: 'the template made for this contract (listed with GET /api/v1/templates?one_off=true)' }),
    steps: Type.Integer(),
    fields: TemplateBoxes,
  },
  { additionalProperties: true },
);

/** A multipart upload: a `pdf` file; the lists and export_api_info as JSON text, the rest as text. */
const multipartToJson = multipartBody({ json: ['player_list', 'field_list', 'customer_list', 'export_api_info'] });

export function contractRoutes(scope: FastifyInstance, ctx: Context): void {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/api/v1/contracts',
    {
      bodyLimit: BODY_LIMIT.pdf,
      schema: {
        summary: 'Start a contract from a PDF with text tags, in one call',
        description:
          "JSON with a base64 `pdf` and startsimple's fields (workflow_name, player_list, field_list, export_api_info …, no doc_id), or multipart/form-data with a `pdf` file and the same fields (lists and objects as JSON text). The boxes come from the PDF's text tags; the template made for this contract is listed apart from the reusable ones. Answers startsimple's body with the template's doc_id and boxes.",
        tags: ['Dojang'],
        body: ContractBody,
        response: { 201: ContractAnswer },
      },
      preValidation: multipartToJson,
    },
    async (request, reply) => {
      const caller = callerFrom(request);
      const { pdf, ...start } = request.body;
      const result = await startFromPdf(ctx, caller, start, Buffer.from(pdf, 'base64'), origin(request));
      return reply.code(201).send({
        ...startAnswer(caller, result),
        doc_id: String(result.templateId),
        steps: result.steps,
        fields: result.fields,
      });
    },
  );
}
