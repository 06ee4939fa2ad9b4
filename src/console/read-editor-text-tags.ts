// The text tags of a PDF chosen in the template editor ({{name;type=sign;step=1}},
// docs/text-tags.md): the boxes they stand for, as the editor reads boxes, and the PDF without
// the tags' text, for the member to adjust and then save as any template. Nothing is stored:
// saving checks the PDF and the boxes again.
import type { Context } from '../context.ts';
import { DojangError } from '../errors.ts';
import { readTemplateTags } from '../templates/create-template.ts';
import type { EditorTextTags } from './console-answers.ts';
import { consoleFieldOf } from './list-console-templates.ts';

/** `steps`: the template's steps so far; the answer has more when a tag names a later step. */
export async function readEditorTextTags(ctx: Pick<Context, 'pdf'>, pdf: Uint8Array, steps: number): Promise<EditorTextTags> {
  const read = await readTemplateTags(ctx, pdf, undefined, steps);
  if (!Array.isArray(read)) return { steps: read.steps, fields: read.fields.map(consoleFieldOf), pdf: Buffer.from(read.pdf).toString('base64') };
  // No tag at all (a scan, or a document whose boxes are to be drawn) is a finding here, not a
  // refusal: the editor says so and the member draws the boxes.
  if (read.length === 1 && read[0]!.said.key === 'noTextTags') return { steps, fields: [], pdf: null };
  throw DojangError.invalid(read);
}
