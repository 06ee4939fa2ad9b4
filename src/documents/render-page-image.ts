// One page of a PDF as a WebP image at a given width: what the signing and preview pages show
// instead of running a PDF engine in the signer's phone. pdf.js (the same engine the browser
// pages used) draws the page on a @napi-rs/canvas canvas, which encodes it. Runs in a PDF worker
// (pdf/pdf-tasks.ts), on a PDF that passed the bounds.
import type { PdfLimits } from '../pdf/pdf-limits.ts';
import { checkPdfBounds } from '../pdf/load-bounded-pdf.ts';
import { PdfRefused, refuse } from '../pdf/pdf-limits.ts';
import { pdfjsSource } from '../pdf/pdfjs-resources.ts';

export interface PageImageInput {
  pdf: Uint8Array;
  limits: PdfLimits;
  checked: boolean;
  /** 1-based. */
  page: number;
  /** Pixels across. */
  width: number;
  /** pdf.js's CMaps and standard fonts, as directories on this machine. */
  pdfjsResources: { cmaps: string; standardFonts: string };
}

const WEBP_QUALITY = 78;

export async function renderPageImage(input: PageImageInput): Promise<Uint8Array> {
  if (!input.checked) await checkPdfBounds(input.pdf, input.limits);
  // Loaded on first use, in the worker (pdf.js is an ES module; the canvas a native addon).
  const [{ getDocument }, { createCanvas }] = await Promise.all([import('pdfjs-dist/legacy/build/pdf.mjs'), import('@napi-rs/canvas')]);
  const task = getDocument(pdfjsSource(input.pdf, input.pdfjsResources));
  const doc = await task.promise;
  try {
    if (input.page < 1 || input.page > doc.numPages) throw new PdfRefused(refuse.pageTree(`there is no page ${input.page}`));
    const page = await doc.getPage(input.page);
    const viewport = page.getViewport({ scale: input.width / page.getViewport({ scale: 1 }).width });
    const canvas = createCanvas(Math.round(viewport.width), Math.round(viewport.height));
    const context = canvas.getContext('2d');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({ canvasContext: context as never, viewport, canvas: canvas as never }).promise;
    return new Uint8Array(await canvas.encode('webp', WEBP_QUALITY));
  } finally {
    await task.destroy();
  }
}
