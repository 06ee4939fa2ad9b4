// Text tags read from real PDFs on the real worker pool: drawn with pdf-lib in a Korean font,
// printed by Chromium, scanned; the boxes where the tags stand, and the template PDF without them
// as poppler (pdftotext, pdftoppm) reads and draws it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument, PDFName, PDFRawStream, PDFString, decodePDFRawStream } from 'pdf-lib';
import { darkPixelsIn, pdfToText, renderGrayPage, wordBoxes } from '../documents/test-support/poppler.ts';
import type { TemplateField } from '../domain/fields.ts';
import { said, sayIn } from '../domain/said.ts';
import * as hostile from '../../test/support/hostile-pdfs.ts';
import { DEFAULT_PDF_LIMITS, PdfRefused } from '../pdf/pdf-limits.ts';
import { PdfPool } from '../pdf/pdf-pool.ts';
import { checkTemplateFields } from './create-template.ts';
import type { TextTagReading } from './read-text-tags.ts';
import { chromiumContract, drawnContract, manyPageContract, scannedCopy, type DrawnTag, type TaggedPdf } from './test-support/tagged-pdfs.ts';

const pool = new PdfPool({ limits: DEFAULT_PDF_LIMITS, threads: 2, timeoutMs: 60_000, memoryMb: 512, maxWaiting: 8 });
afterAll(() => pool.close());

const readTags = (pdf: Uint8Array, steps = 2) => pool.run('text-tags', { pdf, limits: DEFAULT_PDF_LIMITS, steps });

/** Each field's box against its tag's, within `tolerance` points. */
function expectBoxes(fields: TemplateField[], tags: DrawnTag[], tolerance: number): void {
  expect(fields.map((f) => f.name).sort()).toEqual(tags.map((t) => t.name).sort());
  for (const tag of tags) {
    const field = fields.find((f) => f.name === tag.name)!;
    const off = (['x', 'y', 'width', 'height'] as const).filter((k) => Math.abs(field[k] - tag.box[k]) > tolerance);
    expect(off, `${tag.name}: found ${JSON.stringify(field)}, drawn ${JSON.stringify(tag.box)}`).toEqual([]);
    expect(field.page, tag.name).toBe(tag.page);
  }
}

const brief = (field: TemplateField) => ({
  type: field.type,
  owner: field.owner,
  required: field.required,
  label: field.label,
  group: field.group,
  default: field.default,
});

/** The cleaned PDF: no tag text for pdftotext, the words around the tags still there and where they were. */
async function expectTagsGone(original: TaggedPdf & { surrounding: string[] }, reading: TextTagReading): Promise<void> {
  expect(reading.pdf).not.toBeNull();
  const cleaned = reading.pdf!;
  const text = await pdfToText(cleaned);
  for (const gone of ['{{', '}}', 'type=', 'step=', 'group=', 'default=']) expect(text).not.toContain(gone);
  for (const kept of original.surrounding) expect(text).toContain(kept);
  const words = (boxes: Awaited<ReturnType<typeof wordBoxes>>) =>
    boxes.filter((w) => !/[{}=;]/.test(w.text)).map((w) => `${w.page} ${w.text} ${w.xMin.toFixed(1)} ${w.yMin.toFixed(1)}`);
  const before = words(await wordBoxes(original.pdf));
  const after = words(await wordBoxes(cleaned));
  // Every word of the cleaned page was on the original page at the same place.
  expect(after.filter((w) => !before.includes(w))).toEqual([]);
  // Read again, the cleaned PDF has no tags and no problems, and is a template like any other.
  expect(await readTags(cleaned)).toMatchObject({ fields: [], problems: [], pdf: null });
  expect(await pool.run('inspect', { pdf: cleaned, limits: DEFAULT_PDF_LIMITS })).toEqual(reading.pages);
}

/** Whether anything is drawn in a box of a page (1-based), rendered at 72 dpi. */
async function inked(pdf: Uint8Array, page: number, box: { x: number; y: number; width: number; height: number }): Promise<number> {
  return darkPixelsIn(await renderGrayPage(pdf, page, 72), box, 200);
}

describe('text tags in a PDF drawn with pdf-lib in a Korean font', () => {
  let drawn: Awaited<ReturnType<typeof drawnContract>>;
  let reading: TextTagReading;
  beforeAll(async () => {
    drawn = await drawnContract();
    reading = await readTags(drawn.pdf);
  });

  it('finds a box for every tag, exactly where it was drawn', () => {
    expect(reading.problems).toEqual([]);
    expectBoxes(reading.fields, drawn.tags, 0.05);
  });

  it('gives fields a template takes as they are', () => {
    expect(checkTemplateFields(reading.fields, 2, reading.pages).problems).toEqual([]);
  });

  it("reads each tag's type, step, required, label, group and default", () => {
    const by = Object.fromEntries(reading.fields.map((f) => [f.name, brief(f)]));
    expect(by).toEqual({
      '근로자 서명': { type: 'SignBox', owner: 1, required: false, label: '근로자 서명', group: undefined, default: undefined },
      amount: { type: 'TextBox', owner: 2, required: true, label: 'Amount', group: undefined, default: undefined },
      동의: { type: 'CheckBox', owner: 1, required: true, label: '개인정보 수집에 동의합니다', group: undefined, default: undefined },
      남: { type: 'RadioBox', owner: 1, required: false, label: undefined, group: '성별', default: undefined },
      여: { type: 'RadioBox', owner: 1, required: false, label: undefined, group: '성별', default: undefined },
      회사명: { type: 'LabelBox', owner: 0, required: false, label: undefined, group: undefined, default: '도장 주식회사' },
      주소: { type: 'TextBox', owner: 1, required: true, label: undefined, group: undefined, default: undefined },
      비고: { type: 'TextBox', owner: 1, required: false, label: '비고 사항', group: undefined, default: undefined },
      계약일: { type: 'DatePickerBox', owner: 2, required: false, label: undefined, group: undefined, default: undefined },
      '증인 서명': { type: 'SignBox', owner: 2, required: false, label: undefined, group: undefined, default: undefined },
    });
  });

  it('takes the tags out of the PDF and leaves the rest where it was', async () => {
    await expectTagsGone(drawn, reading);
  });

  it("keeps no copy of a tag's drawing in the file (the old content streams are replaced, not left behind)", async () => {
    const drawing = Buffer.from('{{amount;', 'latin1').toString('hex');
    const streams = (pdf: PDFDocument) =>
      pdf.context
        .enumerateIndirectObjects()
        .flatMap(([, object]) => (object instanceof PDFRawStream ? [Buffer.from(decodePDFRawStream(object).decode()).toString('latin1').toLowerCase()] : []));
    expect(streams(await PDFDocument.load(drawn.pdf)).some((text) => text.includes(drawing))).toBe(true);
    expect(streams(await PDFDocument.load(reading.pdf!)).some((text) => text.includes(drawing))).toBe(false);
  });

  it('leaves no ink where a visible tag was', async () => {
    for (const name of ['근로자 서명', 'amount', '회사명', '주소', '비고']) {
      const { box } = drawn.tags.find((t) => t.name === name)!;
      expect(await inked(drawn.pdf, 1, box), name).toBeGreaterThan(20);
      expect(await inked(reading.pdf!, 1, box), name).toBe(0);
    }
  });
});

describe('text tags in a PDF printed by Chromium', () => {
  let printed: Awaited<ReturnType<typeof chromiumContract>>;
  let reading: TextTagReading;
  beforeAll(async () => {
    printed = await chromiumContract();
    reading = await readTags(printed.pdf);
  });

  it('finds a box for every tag where the browser laid it out (within 1 pt)', () => {
    expect(reading.problems).toEqual([]);
    expectBoxes(reading.fields, printed.tags, 1);
  });

  it("reads each tag's type, step, required, label, group and default", () => {
    const by = Object.fromEntries(reading.fields.map((f) => [f.name, brief(f)]));
    expect(by).toEqual({
      금액: { type: 'TextBox', owner: 2, required: true, label: '계약 금액', group: undefined, default: undefined },
      '고객 서명': { type: 'SignBox', owner: 1, required: false, label: '고객 서명', group: undefined, default: undefined },
      동의: { type: 'CheckBox', owner: 1, required: true, label: undefined, group: undefined, default: undefined },
      남: { type: 'RadioBox', owner: 1, required: false, label: undefined, group: '성별', default: undefined },
      여: { type: 'RadioBox', owner: 1, required: false, label: undefined, group: '성별', default: undefined },
      회사명: { type: 'LabelBox', owner: 0, required: false, label: undefined, group: undefined, default: '도장 주식회사' },
    });
  });

  it('takes the tags out of the PDF and leaves the rest where it was', async () => {
    await expectTagsGone(printed, reading);
    const { box } = printed.tags.find((t) => t.name === '고객 서명')!;
    expect(await inked(printed.pdf, 1, box)).toBeGreaterThan(20);
    expect(await inked(reading.pdf!, 1, box)).toBe(0);
  });
});

describe('PDFs without usable tags', () => {
  it('finds no tags in a scanned page (an image, no text), and that is not a problem', async () => {
    const scan = await scannedCopy((await drawnContract()).pdf);
    expect(await readTags(scan)).toMatchObject({ fields: [], problems: [], pdf: null, pages: [{ width: 595.28, height: 841.89 }] });
  });

  it('names the page and the tag of every problem, and takes nothing out', async () => {
    const doc = await PDFDocument.create();
    const { embedKoreanFont } = await import('../documents/korean-font.ts');
    const font = await embedKoreanFont(doc);
    doc.addPage().drawText('서명 {{서명;type=sign;step=3}} 금액 {{금액;colour=red', { x: 50, y: 700, size: 11, font });
    doc.addPage().drawText('{{서명;type=check}} {{비고;width=넓게}}', { x: 50, y: 700, size: 11, font });
    const reading = await readTags(await doc.save());
    expect(reading.pdf).toBeNull();
    expect(reading.problems.map((p) => [p.page, p.tag, sayIn(p.said, 'en')])).toEqual([
      [1, '{{금액;colour=red', 'the tag is not closed with }}; a tag must stay on one line'],
      [1, '{{서명;type=sign;step=3}}', 'step "3" must be a whole number from 1 to 2, the template\'s steps'],
      [2, '{{서명;type=check}}', 'the name "서명" is already used on page 1; give each place its own name (radio options each have a name and share a group)'],
      [2, '{{비고;width=넓게}}', 'width "넓게" must be a number of points above 0 and at most 14400'],
    ]);
  });

  it('reports a tag pdf.js reads in a font whose glyphs cannot be placed, rather than losing it', async () => {
    // A Korean font not embedded, on the predefined CMap UniKS-UCS2-H (older Korean PDFs).
    const doc = await PDFDocument.create();
    const page = doc.addPage([595.28, 841.89]);
    const context = doc.context;
    const descriptor = context.register(
      context.obj({
        Type: 'FontDescriptor',
        FontName: 'HYGoThic-Medium',
        Flags: 4,
        FontBBox: [-6, -145, 1003, 880],
        ItalicAngle: 0,
        Ascent: 880,
        Descent: -120,
        CapHeight: 880,
        StemV: 93,
      }),
    );
    const cidFont = context.register(
      context.obj({
        Type: 'Font',
        Subtype: 'CIDFontType0',
        BaseFont: 'HYGoThic-Medium',
        CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Korea1'), Supplement: 1 },
        FontDescriptor: descriptor,
        DW: 1000,
      }),
    );
    const font = context.register(
      context.obj({ Type: 'Font', Subtype: 'Type0', BaseFont: 'HYGoThic-Medium-UniKS-UCS2-H', Encoding: 'UniKS-UCS2-H', DescendantFonts: [cidFont] }),
    );
    page.node.setFontDictionary(PDFName.of('K1'), font);
    const ucs2 = Buffer.from('{{서명;type=sign}}', 'utf16le').swap16().toString('hex');
    page.node.set(PDFName.of('Contents'), context.register(context.flateStream(`BT /K1 12 Tf 60 700 Td <${ucs2}> Tj ET`)));
    const reading = await readTags(await doc.save());
    expect(reading.fields).toEqual([]);
    expect(reading.pdf).toBeNull();
    expect(reading.problems).toEqual([{ page: 1, tag: '{{서명;type=sign}}', said: said('tagUnplaced') }]);
    expect(sayIn(reading.problems[0]!.said, 'en')).toContain('its glyphs cannot be placed');
  });
});

describe('hostile PDFs', () => {
  it('checks the bounds first, as every task does', async () => {
    await expect(readTags(hostile.contentStreamBomb(1024))).rejects.toThrow(PdfRefused);
  });

  it('refuses forms that draw each other a hundred million times over, at once', async () => {
    // Form 4 draws itself and form 5; forms 5…12 each draw the next ten times (10^8 draws unbounded); form 13 shows a tag.
    const chain = Array.from({ length: 9 }, (_, i) => {
      const next = i + 6;
      return i < 8
        ? {
            dict: `<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /N ${next} 0 R >> >> >>`,
            stream: Buffer.from('/N Do '.repeat(10)),
          }
        : {
            dict: '<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 14 0 R >> >> >>',
            stream: Buffer.from('BT /F1 12 Tf 50 700 Td ({{a}}) Tj ET'),
          };
    });
    const pdf = hostile.rawPdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /S 4 0 R >> >> /Contents 15 0 R >>',
      { dict: '<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /S 4 0 R /N 5 0 R >> >> >>', stream: Buffer.from('/S Do /N Do') },
      ...chain,
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
      { dict: '<< >>', stream: Buffer.from('/S Do') },
    ]);
    const started = performance.now();
    await expect(readTags(pdf)).rejects.toThrow(/draws forms more than 20000 times/);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('draws a form that draws itself once', async () => {
    const pdf = hostile.rawPdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /S 4 0 R >> >> /Contents 6 0 R >>',
      {
        dict: '<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /S 4 0 R >> /Font << /F1 5 0 R >> >> >>',
        stream: Buffer.from('BT /F1 12 Tf 50 700 Td ({{a}}) Tj ET /S Do'),
      },
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
      { dict: '<< >>', stream: Buffer.from('/S Do') },
    ]);
    const reading = await readTags(pdf);
    expect(reading.problems).toEqual([]);
    expect(reading.fields).toEqual([expect.objectContaining({ name: 'a', page: 1, x: 50 })]);
    expect(await pdfToText(reading.pdf!)).not.toContain('{{');
  });
});

describe('a longer document', () => {
  it('reads four tags on each of 50 pages', async () => {
    const pdf = await manyPageContract(50);
    const started = performance.now();
    const reading = await readTags(pdf);
    const ms = Math.round(performance.now() - started);
    expect(reading.problems).toEqual([]);
    expect(reading.fields).toHaveLength(200);
    expect(reading.fields.filter((f) => f.page === 50).map((f) => f.name)).toEqual(['서명 50', '금액 50', '동의 50', '작성일 50']);
    expect(await pdfToText(reading.pdf!)).not.toContain('{{');
    console.log(`text tags: 50 pages, ${pdf.length} bytes, read and taken out in ${ms} ms`);
  });
});
