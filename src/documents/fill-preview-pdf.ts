// The document as a signer sees it mid-workflow (the signing page's `document.pdf`, the console's
// view of a contract): the values so far, and every still-empty box lightly outlined so the
// signer sees where to act. Drawn in a PDF worker (pdf/pdf-pool.ts).

import type { Context } from '../context.ts';
import type { FieldValues, TemplateField } from '../domain/fields.ts';
import { asServiceError } from '../pdf/pdf-service-error.ts';
import type { Template } from '../store/schema.ts';

export interface PreviewInput {
  template: Pick<Template, 'pdf_key' | 'pdf_sha256'>;
  templatePdf: Uint8Array;
  fields: readonly TemplateField[];
  values: FieldValues;
  /** The step viewing the preview; its empty boxes are tinted. */
  viewerStep?: number;
}

export async function fillPreviewPdf(ctx: Pick<Context, 'pdf'>, input: PreviewInput): Promise<Uint8Array> {
  const { pdf } = ctx;
  const checked = pdf.isChecked(input.template.pdf_sha256);
  const filled = await asServiceError(() =>
    pdf.run('fill', {
      templatePdf: input.templatePdf,
      fields: input.fields,
      values: input.values,
      limits: pdf.limits,
      checked,
      options: { outlineUnfilled: true, ...(input.viewerStep === undefined ? {} : { highlightOwner: input.viewerStep }) },
    }),
  );
  if (!checked) pdf.markChecked(input.template.pdf_sha256);
  return filled;
}
