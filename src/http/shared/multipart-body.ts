// A multipart/form-data upload (`curl -F pdf=@contract.pdf -F name=…`) read into the JSON body
// its route's schema checks, so one schema and one handler serve both: the `pdf` file as base64,
// the fields that hold lists or objects parsed from their JSON text, numbers as numbers. A
// route runs it as its preValidation hook.
import type { FastifyRequest } from 'fastify';
import { fieldProblem } from '../../domain/field-values.ts';
import { said } from '../../domain/said.ts';
import { DojangError } from '../../errors.ts';
import { assertReadableText } from '../refuse-unreadable-text.ts';

export function multipartBody(options: { json?: readonly string[]; numbers?: readonly string[] }) {
  const json = new Set(options.json);
  const numbers = new Set(options.numbers);
  return async (request: FastifyRequest): Promise<void> => {
    if (!request.isMultipart()) return;
    const body: Record<string, unknown> = {};
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.fieldname === 'pdf') body.pdf = bytes.toString('base64');
      } else if (typeof part.value === 'string') {
        body[part.fieldname] = json.has(part.fieldname) ? jsonValue(part.fieldname, part.value) : numbers.has(part.fieldname) ? Number(part.value) : part.value;
      }
    }
    // The edge checked the (then empty) body before this hook filled it in.
    assertReadableText(body, 'body');
    request.body = body;
  };
}

/** JSON text parsed; a bare word (`fields=tags`) stays a word, for the schema to judge. */
function jsonValue(field: string, text: string): unknown {
  const trimmed = text.trim();
  if (!trimmed.startsWith('[') && !trimmed.startsWith('{')) return text;
  try {
    return JSON.parse(trimmed);
  } catch {
    throw DojangError.invalid([fieldProblem(field, said('notJsonText'))]);
  }
}
