// A PDF's text tags read into field boxes, and the PDF without them: the worker task behind
// "a contract from any PDF" (pdf/pdf-tasks.ts, 'text-tags'). Runs in a PDF worker on a PDF that
// passes the bounds first, like every other task.
//
// Two readings. The first places every glyph (place-page-glyphs.ts), joins them into lines
// (join-text-lines.ts) and finds the tags there (domain/text-tags.ts): it knows each tag glyph's
// box and the operation that drew it, so the boxes are exact and the tags can be taken out
// (remove-tag-text.ts). The second is pdf.js's own text (getTextContent), which reads fonts the
// first does not (font programs, predefined CJK CMaps) but only to the text run: any tag pdf.js
// sees that the first reading did not place is a problem naming it, never a tag silently lost.
import { pdfjsSource } from '../pdf/pdfjs-resources.ts';
import type { PDFRawStream } from 'pdf-lib';
import type { TemplateField } from '../domain/fields.ts';
import { said } from '../domain/said.ts';
import { findTagTexts, textTagFields, type TagText, type TextTagProblem } from '../domain/text-tags.ts';
import { loadBoundedPdf } from '../pdf/load-bounded-pdf.ts';
import { PdfRefused, refuse, type PdfLimits } from '../pdf/pdf-limits.ts';
import type { PageSize } from '../pdf/read-page-sizes.ts';
import { joinTextLines } from './join-text-lines.ts';
import { placePageGlyphs, type ContentSource, type PlacedGlyph } from './place-page-glyphs.ts';
import { removeGlyphs } from './remove-tag-text.ts';

export interface TextTagsInput {
  pdf: Uint8Array;
  limits: PdfLimits;
  /** The template's number of signing steps: a tag's step must be within it. */
  steps: number;
}

export interface TextTagReading {
  /** A box for each tag, in page order, top to bottom, left to right. */
  fields: TemplateField[];
  /** Every problem at once, by page; empty when the tags can be used. */
  problems: TextTagProblem[];
  /**
   * The PDF with the tags' text taken out: what is stored as the template. Null when nothing
   * was taken out: no tags (the original stands), or problems to fix first.
   */
  pdf: Uint8Array | null;
  /** The pages as a reader shows them, as 'inspect' answers. */
  pages: PageSize[];
}

type FoundTag = TagText & { glyphs: PlacedGlyph[] };

export async function readTextTags(input: TextTagsInput): Promise<TextTagReading> {
  const { doc, pages } = await loadBoundedPdf(input.pdf, input.limits, false);
  const forms = new Map<PDFRawStream, ContentSource>();
  const tags: FoundTag[] = [];
  const unclosed: TextTagProblem[] = [];
  doc.getPages().forEach((page, i) => {
    // One page's glyphs at a time: only the tags' glyphs outlive it.
    for (const line of joinTextLines(placePageGlyphs(page, forms))) {
      const found = findTagTexts(line, i + 1);
      tags.push(...found.tags.map((tag) => ({ ...tag, glyphs: line.slice(tag.first, tag.last + 1).flatMap((char) => char.glyphs) })));
      unclosed.push(...found.problems);
    }
  });
  const read = textTagFields(tags, { steps: input.steps, pages });
  const problems = [...unclosed, ...read.problems, ...(await tagsOnlyPdfjsSees(input.pdf, tags, unclosed))];
  problems.sort((a, b) => a.page - b.page);
  if (problems.length > 0 || tags.length === 0) return { fields: read.fields, problems, pdf: null, pages };
  removeGlyphs(
    doc,
    tags.flatMap((tag) => tag.glyphs),
  );
  return { fields: read.fields, problems, pdf: await doc.save(), pages };
}

/** A tag's text as both readings can agree on: no spaces, no control characters (Chromium's spaces map to U+0001). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it takes out
const comparable = (tag: string) => tag.normalize('NFKC').replace(/[\s\u0000-\u001f]+/g, '');

/**
 * The tags in pdf.js's text of each page that the glyph reading did not find: one problem each.
 * Pages where a tag was left unclosed are skipped (that problem already names it). A PDF pdf.js
 * cannot open is refused as malformed: the signing pages could not show it either.
 */
async function tagsOnlyPdfjsSees(pdf: Uint8Array, found: readonly FoundTag[], unclosed: readonly TextTagProblem[]): Promise<TextTagProblem[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = getDocument(pdfjsSource(pdf));
  const missed: TextTagProblem[] = [];
  try {
    const doc = await task.promise.catch((error: unknown) => {
      throw new PdfRefused(refuse.malformed(error instanceof Error ? error.message : String(error)));
    });
    for (let number = 1; number <= doc.numPages; number++) {
      if (unclosed.some((p) => p.page === number)) continue;
      const page = await doc.getPage(number);
      const content = await page.getTextContent();
      page.cleanup();
      const items = content.items.filter((item) => 'str' in item && item.str.trim() !== '') as { str: string; transform: number[]; height: number }[];
      const ours = found.filter((tag) => tag.page === number).map((tag) => comparable(tag.text));
      for (const tag of pdfjsLines(items).flatMap((line) => line.match(/\{\{.*?\}\}/g) ?? [])) {
        const at = ours.indexOf(comparable(tag));
        if (at >= 0) ours.splice(at, 1);
        else missed.push({ page: number, tag, said: said('tagUnplaced') });
      }
    }
  } finally {
    await task.destroy();
  }
  return missed;
}

/** pdf.js's text items as lines: one baseline each, left to right. */
function pdfjsLines(items: { str: string; transform: number[]; height: number }[]): string[] {
  const placed = items.map((item) => ({ str: item.str, x: item.transform[4] ?? 0, y: item.transform[5] ?? 0, size: Math.max(1, item.height) }));
  placed.sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: (typeof placed)[] = [];
  for (const item of placed) {
    const line = lines[lines.length - 1];
    const first = line?.[0];
    if (line && first && Math.abs(first.y - item.y) <= 0.35 * Math.min(first.size, item.size)) line.push(item);
    else lines.push([item]);
  }
  return lines.map((line) =>
    line
      .sort((a, b) => a.x - b.x)
      .map((item) => item.str)
      .join(''),
  );
}
