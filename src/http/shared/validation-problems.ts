// A request its route's schema refused, said the same way by every API: each complaint named by
// its path. eSignon's envelope lists them in result_msg; problem+json in detail.
import type { FastifyError } from 'fastify';
import type { FieldProblem } from '../../domain/field-values.ts';
import { said } from '../../domain/said.ts';

/** Ajv's complaints, each named by its path: `body.player_list[0].email: must be string`. */
export function validationProblems(error: FastifyError): FieldProblem[] {
  return (error.validation ?? []).map((v) => {
    const path = `${error.validationContext ?? 'body'}${v.instancePath.replace(/\/(\d+)(?=\/|$)/g, '[$1]').replace(/\//g, '.')}`;
    const missing = v.params.missingProperty;
    return typeof missing === 'string' && missing !== ''
      ? { field: `${path}.${missing}`, said: said('required') }
      : { field: path, said: said('schemaRule', { rule: v.message ?? 'invalid' }) };
  });
}
