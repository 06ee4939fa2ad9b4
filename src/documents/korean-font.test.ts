import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { embedKoreanFonts, loadKoreanFontBytes } from './korean-font.ts';
import { textMeasurer } from './measure-text.ts';
import { darkPixelsIn, pdfToText, renderGrayPage } from './test-support/poppler.ts';

const SAMPLE = '가각갂갃간갅갆갇갈갉뷁똠방각하햏쏼'; // common and rare syllables
const SIZE = 28;

async function drawSample(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const { regular, bold } = await embedKoreanFonts(doc);
  const page = doc.addPage([600, 200]);
  page.drawText(SAMPLE, { x: 20, y: 140, size: SIZE, font: regular });
  page.drawText(`${SAMPLE} Latin 123`, { x: 20, y: 60, size: SIZE, font: bold });
  return doc.save();
}

describe('Korean font', () => {
  it('reads the font file once', async () => {
    expect(await loadKoreanFontBytes('regular')).toBe(await loadKoreanFontBytes('regular'));
    expect((await loadKoreanFontBytes('bold')).length).toBeGreaterThan(1_000_000);
  });

  it('embeds subsets: a page of Hangul stays small', async () => {
    const pdf = await drawSample();
    expect(pdf.length).toBeLessThan(40_000); // the full fonts are 6 MB each
    expect(await pdfToText(pdf)).toContain(SAMPLE);
  });

  it('draws every Hangul glyph (subsetting with @pdf-lib/fontkit 1.x leaves most blank)', async () => {
    const pdf = await drawSample();
    const page = await renderGrayPage(pdf, 1, 72);
    const doc = await PDFDocument.create();
    const { regular } = await embedKoreanFonts(doc);
    const measure = textMeasurer(regular);
    let x = 20;
    for (const char of SAMPLE) {
      const width = measure(char) * SIZE;
      // One syllable's cell on the regular line (baseline at y=140 from the bottom of a 200pt page).
      const cell = { x, y: 200 - 140 - SIZE * 0.85, width, height: SIZE };
      expect(darkPixelsIn(page, cell), char).toBeGreaterThan(20);
      x += width;
    }
  });
});
