// What a PDF worker thread does: every task that parses, draws, seals or checks a PDF. The pool
// (pdf-pool.ts) sends one task at a time to a worker; a task answers a value or the refusal that
// names the bound the PDF broke, never a thrown error the other side would have to unpick.
import { X509Certificate } from 'node:crypto';
import { fillPdf, type FillPdfInput } from '../documents/fill-completed-pdf.ts';
import type { DrawFieldValuesOptions } from '../documents/draw-field-values.ts';
import { makeSealedDocuments, type SealedDocuments, type SealedDocumentsInput } from '../documents/make-sealed-documents.ts';
import { verifySealedPdf, type SealVerification } from '../documents/verify-sealed-pdf.ts';
import { renderPageImage, type PageImageInput } from '../documents/render-page-image.ts';
import { readTextTags, type TextTagReading, type TextTagsInput } from '../templates/read-text-tags.ts';
import { loadBoundedPdf } from './load-bounded-pdf.ts';
import { PdfRefused, type PdfLimits, type PdfRefusal } from './pdf-limits.ts';
import type { PageSize } from './read-page-sizes.ts';

export interface PdfTasks {
  /** A template's PDF: within bounds, and its pages as a reader shows them. */
  inspect: { input: { pdf: Uint8Array; limits: PdfLimits }; output: PageSize[] };
  /** A template with values drawn in (the signing page's and the console's document). */
  fill: { input: FillPdfInput & { options: DrawFieldValuesOptions }; output: Uint8Array };
  /** The completed PDF and the history certificate, sealed. */
  seal: { input: SealedDocumentsInput; output: SealedDocuments };
  /** Whether a PDF carries Dojang's seal, intact. */
  verify: { input: { pdf: Uint8Array; trusted: Uint8Array[]; authorities: Uint8Array[] }; output: SealVerification };
  /** One page as a WebP image (the signing and preview pages show images, not a PDF engine). */
  'page-image': { input: PageImageInput; output: Uint8Array };
  /** The boxes a PDF's text tags ({{name;type=sign;step=1}}) stand for, and the PDF without the tags' text. */
  'text-tags': { input: TextTagsInput; output: TextTagReading };
}

export type PdfTaskKind = keyof PdfTasks;
export type PdfTaskMessage = { [K in PdfTaskKind]: { kind: K; input: PdfTasks[K]['input'] } }[PdfTaskKind];
export type PdfTaskAnswer<K extends PdfTaskKind> = { ok: true; value: PdfTasks[K]['output'] } | { ok: false; refusal: PdfRefusal };

const certificates = (ders: Uint8Array[]) => ders.map((der) => new X509Certificate(der));

async function perform(task: PdfTaskMessage): Promise<unknown> {
  switch (task.kind) {
    case 'inspect':
      return (await loadBoundedPdf(task.input.pdf, task.input.limits, false)).pages;
    case 'fill':
      return fillPdf(task.input, task.input.options);
    case 'seal':
      return makeSealedDocuments(task.input);
    case 'verify':
      return verifySealedPdf(task.input.pdf, certificates(task.input.trusted), certificates(task.input.authorities));
    case 'page-image':
      return renderPageImage(task.input);
    case 'text-tags':
      return readTextTags(task.input);
  }
}

export default async function runPdfTask(task: PdfTaskMessage): Promise<PdfTaskAnswer<PdfTaskKind>> {
  try {
    return { ok: true, value: (await perform(task)) as never };
  } catch (error) {
    if (error instanceof PdfRefused) return { ok: false, refusal: error.refusal };
    throw error;
  }
}
