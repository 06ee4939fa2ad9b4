// The older calls (/exportfield, /workflow/download) take a plain JSON body, not an envelope.
// Real clients send either; both are read, and the workflow id under any of its names.
import { Type } from 'typebox';
import type { Caller } from '../../accounts/access-tokens.ts';
import { DojangError } from '../../errors.ts';
import { toWorkflowId, type WorkflowId, parseId } from '../../domain/ids.ts';
import { fieldProblem } from '../../domain/field-values.ts';
import { isJsonObject } from '../shared/unvalidated-fields.ts';
import { said } from '../../domain/said.ts';

export const PlainWorkflowBody = Type.Object(
  {
    workflow_id: Type.Optional(Type.String({ description: 'the workflow id (wfuid)' })),
    wfuid: Type.Optional(Type.String({ description: 'the same, as the older page names it' })),
    comp_id: Type.Optional(Type.String()),
    client_id: Type.Optional(Type.String({ description: 'ignored' })),
  },
  { additionalProperties: true, description: 'also accepted inside an eSignon envelope: {header, body: {workflow_id}}' },
);

/**
 * The body's fields: `{workflow_id}` or `{header, body: {workflow_id}}`. A `comp_id` there must be
 * the caller's company (the guard checks only envelopes).
 */
export function plainBody(body: unknown, caller: Caller): Readonly<Record<string, unknown>> {
  if (!isJsonObject(body)) return {};
  const fields = isJsonObject(body.body) ? body.body : body;
  const claimed = fields.comp_id;
  if (claimed !== undefined && claimed !== null && claimed !== '' && String(claimed) !== caller.companyId) {
    throw new DojangError('forbidden', said('tokenOfOtherCompany', { company: caller.companyId }));
  }
  return fields;
}

export function workflowIdIn(fields: Readonly<Record<string, unknown>>): WorkflowId {
  const text = String(fields.workflow_id ?? fields.wfuid ?? '').trim();
  const id = parseId(text);
  if (id === null) throw DojangError.invalid([fieldProblem('workflow_id', said('workflowIdRequired'))]);
  return toWorkflowId(id);
}
