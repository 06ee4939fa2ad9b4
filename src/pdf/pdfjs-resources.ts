// Where pdf.js finds its character maps and standard fonts, as the URLs its getDocument takes.
import { createRequire } from 'node:module';
import path from 'node:path';

const PDFJS = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

export const PDFJS_RESOURCES = { cmaps: `${path.join(PDFJS, 'cmaps')}/`, standardFonts: `${path.join(PDFJS, 'standard_fonts')}/` };
