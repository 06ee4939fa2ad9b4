import { beforeAll, describe, expect, it } from 'vitest';
import type { TemplateField } from '../domain/fields.ts';
import { makeSampleContractPdf } from '../demo/sample-contract.ts';
import { DocumentError } from './document-error.ts';
import { fillCompletedPdf } from './fill-completed-pdf.ts';
import { fillPreviewPdf } from './fill-preview-pdf.ts';
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
    const near = (await wordBoxes(pdf)).filter(
      (w) => w.page === 1 && w.xMin >= box.x - 2 && w.yMax > box.y - 4 && w.yMin < box.y + box.height + 4,
    );
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

describe('fillPreviewPdf', () => {
  it('outlines the boxes still empty and draws the values so far', async () => {
    const preview = await fillPreviewPdf({ templatePdf: template, fields, values: { customer_name: '홍길동' }, viewerStep: 1 });
    expect(await pdfToText(preview)).toContain('홍길동');
    const before = await renderGrayPage(template, 2, 36);
    const after = await renderGrayPage(preview, 2, 36);
    const box = field('customer_sign');
    expect(darkPixelsIn(after, box, 250)).toBeGreaterThan(darkPixelsIn(before, box, 250));
  });
});
