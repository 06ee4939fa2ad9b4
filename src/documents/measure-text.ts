// Text width by summing cached per-character advances: exactly what pdf-lib draws with the
// cmap-only layout of korean-font.ts, without a glyph lookup per call. Wrapping measures many
// candidate lines, so this matters.

import type { PDFFont } from 'pdf-lib';

const measurers = new WeakMap<PDFFont, (text: string) => number>();

/** Width of `text` at font size 1, in points. */
export function textMeasurer(font: PDFFont): (text: string) => number {
  let measure = measurers.get(font);
  if (measure === undefined) {
    const advances = new Map<string, number>();
    measure = (text) => {
      let width = 0;
      for (const char of text) {
        let advance = advances.get(char);
        if (advance === undefined) {
          advance = font.widthOfTextAtSize(char, 1);
          advances.set(char, advance);
        }
        width += advance;
      }
      return width;
    };
    measurers.set(font, measure);
  }
  return measure;
}
