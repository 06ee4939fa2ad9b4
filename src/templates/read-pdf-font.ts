// A PDF font as far as placing its glyphs needs: how a string's bytes split into codes, each
// code's advance width and text, and the font's ascent and descent. Read from the font's
// dictionary (PDF 32000-1 §9.6-9.10): /Widths or /W, the encoding or the encoding CMap, the
// ToUnicode CMap. The font program itself is never parsed.
//
// What is not read (its glyphs then cannot be placed, and a tag drawn in it is reported, not
// silently missed, by the second reading with pdf.js in read-text-tags.ts): composite fonts on
// a predefined CMap other than Identity-H (e.g. UniKS-UCS2-H with a font not embedded), and
// vertical writing.
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, StandardFontEmbedder, decodePDFRawStream, type PDFObject } from 'pdf-lib';
import { CMap, IDENTITY_CODESPACE, codeSplitter, type CodeRange } from './read-cmap.ts';

export interface FontCode {
  code: number;
  /** The code's length in bytes. */
  bytes: number;
  /** Where the code starts in the string's bytes. */
  at: number;
}

export interface PdfFont {
  codes(bytes: Uint8Array): FontCode[];
  /** The advance of a glyph in text space units at font size 1 (w0 of §9.4.4). */
  width(code: FontCode): number;
  /** The text a glyph stands for (NFKC; control characters read as a space); '' when the font does not say. */
  text(code: FontCode): string;
  /** Word spacing (Tw) applies to the single-byte code 32 only. */
  isWordSpace(code: FontCode): boolean;
  /** Above and below the baseline, in text space units at font size 1 (descent negative). */
  ascent: number;
  descent: number;
}

const name = (dict: PDFDict, key: string): string | undefined => {
  const value = dict.lookup(PDFName.of(key));
  return value instanceof PDFName ? value.decodeText() : undefined;
};
const number = (dict: PDFDict | undefined, key: string): number | undefined => {
  const value = dict?.lookup(PDFName.of(key));
  return value instanceof PDFNumber ? value.asNumber() : undefined;
};
const dictOf = (dict: PDFDict | undefined, key: string): PDFDict | undefined => {
  const value = dict?.lookup(PDFName.of(key));
  return value instanceof PDFDict ? value : undefined;
};
const arrayOf = (dict: PDFDict | undefined, key: string): PDFArray | undefined => {
  const value = dict?.lookup(PDFName.of(key));
  return value instanceof PDFArray ? value : undefined;
};
/** An array's items, references followed. */
export const itemsOf = (array: PDFArray): (PDFObject | undefined)[] => Array.from({ length: array.size() }, (_, i) => array.lookup(i));
const numbers = (array: PDFArray | undefined): number[] => (array ? itemsOf(array).map((item) => (item instanceof PDFNumber ? item.asNumber() : 0)) : []);

/** A stream's decoded bytes; undefined when it is not a stream or does not decode. */
export function streamBytes(object: PDFObject | undefined): Uint8Array | undefined {
  if (!(object instanceof PDFRawStream)) return undefined;
  try {
    return decodePDFRawStream(object).decode();
  } catch {
    return undefined;
  }
}

const read = new WeakMap<PDFDict, PdfFont | null>();

/** The font of a /Font resource entry; null when its glyphs cannot be placed. */
export function readPdfFont(dict: PDFDict): PdfFont | null {
  let font = read.get(dict);
  if (font === undefined) {
    try {
      font = name(dict, 'Subtype') === 'Type0' ? compositeFont(dict) : simpleFont(dict);
      if (font) font = { ...font, text: readableText(font.text) };
    } catch {
      font = null; // a malformed font dictionary: its glyphs are unplaceable, not fatal
    }
    read.set(dict, font);
  }
  return font;
}

/** A font's text per code, made readable once per code: NFKC, and a glyph mapped only to control characters is a space. */
function readableText(text: (code: FontCode) => string): (code: FontCode) => string {
  const known = new Map<number, string>();
  return (code) => {
    const key = code.bytes * 2 ** 32 + code.code;
    let readable = known.get(key);
    if (readable === undefined) {
      const raw = text(code);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: a glyph that maps to control characters is read as a space
      readable = raw === '' ? '' : /^[\u0000-\u001f]+$/.test(raw) ? ' ' : raw.normalize('NFKC');
      known.set(key, readable);
    }
    return readable;
  };
}

function toUnicode(dict: PDFDict): CMap | undefined {
  const bytes = streamBytes(dict.lookup(PDFName.of('ToUnicode')));
  return bytes ? CMap.parse(Buffer.from(bytes).toString('latin1')) : undefined;
}

/** Ascent and descent from a font descriptor, then its /FontBBox, then a usual 0.8 / -0.2 em. */
function verticalMetrics(descriptor: PDFDict | undefined, scale: number, bbox?: number[]): { ascent: number; descent: number } {
  const box = bbox ?? numbers(arrayOf(descriptor, 'FontBBox'));
  const ascent = number(descriptor, 'Ascent') || (box.length === 4 ? box[3]! : 0);
  const descent = number(descriptor, 'Descent') || (box.length === 4 ? box[1]! : 0);
  return {
    ascent: ascent > 0 ? ascent * scale : 0.8,
    descent: descent !== 0 ? -Math.abs(descent) * scale : -0.2,
  };
}

function compositeFont(dict: PDFDict): PdfFont | null {
  const encoding = dict.lookup(PDFName.of('Encoding'));
  let codespaces: CodeRange[];
  let encodingCMap: CMap | undefined;
  if (encoding instanceof PDFName) {
    if (encoding.decodeText() !== 'Identity-H') return null;
    codespaces = IDENTITY_CODESPACE;
  } else {
    const bytes = streamBytes(encoding);
    if (!bytes || !(encoding instanceof PDFRawStream)) return null;
    if (number(encoding.dict, 'WMode') === 1) return null;
    encodingCMap = CMap.parse(Buffer.from(bytes).toString('latin1'));
    codespaces = encodingCMap.codespaces.length > 0 ? encodingCMap.codespaces : IDENTITY_CODESPACE;
  }
  const descendants = arrayOf(dict, 'DescendantFonts');
  const cidFont = descendants ? descendants.lookup(0) : undefined;
  if (!(cidFont instanceof PDFDict)) return null;
  const widths = cidWidths(cidFont);
  const unicode = toUnicode(dict);
  const cidOf = (code: FontCode) => (encodingCMap?.hasCids ? (encodingCMap.cid(code.code, code.bytes) ?? 0) : code.code);
  return {
    codes: codeSplitter(codespaces),
    width: (code) => widths(cidOf(code)) / 1000,
    text: (code) => unicode?.unicode(code.code, code.bytes) ?? '',
    isWordSpace: (code) => code.bytes === 1 && code.code === 32,
    ...verticalMetrics(dictOf(cidFont, 'FontDescriptor'), 1 / 1000),
  };
}

/** A CID font's widths: /W (`c [w1 w2 …]` and `cFirst cLast w`), else /DW, else 1000. */
function cidWidths(cidFont: PDFDict): (cid: number) => number {
  const fallback = number(cidFont, 'DW') ?? 1000;
  const single = new Map<number, number>();
  const ranges: { first: number; last: number; width: number }[] = [];
  const w = arrayOf(cidFont, 'W');
  if (w) {
    const items = itemsOf(w);
    for (let i = 0; i < items.length; ) {
      const first = items[i];
      const next = items[i + 1];
      if (!(first instanceof PDFNumber)) break;
      if (next instanceof PDFArray) {
        numbers(next).forEach((width, k) => single.set(first.asNumber() + k, width));
        i += 2;
      } else {
        const width = items[i + 2];
        if (!(next instanceof PDFNumber) || !(width instanceof PDFNumber)) break;
        ranges.push({ first: first.asNumber(), last: next.asNumber(), width: width.asNumber() });
        i += 3;
      }
    }
  }
  return (cid) => single.get(cid) ?? ranges.find((r) => cid >= r.first && cid <= r.last)?.width ?? fallback;
}

const STANDARD_FONTS = new Set([
  'Courier',
  'Courier-Bold',
  'Courier-Oblique',
  'Courier-BoldOblique',
  'Helvetica',
  'Helvetica-Bold',
  'Helvetica-Oblique',
  'Helvetica-BoldOblique',
  'Times-Roman',
  'Times-Bold',
  'Times-Italic',
  'Times-BoldItalic',
  'Symbol',
  'ZapfDingbats',
]);
const ONE_BYTE: CodeRange[] = [{ bytes: 1, low: 0, high: 0xff }];

function simpleFont(dict: PDFDict): PdfFont | null {
  const type3 = name(dict, 'Subtype') === 'Type3';
  const matrix = type3 ? numbers(arrayOf(dict, 'FontMatrix')) : [];
  const scale = type3 && matrix.length === 6 ? matrix[0]! : 1 / 1000;
  const descriptor = dictOf(dict, 'FontDescriptor');
  const first = number(dict, 'FirstChar') ?? 0;
  const widths = numbers(arrayOf(dict, 'Widths'));
  const missing = number(descriptor, 'MissingWidth');
  const baseFont = (name(dict, 'BaseFont') ?? '').replace(/^[A-Z]{6}\+/, '');
  const standard =
    widths.length === 0 && STANDARD_FONTS.has(baseFont) ? StandardFontEmbedder.for(baseFont as Parameters<typeof StandardFontEmbedder.for>[0]) : undefined;
  const unicode = toUnicode(dict);
  const encoded = simpleEncoding(dict);
  // Some producers write a simple font's ToUnicode with two-byte codes.
  const text = (code: FontCode) => unicode?.unicode(code.code, 1) ?? unicode?.unicode(code.code, 2) ?? encoded[code.code] ?? '';
  const width = (code: FontCode): number => {
    const w = widths[code.code - first];
    if (w !== undefined) return w * scale;
    if (standard) {
      try {
        return standard.widthOfTextAtSize(text(code), 1);
      } catch {
        return 0.5; // a character the standard font does not encode
      }
    }
    return missing !== undefined ? missing * scale : 0.5;
  };
  const metrics = standard
    ? { ascent: (standard.font.Ascender || standard.font.FontBBox[3]) / 1000, descent: (standard.font.Descender || standard.font.FontBBox[1]) / 1000 }
    : type3
      ? verticalMetrics(undefined, matrix.length === 6 ? matrix[3]! : 1 / 1000, numbers(arrayOf(dict, 'FontBBox')))
      : verticalMetrics(descriptor, 1 / 1000);
  return {
    codes: codeSplitter(ONE_BYTE),
    width,
    text,
    isWordSpace: (code) => code.code === 32,
    ...metrics,
  };
}

/** Each of the 256 codes' text by the font's /Encoding (a base encoding and /Differences). */
function simpleEncoding(dict: PDFDict): string[] {
  const encoding = dict.lookup(PDFName.of('Encoding'));
  const base = encoding instanceof PDFName ? encoding.decodeText() : encoding instanceof PDFDict ? name(encoding, 'BaseEncoding') : undefined;
  const decoder = new TextDecoder(base === 'MacRomanEncoding' ? 'macintosh' : 'windows-1252');
  const table = Array.from({ length: 256 }, (_, code) => (code < 0x20 ? '' : decoder.decode(Uint8Array.of(code))));
  const differences = encoding instanceof PDFDict ? arrayOf(encoding, 'Differences') : undefined;
  if (differences) {
    let code = 0;
    for (const item of itemsOf(differences)) {
      if (item instanceof PDFNumber) code = item.asNumber();
      else if (item instanceof PDFName && code >= 0 && code < 256) table[code++] = glyphNameText(item.decodeText());
    }
  }
  return table;
}

/** The glyph names that spell a tag (ASCII), and the uniXXXX / uXXXX[XX] forms. */
const GLYPH_NAMES: Record<string, string> = {
  space: ' ',
  exclam: '!',
  quotedbl: '"',
  numbersign: '#',
  dollar: '$',
  percent: '%',
  ampersand: '&',
  quotesingle: "'",
  parenleft: '(',
  parenright: ')',
  asterisk: '*',
  plus: '+',
  comma: ',',
  hyphen: '-',
  period: '.',
  slash: '/',
  zero: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  colon: ':',
  semicolon: ';',
  less: '<',
  equal: '=',
  greater: '>',
  question: '?',
  at: '@',
  bracketleft: '[',
  backslash: '\\',
  bracketright: ']',
  asciicircum: '^',
  underscore: '_',
  grave: '`',
  braceleft: '{',
  bar: '|',
  braceright: '}',
  asciitilde: '~',
  quoteleft: '\u2018',
  quoteright: '\u2019',
  nbspace: '\u00a0',
  endash: '\u2013',
  emdash: '\u2014',
};

function glyphNameText(glyph: string): string {
  const base = glyph.split('.')[0] ?? glyph;
  if (GLYPH_NAMES[base] !== undefined) return GLYPH_NAMES[base];
  if (/^[A-Za-z]$/.test(base)) return base;
  const uni = /^uni((?:[0-9A-F]{4})+)$/.exec(base);
  if (uni) return String.fromCharCode(...uni[1]!.match(/.{4}/g)!.map((h) => parseInt(h, 16)));
  const u = /^u([0-9A-F]{4,6})$/.exec(base);
  if (u) {
    const point = parseInt(u[1]!, 16);
    return point <= 0x10ffff ? String.fromCodePoint(point) : '';
  }
  return '';
}
