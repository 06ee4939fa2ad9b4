// Noto Sans KR embedded as a subset, drawn with upstream fontkit 2.x.
//
// pdf-lib's own @pdf-lib/fontkit 1.1 draws most Hangul blank when subsetting (DEPENDENCIES.md);
// full embedding adds megabytes per PDF. Upstream fontkit 2.x subsets correctly but its subset
// object lost the `encodeStream()` that pdf-lib calls, so we give it one back (and skip the
// OpenType shaping pdf-lib never uses, see `layout` below).

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import * as fontkit from 'fontkit';
import type { FontkitFont } from 'fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';

export type KoreanFontWeight = 'regular' | 'bold';

export interface KoreanFonts {
  regular: PDFFont;
  bold: PDFFont;
}

const FONT_FILES: Record<KoreanFontWeight, string> = {
  regular: '@expo-google-fonts/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-kr/700Bold/NotoSansKR_700Bold.ttf',
};

type PdfLibFontkit = Parameters<PDFDocument['registerFontkit']>[0];

const require = createRequire(import.meta.url);
const fontBytes = new Map<KoreanFontWeight, Promise<Uint8Array>>();
// Parsing is lazy in fontkit but still costs a few ms per call on a 6 MB font; one parse per bytes.
const parsedFonts = new WeakMap<Uint8Array, FontkitFont>();

/** The TTF file's bytes, read once per process. */
export function loadKoreanFontBytes(weight: KoreanFontWeight = 'regular'): Promise<Uint8Array> {
  let bytes = fontBytes.get(weight);
  if (bytes === undefined) {
    bytes = readFile(require.resolve(FONT_FILES[weight])).then((b) => new Uint8Array(b));
    bytes.catch(() => fontBytes.delete(weight));
    fontBytes.set(weight, bytes);
  }
  return bytes;
}

function parseFont(bytes: Uint8Array): FontkitFont {
  let font = parsedFonts.get(bytes);
  if (font === undefined) {
    font = fontkit.create(bytes);
    parsedFonts.set(bytes, font);
  }
  return font;
}

/** fontkit 2.x, adapted to the fontkit 1.x interface pdf-lib expects. */
const subsettingFontkit = {
  create(bytes: Uint8Array) {
    const font = parseFont(bytes);
    // A per-document view of the shared font with two methods replaced.
    return Object.create(font, {
      createSubset: {
        value() {
          const subset = font.createSubset();
          return Object.assign(subset, {
            encodeStream: () => Readable.from([subset.encode()]),
          });
        },
      },
      // pdf-lib reads only `glyphs` from a layout and places them by advance width, so full
      // OpenType shaping (about 3 ms per line of this font, most of a document's drawing
      // time) buys nothing. Precomposed Hangul and Latin map one to one through the cmap;
      // callers normalise text to NFC so that jamo sequences arrive precomposed.
      layout: {
        value(text: string) {
          return { glyphs: font.glyphsForString(text) };
        },
      },
    }) as FontkitFont;
  },
} as unknown as PdfLibFontkit;

/** Embeds one weight of Noto Sans KR into `doc`; only the glyphs drawn end up in the file. */
export async function embedKoreanFont(doc: PDFDocument, weight: KoreanFontWeight = 'regular'): Promise<PDFFont> {
  doc.registerFontkit(subsettingFontkit);
  return doc.embedFont(await loadKoreanFontBytes(weight), { subset: true });
}

/** Both weights, for documents with headings. */
export async function embedKoreanFonts(doc: PDFDocument): Promise<KoreanFonts> {
  const [regular, bold] = await Promise.all([embedKoreanFont(doc, 'regular'), embedKoreanFont(doc, 'bold')]);
  return { regular, bold };
}
