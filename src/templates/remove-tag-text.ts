// Taking the tags' text out of a PDF, so that the template shows (and `pdftotext` finds) the
// document without them, and the boxes drawn later are not printed over braces.
//
// How: the glyphs of each tag are known one by one, down to the show-text operation that drew
// each and its place in it (place-page-glyphs.ts). Each operation that drew a tag glyph is
// rewritten as a TJ that shows the same codes minus the tag's, each removed glyph replaced by
// the number that moves the pen as far as the glyph would have (PDF 32000-1 §9.4.3:
// tx = (w0·Tfs + Tc + Tw)·Th, and a TJ number n moves −n/1000·Tfs·Th). So the text after a tag,
// in the same operation or in the next ones of the same line, stays exactly where it was, and
// every other byte of the content stream is kept as it was. Matching by the glyphs themselves,
// not by decoded text or by position, works for subset CID fonts with hex strings (Chromium,
// pdf-lib) as for simple fonts.
//
// Limits: a tag drawn inside a form XObject is taken out of the form, so out of every page that
// draws the form; text at font size 0 is left (no TJ number can stand for its advance); a tag
// drawn as an image or as vector outlines (text converted to curves) is not text and is
// neither found nor taken out.
import { deflateSync } from 'node:zlib';
import { PDFArray, PDFName, PDFRawStream, PDFRef, type PDFDocument, type PDFPage } from 'pdf-lib';
import { formatNumber, hexOf, nameToken, type Operand } from './content-stream.ts';
import type { ActualText, ContentSource, PlacedGlyph, ShowText } from './place-page-glyphs.ts';

/** Rewrites the drawing of every glyph given out of its page or form. */
export function removeGlyphs(doc: PDFDocument, glyphs: readonly PlacedGlyph[]): void {
  const bySource = new Map<ContentSource, { shows: Map<number, { show: ShowText; removed: Set<number> }>; actualTexts: Map<number, ActualText> }>();
  const of = (source: ContentSource) => {
    let edits = bySource.get(source);
    if (!edits) bySource.set(source, (edits = { shows: new Map(), actualTexts: new Map() }));
    return edits;
  };
  for (const glyph of glyphs) {
    const { shows } = of(glyph.show.source);
    // A form drawn twice gives two records of one operation: they are the same bytes.
    let entry = shows.get(glyph.show.start);
    if (!entry) shows.set(glyph.show.start, (entry = { show: glyph.show, removed: new Set() }));
    entry.removed.add(glyph.index);
    // Its /ActualText would still read as text (pdftotext reads it): the mark stays, without it.
    if (glyph.actualText) of(glyph.actualText.source).actualTexts.set(glyph.actualText.start, glyph.actualText);
  }
  for (const [source, { shows, actualTexts }] of bySource) {
    const edits: Edit[] = [
      ...[...shows.values()].map(({ show, removed }) => ({ start: show.start, end: show.end, text: showWithout(show, removed) })),
      ...[...actualTexts.values()].map((mark) => ({ start: mark.start, end: mark.end, text: `${nameToken(mark.tag)} BMC` })),
    ];
    const bytes = rewriteSource(
      source.bytes,
      edits.sort((a, b) => a.start - b.start),
    );
    if ('page' in source.owner) {
      replacePageContent(doc, source.owner.page, doc.context.flateStream(bytes));
    } else {
      const dict = source.owner.form.dict.clone(doc.context);
      dict.delete(PDFName.of('DecodeParms'));
      dict.set(PDFName.of('Filter'), PDFName.of('FlateDecode'));
      doc.context.assign(source.owner.ref, PDFRawStream.of(dict, deflateSync(bytes)));
    }
  }
}

/**
 * The page's content replaced where it lives, so the old streams (with the tags' text) do not stay
 * in the file unreferenced; streams another page also draws are left to it, and a new one made.
 */
function replacePageContent(doc: PDFDocument, page: PDFPage, content: PDFRawStream): void {
  const contents = page.node.get(PDFName.of('Contents'));
  const refs =
    contents instanceof PDFRef ? [contents] : contents instanceof PDFArray ? contents.asArray().filter((item): item is PDFRef => item instanceof PDFRef) : [];
  const shared = new Set(
    doc
      .getPages()
      .filter((other) => other !== page)
      .flatMap((other) => {
        const theirs = other.node.get(PDFName.of('Contents'));
        return theirs instanceof PDFRef ? [theirs] : theirs instanceof PDFArray ? theirs.asArray() : [];
      }),
  );
  const [first, ...rest] = refs;
  if (!first || refs.some((ref) => shared.has(ref))) {
    page.node.set(PDFName.of('Contents'), doc.context.register(content));
    return;
  }
  doc.context.assign(first, content);
  for (const ref of rest) doc.context.delete(ref);
  page.node.set(PDFName.of('Contents'), first);
}

/** Operations replaced by new text, by their byte range. */
interface Edit {
  start: number;
  end: number;
  text: string;
}

function rewriteSource(bytes: Uint8Array, edits: Edit[]): Uint8Array {
  const parts: Uint8Array[] = [];
  let at = 0;
  for (const edit of edits) {
    if (edit.start < at) continue;
    parts.push(bytes.subarray(at, edit.start), Buffer.from(` ${edit.text} `, 'latin1'));
    at = edit.end;
  }
  parts.push(bytes.subarray(at));
  return Buffer.concat(parts);
}

/** The operation as a TJ without the removed glyphs, the pen moved past each as before. */
function showWithout(show: ShowText, removed: Set<number>): string {
  const { font, fontSize, charSpacing, wordSpacing, operator, operands } = show;
  const strings: Operand[] = operator === 'TJ' ? (Array.isArray(operands[0]) ? operands[0] : []) : operands.slice(-1);
  const items: (string | number)[] = [];
  let kept: number[] = [];
  const keepNumber = (n: number) => {
    flush();
    const last = items[items.length - 1];
    if (typeof last === 'number') items[items.length - 1] = last + n;
    else items.push(n);
  };
  const flush = () => {
    if (kept.length > 0) items.push(hexOf(Uint8Array.from(kept)));
    kept = [];
  };
  let index = 0;
  for (const item of strings) {
    if (typeof item === 'number') keepNumber(item);
    if (!(item instanceof Uint8Array)) continue;
    for (const code of font.codes(item)) {
      const glyphBytes = item.subarray(code.at, code.at + code.bytes);
      if (removed.has(index++) && fontSize !== 0) {
        const advance = font.width(code) * fontSize + charSpacing + (font.isWordSpace(code) ? wordSpacing : 0);
        keepNumber((-advance * 1000) / fontSize);
      } else kept.push(...glyphBytes);
    }
  }
  flush();
  const array = `[${items.map((item) => (typeof item === 'number' ? formatNumber(item) : item)).join(' ')}] TJ`;
  // ' is T* then Tj; " sets Tw and Tc first (their values are the ones the show ran with).
  if (operator === "'") return `T* ${array}`;
  if (operator === '"') return `${formatNumber(wordSpacing)} Tw ${formatNumber(charSpacing)} Tc T* ${array}`;
  return array;
}
