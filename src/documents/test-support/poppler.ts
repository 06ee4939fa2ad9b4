// Reading PDFs back with poppler-utils: tests see what a real reader sees, not what pdf-lib wrote.

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PopplerResult {
  stdout: string;
  stderr: string;
  code: number;
}

async function poppler(tool: string, args: string[]): Promise<PopplerResult> {
  try {
    const { stdout, stderr } = await run(tool, args, { maxBuffer: 64 * 1024 * 1024 });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; code?: number };
    return { stdout: e.stdout ?? '', stderr: e.stderr ?? '', code: typeof e.code === 'number' ? e.code : 1 };
  }
}

/** Writes `pdf` to a fresh temporary directory, runs `use`, cleans up. */
export async function withPdfFile<T>(pdf: Uint8Array, use: (path: string, dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'dojang-pdf-'));
  try {
    const path = join(dir, 'doc.pdf');
    await writeFile(path, pdf);
    return await use(path, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function pdfToText(pdf: Uint8Array, options: { layout?: boolean } = {}): Promise<string> {
  return withPdfFile(pdf, async (path) => {
    const result = await poppler('pdftotext', [...(options.layout ? ['-layout'] : []), '-enc', 'UTF-8', path, '-']);
    if (result.code !== 0) throw new Error(`pdftotext failed: ${result.stderr}`);
    return result.stdout;
  });
}

export function pdfSig(pdf: Uint8Array): Promise<PopplerResult> {
  return withPdfFile(pdf, (path) => poppler('pdfsig', [path]));
}

export function pdfInfo(pdf: Uint8Array): Promise<string> {
  return withPdfFile(pdf, async (path) => (await poppler('pdfinfo', [path])).stdout);
}

/** Renders every page as PNG files into `outDir` (to look at) and returns their paths. */
export async function renderPngs(pdf: Uint8Array, outDir: string, prefix: string, dpi = 60): Promise<string[]> {
  const pdfPath = join(outDir, `${prefix}.pdf`);
  await writeFile(pdfPath, pdf);
  const result = await poppler('pdftoppm', ['-png', '-r', String(dpi), pdfPath, join(outDir, prefix)]);
  if (result.code !== 0) throw new Error(`pdftoppm failed: ${result.stderr}`);
  return (await readdir(outDir))
    .filter((f) => f.startsWith(`${prefix}-`) && f.endsWith('.png'))
    .sort()
    .map((f) => join(outDir, f));
}

export interface GrayPage {
  width: number;
  height: number;
  /** 0 black .. 255 white, row-major from the top-left. */
  pixels: Uint8Array;
  dpi: number;
}

/** One page as 8-bit grey pixels (pdftoppm's PGM), for cheap "is something drawn here" checks. */
export function renderGrayPage(pdf: Uint8Array, page: number, dpi = 30): Promise<GrayPage> {
  return withPdfFile(pdf, async (path, dir) => {
    const out = join(dir, 'page');
    const result = await poppler('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', path, out]);
    if (result.code !== 0) throw new Error(`pdftoppm failed: ${result.stderr}`);
    return { ...parsePgm(await readFile(`${out}.pgm`)), dpi };
  });
}

function parsePgm(bytes: Buffer): Omit<GrayPage, 'dpi'> {
  // Header: "P5\n<width> <height>\n<max>\n" then the pixels.
  const header = bytes.subarray(0, 64).toString('latin1');
  const match = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(header);
  if (!match) throw new Error('not a binary PGM');
  const width = Number(match[1]);
  const height = Number(match[2]);
  return { width, height, pixels: new Uint8Array(bytes.subarray(match[0].length, match[0].length + width * height)) };
}

/** How many pixels darker than `threshold` fall inside a box given in PDF points from the top-left. */
export function darkPixelsIn(page: GrayPage, box: { x: number; y: number; width: number; height: number }, threshold = 160): number {
  const scale = page.dpi / 72;
  const x0 = Math.max(0, Math.floor(box.x * scale));
  const y0 = Math.max(0, Math.floor(box.y * scale));
  const x1 = Math.min(page.width, Math.ceil((box.x + box.width) * scale));
  const y1 = Math.min(page.height, Math.ceil((box.y + box.height) * scale));
  let dark = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) if ((page.pixels[y * page.width + x] ?? 255) < threshold) dark++;
  }
  return dark;
}

export interface WordBox {
  page: number;
  text: string;
  /** Points from the page's top-left, like field boxes. */
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Every word poppler finds, with its bounding box (`pdftotext -bbox`). */
export function wordBoxes(pdf: Uint8Array): Promise<WordBox[]> {
  return withPdfFile(pdf, async (path) => {
    const result = await poppler('pdftotext', ['-bbox', '-enc', 'UTF-8', path, '-']);
    if (result.code !== 0) throw new Error(`pdftotext failed: ${result.stderr}`);
    const words: WordBox[] = [];
    let page = 0;
    for (const line of result.stdout.split('\n')) {
      if (line.includes('<page ')) page++;
      const match = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line);
      if (match) {
        words.push({
          page,
          xMin: Number(match[1]),
          yMin: Number(match[2]),
          xMax: Number(match[3]),
          yMax: Number(match[4]),
          text: decodeEntities(match[5] ?? ''),
        });
      }
    }
    return words;
  });
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
