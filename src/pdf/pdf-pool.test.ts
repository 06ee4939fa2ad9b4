import { afterAll, describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { makeSampleContractPdf } from '../demo/sample-contract.ts';
import { PdfPool } from './pdf-pool.ts';
import { DEFAULT_PDF_LIMITS, PdfRefused } from './pdf-limits.ts';
import * as hostile from '../../test/support/hostile-pdfs.ts';

const pool = new PdfPool({ limits: DEFAULT_PDF_LIMITS, threads: 1, timeoutMs: 30_000, memoryMb: 512, maxWaiting: 4 });
afterAll(() => pool.close());

const inspect = (pdf: Uint8Array, limits = DEFAULT_PDF_LIMITS) => pool.run('inspect', { pdf, limits });

describe('the PDF pool reads a template within its bounds', () => {
  it('reads ordinary PDFs: the sample contract, a hand-written page, a page tree whose /Count lies', async () => {
    const sample = await makeSampleContractPdf({ withAppendix: true });
    expect(await inspect(sample.pdf)).toHaveLength((await PDFDocument.load(sample.pdf)).getPageCount());
    expect(await inspect(hostile.onePagePdf())).toEqual([{ width: 595, height: 842 }]);
    expect(await inspect(hostile.lyingPageCount())).toHaveLength(1);
  });

  for (const { name, pdf, bound } of hostile.hostilePdfs()) {
    it(`refuses ${name}, naming the bound`, async () => {
      const refused = await inspect(pdf).then(
        () => null,
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(PdfRefused);
      expect((refused as PdfRefused).message).toMatch(bound);
    });
  }

  it('refuses more objects and more pages than the bounds allow, and takes as many', async () => {
    const limits = { ...DEFAULT_PDF_LIMITS, maxObjects: 1000, maxPages: 20 };
    await expect(inspect(hostile.tooManyObjects(1000), limits)).rejects.toThrow(/more than 1000 objects/);
    await expect(inspect(hostile.tooManyObjects(990), limits)).resolves.toHaveLength(1);
    await expect(inspect(hostile.manyPages(21), limits)).rejects.toThrow(/more than 20 pages/);
    await expect(inspect(hostile.manyPages(20), limits)).resolves.toHaveLength(20);
  });

  it('stops a task at its time limit, and the next task runs on a fresh worker', async () => {
    const hurried = new PdfPool({ limits: DEFAULT_PDF_LIMITS, threads: 1, timeoutMs: 100, memoryMb: 512, maxWaiting: 4 });
    try {
      await expect(hurried.run('inspect', { pdf: hostile.manySmallBombs(6, 40), limits: DEFAULT_PDF_LIMITS })).rejects.toThrow(
        /took longer than the 0.1 s bound/,
      );
    } finally {
      await hurried.close();
    }
    expect(await inspect(hostile.onePagePdf())).toHaveLength(1);
  });

  it('refuses at once when too many tasks are waiting', async () => {
    const small = new PdfPool({ limits: DEFAULT_PDF_LIMITS, threads: 1, timeoutMs: 30_000, memoryMb: 512, maxWaiting: 1 });
    try {
      const runs = [0, 1, 2].map(() =>
        small.run('inspect', { pdf: hostile.onePagePdf(), limits: DEFAULT_PDF_LIMITS }).then(
          () => 'ok',
          (e: Error) => e.constructor.name,
        ),
      );
      expect(await Promise.all(runs)).toEqual(['ok', 'ok', 'PdfBusy']);
    } finally {
      await small.close();
    }
  });
});
