// Where pdf.js finds its character maps and standard fonts, as the URLs its getDocument takes,
// and how Dojang opens every PDF with it on the server.
import { createRequire } from 'node:module';
import path from 'node:path';

const PDFJS = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

export const PDFJS_RESOURCES = { cmaps: `${path.join(PDFJS, 'cmaps')}/`, standardFonts: `${path.join(PDFJS, 'standard_fonts')}/` };

/**
 * getDocument's source for a PDF on the server: a copy of the bytes (pdf.js takes them over),
 * Korean character maps and the standard fonts from `resources`, no eval, no console noise.
 */
export const pdfjsSource = (pdf: Uint8Array, resources: typeof PDFJS_RESOURCES = PDFJS_RESOURCES) => ({
  data: new Uint8Array(pdf),
  cMapUrl: resources.cmaps,
  cMapPacked: true,
  standardFontDataUrl: resources.standardFonts,
  isEvalSupported: false,
  verbosity: 0,
});
