// The completed PDF's content: the template's pages with every value drawn in
// its box. Sealing is a separate step (seal-pdf.ts) so each can be retried and measured alone.
// The template is loaded within the PDF bounds (pdf/load-bounded-pdf.ts): this runs in a PDF
// worker, on a file a company uploaded.

import { DEFAULT_PDF_LIMITS, type PdfLimits } from '../pdf/pdf-limits.ts';
import { loadBoundedPdf } from '../pdf/load-bounded-pdf.ts';
import type { FieldValues, TemplateField } from '../domain/fields.ts';
import { drawFieldValues } from './draw-field-values.ts';
import type { DrawFieldValuesOptions } from './draw-field-values.ts';

export interface FillPdfInput {
  templatePdf: Uint8Array;
  fields: readonly TemplateField[];
  /** Every step's values and the prefilled ones; a missing value falls back to the field's default. */
  values: FieldValues;
  /** The bounds the template is loaded within; the defaults when absent. */
  limits?: PdfLimits;
  /** The template already passed the bounds (checked at upload): only its page tree is walked again. */
  checked?: boolean;
}

export async function fillCompletedPdf(input: FillPdfInput): Promise<Uint8Array> {
  return fillPdf(input, {});
}

/** Shared with fill-preview-pdf.ts, which only adds outlines. */
export async function fillPdf(input: FillPdfInput, options: DrawFieldValuesOptions): Promise<Uint8Array> {
  const { doc } = await loadBoundedPdf(input.templatePdf, input.limits ?? DEFAULT_PDF_LIMITS, input.checked ?? false);
  await drawFieldValues(doc, input.fields, input.values, options);
  doc.setProducer('Dojang');
  doc.setModificationDate(new Date());
  return doc.save();
}
