import { PDFDocument, degrees } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TemplateField } from '../domain/fields.ts';
import { makeSampleContractPdf } from '../demo/sample-contract.ts';
import { DocumentError } from './document-error.ts';
import { fillCompletedPdf, fillPdf } from './fill-completed-pdf.ts';
import { darkPixelsIn, pdfInfo, pdfToText, renderGrayPage, wordBoxes } from './test-support/poppler.ts';
import { sampleContractValues } from './test-support/sample-values.ts';

let template: Uint8Array;
let fields: TemplateField[];
let completed: Uint8Array;
const values = sampleContractValues();

const field = (name: string): TemplateField => {
  const found = fields.find((f) => f.name === name);
  if (!found) throw new Error(`no field ${name}`);
  return found;
};

beforeAll(async () => {
  ({ pdf: template, fields } = await makeSampleContractPdf({ withAppendix: true }));
  completed = await fillCompletedPdf({ templatePdf: template, fields, values });
});

describe('fillCompletedPdf', () => {
  it('keeps the template pages and adds extractable values, Korean included', async () => {
    expect(await pdfInfo(completed)).toMatch(/Pages:\s+3/);
    const text = await pdfToText(completed);
    expect(text).toContain('서비스 이용 계약서'); // the template's own text
    for (const value of ['홍길동', '010-1234-5678', 'DJ-2026-000123', '2026-12-01', 'hong.gildong@example.co.kr', '김대표']) {
      expect(text).toContain(value);
    }
  });

  it('writes each text value inside its box', async () => {
    const words = await wordBoxes(completed);
    for (const name of ['customer_name', 'customer_phone', 'contract_number', 'contract_date', 'customer_email', 'company_representative']) {
      const box = field(name);
      const firstWord = (values[name] ?? '').split(' ')[0];
      const word = words.find((w) => w.page === box.page && w.text === firstWord);
      expect(word, name).toBeDefined();
      if (!word) continue;
      // poppler's word box spans the font's full ascent and descent, so compare the middle.
      const middle = (word.yMin + word.yMax) / 2;
      expect(word.xMin, name).toBeGreaterThanOrEqual(box.x - 0.5);
      expect(word.xMax, name).toBeLessThanOrEqual(box.x + box.width + 0.5);
      expect(middle, name).toBeGreaterThan(box.y);
      expect(middle, name).toBeLessThan(box.y + box.height);
    }
  });

  it('draws signatures, the stamp and marks where they belong, and nothing in unchosen boxes', async () => {
    const before = { 2: await renderGrayPage(template, 2, 36), 3: await renderGrayPage(template, 3, 36) };
    const after = { 2: await renderGrayPage(completed, 2, 36), 3: await renderGrayPage(completed, 3, 36) };
    const added = (name: string) => {
      const box = field(name);
      const page = box.page as 2 | 3;
      return darkPixelsIn(after[page], box) - darkPixelsIn(before[page], box);
    };
    expect(added('customer_sign')).toBeGreaterThan(40);
    expect(added('company_sign')).toBeGreaterThan(40);
    expect(added('agree_terms')).toBeGreaterThan(3);
    expect(added('privacy_agree')).toBeGreaterThan(3);
    expect(added('privacy_disagree')).toBe(0);
    expect(added('marketing_agree')).toBe(0);
  });

  it('falls back to a field default, so LabelBox text set in the template appears', async () => {
    const labelOnly = fields.map((f) => (f.name === 'contract_number' ? { ...f, default: '계약-0001' } : f));
    const pdf = await fillCompletedPdf({ templatePdf: template, fields: labelOnly, values: {} });
    expect(await pdfToText(pdf)).toContain('계약-0001');
  });

  it('shrinks and wraps long text to stay inside a small box', async () => {
    const long = '서울특별시 중구 세종대로 110 도장빌딩 3층 전자계약팀 담당자 앞 (Attn. Contracts team)';
    const pdf = await fillCompletedPdf({ templatePdf: template, fields, values: { customer_phone: long } });
    const box = field('customer_phone');
    const near = (await wordBoxes(pdf)).filter((w) => w.page === 1 && w.xMin >= box.x - 2 && w.yMax > box.y - 4 && w.yMin < box.y + box.height + 4);
    expect(near.map((w) => w.text).join(' ')).toBe(long);
    for (const word of near) {
      expect(word.xMin).toBeGreaterThanOrEqual(box.x - 0.5);
      expect(word.xMax).toBeLessThanOrEqual(box.x + box.width + 0.5);
      const middle = (word.yMin + word.yMax) / 2;
      expect(middle).toBeGreaterThan(box.y);
      expect(middle).toBeLessThan(box.y + box.height);
    }
    expect(new Set(near.map((w) => w.yMin)).size).toBeGreaterThan(1); // wrapped onto several lines
  });

  it('fails loudly for a field on a page the template does not have', async () => {
    const offPage = [{ ...field('customer_name'), page: 9 }];
    await expect(fillCompletedPdf({ templatePdf: template, fields: offPage, values })).rejects.toThrow(DocumentError);
  });
});

describe("fillPdf with outlines (the signer's preview)", () => {
  it('outlines the boxes still empty and draws the values so far', async () => {
    const preview = await fillPdf({ templatePdf: template, fields, values: { customer_name: '홍길동' } }, { outlineUnfilled: true, highlightOwner: 1 });
    expect(await pdfToText(preview)).toContain('홍길동');
    const before = await renderGrayPage(template, 2, 36);
    const after = await renderGrayPage(preview, 2, 36);
    const box = field('customer_sign');
    expect(darkPixelsIn(after, box, 250)).toBeGreaterThan(darkPixelsIn(before, box, 250));
  });

  describe('on pages a reader shows turned (/Rotate), boxes measured on the page as shown', () => {
    // A portrait A4 page, shown as landscape (842 × 595) at 90 and 270, upside down at 180, with
    // a crop box off the origin; the same boxes on the page as shown for every angle.
    const shownFields = (rotation: number): TemplateField[] => {
      const wide = rotation % 180 !== 0;
      return [
        { name: 'title', type: 'TextBox', owner: 1, required: false, page: 1, x: 40, y: 30, width: 240, height: 30 },
        {
          name: 'corner',
          type: 'TextBox',
          owner: 1,
          required: false,
          page: 1,
          x: (wide ? 842 : 595) - 20 - 160,
          y: (wide ? 595 : 842) - 20 - 30,
          width: 160,
          height: 30,
        },
        { name: 'agree', type: 'CheckBox', owner: 1, required: false, page: 1, x: 40, y: 200, width: 40, height: 40 },
      ];
    };
    const turnedPdf = async (rotation: number) => {
      const doc = await PDFDocument.create();
      const page = doc.addPage([615, 862]);
      page.setCropBox(10, 10, 595, 842);
      page.setRotation(degrees(rotation));
      return doc.save();
    };

    for (const rotation of [0, 90, 180, 270]) {
      it(`draws text upright inside its box, and the mark in its box, at /Rotate ${rotation}`, async () => {
        const fields = shownFields(rotation);
        const pdf = await fillCompletedPdf({ templatePdf: await turnedPdf(rotation), fields, values: { title: '회전계약서', corner: 'Corner', agree: 'Y' } });
        const words = await wordBoxes(pdf);
        for (const [name, text] of [
          ['title', '회전계약서'],
          ['corner', 'Corner'],
        ] as const) {
          const box = fields.find((f) => f.name === name)!;
          const word = words.find((w) => w.text === text);
          expect(word, `${text} at ${rotation}`).toBeDefined();
          // Inside its box on the page as shown (the middle: poppler's word box spans the font's
          // full ascent and descent), and upright: wider than tall.
          const middle = (word!.yMin + word!.yMax) / 2;
          expect(word!.xMin).toBeGreaterThanOrEqual(box.x - 0.5);
          expect(word!.xMax).toBeLessThanOrEqual(box.x + box.width + 0.5);
          expect(middle).toBeGreaterThan(box.y);
          expect(middle).toBeLessThan(box.y + box.height);
          expect(word!.xMax - word!.xMin).toBeGreaterThan(word!.yMax - word!.yMin);
        }
        const shown = await renderGrayPage(pdf, 1, 36);
        expect(shown.width).toBeGreaterThan(rotation % 180 === 0 ? 0 : shown.height);
        expect(darkPixelsIn(shown, fields.find((f) => f.name === 'agree')!)).toBeGreaterThan(20);
      });
    }
  });
});
