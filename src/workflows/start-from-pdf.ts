// A contract from any PDF in one call (POST /api/v1/contracts): the boxes read from the PDF's
// text tags, a template made for this contract alone (listed apart from the company's reusable
// ones), and the start exactly as startsimple's: the same checks, export_api_info, embed mode,
// messages. The template is stored only by a start that passed its checks (workflows/start-workflow.ts).
import type { Caller } from '../accounts/access-tokens.ts';
import type { Context } from '../context.ts';
import { DojangError } from '../errors.ts';
import type { TemplateField } from '../domain/fields.ts';
import { MAX_STEPS, readTemplateTags } from '../templates/create-template.ts';
import type { RequestOrigin } from './change-kit.ts';
import { parseStartRequest } from './start-request.ts';
import { startWorkflow, type StartResult } from './start-workflow.ts';

export type PdfStartResult = Extract<StartResult, { kind: 'started' }> & { steps: number; fields: TemplateField[] };

export async function startFromPdf(
  ctx: Context,
  caller: Caller,
  raw: Record<string, unknown>,
  pdf: Uint8Array,
  origin: RequestOrigin,
): Promise<PdfStartResult> {
  // As many steps as signers, or more if a tag names a later step (then the signers are too few, and said so).
  const signers = Array.isArray(raw.player_list) ? raw.player_list.length : 0;
  const tagged = await readTemplateTags(ctx, pdf, undefined, Math.min(Math.max(signers, 1), MAX_STEPS));
  if (!('fields' in tagged)) {
    // Every problem at once: the request's own too, before the tags are fixed.
    throw DojangError.invalid([...tagged, ...parseStartRequest(raw, { templateGiven: false }).problems]);
  }
  const name = (typeof raw.workflow_name === 'string' ? raw.workflow_name.trim() : '').slice(0, 128) || 'contract';
  const result = await startWorkflow(ctx, caller, raw, origin, {
    oneOff: { name, steps: tagged.steps, fields: tagged.fields, pages: tagged.pages, pdf: tagged.pdf },
  });
  // A one-off start makes no preview (parseStartRequest refuses it), so the start has begun.
  if (result.kind !== 'started') throw new Error('a contract from a PDF answered a preview');
  return { ...result, steps: tagged.steps, fields: tagged.fields };
}
