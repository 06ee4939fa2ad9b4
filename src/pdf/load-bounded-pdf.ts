// A PDF loaded into pdf-lib only after it passed every bound: the file's size, nesting, its
// streams decoded within their budget, the object count; then its page tree walked safely.
// Runs in a PDF worker (pdf-tasks.ts), never on the server's event loop.
import { EncryptedPDFError, PDFDocument, ParseSpeeds } from 'pdf-lib';
import { measureStreams } from './measure-streams.ts';
import { nestsDeeperThan } from './measure-nesting.ts';
import { PdfRefused, refuse, type PdfLimits } from './pdf-limits.ts';
import { readPageSizes, type PageSize } from './read-page-sizes.ts';

/** Throws PdfRefused unless the bytes are a PDF within the limits. */
export async function checkPdfBounds(pdf: Uint8Array, limits: PdfLimits): Promise<void> {
  if (pdf.length === 0) throw new PdfRefused(refuse.malformed('the file is empty'));
  if (pdf.length > limits.maxFileBytes) throw new PdfRefused(refuse.fileSize(limits));
  const head = Buffer.from(pdf.subarray(0, 1024)).toString('latin1');
  if (!head.includes('%PDF-')) throw new PdfRefused(refuse.notPdf());
  if (nestsDeeperThan(pdf, limits.maxDepth)) throw new PdfRefused(refuse.depth(limits));
  await measureStreams(pdf, limits);
}

/**
 * Loads a PDF with pdf-lib. `checked`: the bytes already passed checkPdfBounds (a template
 * accepted under these bounds), so only the page tree is walked again.
 */
export async function loadBoundedPdf(pdf: Uint8Array, limits: PdfLimits, checked: boolean): Promise<{ doc: PDFDocument; pages: PageSize[] }> {
  if (!checked) await checkPdfBounds(pdf, limits);
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  } catch (error) {
    if (error instanceof EncryptedPDFError) throw new PdfRefused(refuse.encrypted());
    throw new PdfRefused(refuse.malformed(error instanceof Error ? error.message : String(error)));
  }
  try {
    return { doc, pages: readPageSizes(doc, limits) };
  } catch (error) {
    if (error instanceof PdfRefused) throw error;
    throw new PdfRefused(refuse.malformed(error instanceof Error ? error.message : String(error)));
  }
}
