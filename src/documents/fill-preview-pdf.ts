// The document as a signer sees it mid-workflow (the signing page's `document.pdf`): the values
// so far, and every still-empty box lightly outlined so the signer sees where to act.

import { fillPdf } from './fill-completed-pdf.ts';
import type { FillPdfInput } from './fill-completed-pdf.ts';

export interface FillPreviewPdfInput extends FillPdfInput {
  /** The step viewing the preview; its empty boxes are tinted. */
  viewerStep?: number;
}

export async function fillPreviewPdf(input: FillPreviewPdfInput): Promise<Uint8Array> {
  return fillPdf(input, { outlineUnfilled: true, highlightOwner: input.viewerStep });
}
