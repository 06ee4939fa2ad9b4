// Every glyph a page shows, with its text and its box on the page as a reader sees it: a small
// interpreter of the page's content stream (and the forms it draws) that follows only what moves
// text: the graphics state's matrix and the text state (PDF 32000-1 §9.3, §9.4). Each glyph keeps
// the show-text operation it came from and its place in it, so that remove-tag-text.ts can take
// exactly those glyphs out. Boxes are in points from the displayed page's top-left (crop box,
// turned by /Rotate), the unit of TemplateField.
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFString, type PDFPage } from 'pdf-lib';
import { displayedPage, type DisplayedPage } from '../documents/displayed-page.ts';
import { PdfRefused, refuse } from '../pdf/pdf-limits.ts';
import { forEachOperation, OperandDict, OperandName, type Operand } from './content-stream.ts';
import { itemsOf, readPdfFont, streamBytes, type PdfFont } from './read-pdf-font.ts';

export type Matrix = [number, number, number, number, number, number];

/** Drawing instructions: the page's content (its streams joined) or one form XObject's. */
export interface ContentSource {
  bytes: Uint8Array;
  /** Whose drawing it is: a page's, or a form's (its stream and where it lives). */
  owner: { page: PDFPage } | { form: PDFRawStream; ref: PDFRef };
}

/** A Tj, TJ, ' or " operation, with the text state it ran in. */
export interface ShowText {
  source: ContentSource;
  start: number;
  end: number;
  operator: string;
  operands: Operand[];
  font: PdfFont;
  fontSize: number;
  charSpacing: number;
  wordSpacing: number;
}

/**
 * Marked content carrying /ActualText (§14.9.4): the text its glyphs stand for. Chromium draws
 * each space as a glyph that maps to U+0001 inside one, with ActualText " ".
 */
export interface ActualText {
  source: ContentSource;
  /** The BDC operation, and the tag it marks with. */
  start: number;
  end: number;
  tag: string;
  text: string;
  /** Whether a glyph already stands for the text (the first one does; the others for nothing). */
  given: boolean;
}

export interface PlacedGlyph {
  /** The glyph's text (NFKC), U+FFFD when the font does not say. */
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** The baseline's distance from the top, and the font's size on the page, for joining lines. */
  baseline: number;
  size: number;
  /** How far the pen moved for it on the page: its width plus character and word spacing (Tc, Tw). */
  advance: number;
  show: ShowText;
  /** Which glyph of the operation (counting the codes of all its strings). */
  index: number;
  actualText?: ActualText;
}

/**
 * Forms drawn at most per page, and how deep. Forms drawing forms ten times each, eight deep,
 * are 10^8 draws from a few hundred bytes; pdf.js (the second reading, and the page images)
 * would follow every one, so such a page is refused rather than read.
 */
export const MAX_FORM_DRAWS = 20_000;
const MAX_FORM_DEPTH = 12;

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** m1 then m2. */
export function multiply(m1: Matrix, m2: Matrix): Matrix {
  const [a, b, c, d, e, f] = m1;
  const [A, B, C, D, E, F] = m2;
  return [a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F];
}

export function invert([a, b, c, d, e, f]: Matrix): Matrix {
  const det = a * d - b * c;
  if (det === 0) return IDENTITY;
  return [d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det];
}

interface GraphicsState {
  ctm: Matrix;
  font: PdfFont | null;
  fontSize: number;
  charSpacing: number;
  wordSpacing: number;
  /** Tz / 100. */
  horizontalScale: number;
  leading: number;
  rise: number;
}

const isMatrix = (operands: Operand[]): operands is Matrix => operands.length === 6 && operands.every((o) => typeof o === 'number');
const num = (operand: Operand | undefined): number => (typeof operand === 'number' ? operand : 0);

/** The page's content as one byte string: its /Contents streams joined (§7.8.2: split only between tokens). */
export function pageContent(page: PDFPage): Uint8Array {
  const contents = page.node.Contents();
  const streams = contents instanceof PDFArray ? itemsOf(contents) : [contents];
  const parts = streams.map((stream) => streamBytes(stream)).filter((bytes): bytes is Uint8Array => bytes !== undefined);
  return Buffer.concat(parts.flatMap((part) => [part, Buffer.from('\n')]));
}

export function pageResources(page: PDFPage): PDFDict | undefined {
  try {
    return page.node.Resources();
  } catch {
    return undefined;
  }
}

const INITIAL_STATE: GraphicsState = { ctm: IDENTITY, font: null, fontSize: 0, charSpacing: 0, wordSpacing: 0, horizontalScale: 1, leading: 0, rise: 0 };

/** The page's glyphs that stand upright as the page is displayed, in drawing order. */
export function placePageGlyphs(page: PDFPage, forms: Map<PDFRawStream, ContentSource>): PlacedGlyph[] {
  const placer = new GlyphPlacer(page, forms);
  placer.run({ bytes: pageContent(page), owner: { page } }, pageResources(page), INITIAL_STATE);
  return placer.glyphs;
}

/** What one page's drawing places: the glyphs, and the forms it draws on the way. */
class GlyphPlacer {
  readonly glyphs: PlacedGlyph[] = [];
  readonly view: DisplayedPage;
  readonly toView: Matrix;
  /** Forms being drawn, outermost first: a form that draws itself is not drawn again. */
  readonly drawing = new Set<PDFRawStream>();
  #formDraws = 0;

  constructor(
    page: PDFPage,
    readonly forms: Map<PDFRawStream, ContentSource>,
  ) {
    this.view = displayedPage(page);
    this.toView = invert(this.view.toUserSpace);
  }

  /** Runs a content stream; a form starts with the graphics state (text state included) of the Do that draws it. */
  run(source: ContentSource, resources: PDFDict | undefined, inherited: GraphicsState): void {
    const content = new ContentRun(this, source, resources, { ...inherited });
    forEachOperation(source.bytes, (operation) => content.operate(operation));
  }

  /** Draws a form unless it is drawn already on the way here (it draws itself) or too deep; refuses a page that draws forms too often. */
  drawForm(form: { stream: PDFRawStream; source: ContentSource }, resources: PDFDict | undefined, state: GraphicsState): void {
    if (this.drawing.has(form.stream) || this.drawing.size >= MAX_FORM_DEPTH) return;
    if (++this.#formDraws > MAX_FORM_DRAWS) throw new PdfRefused(refuse.malformed(`a page draws forms more than ${MAX_FORM_DRAWS} times`));
    const own = form.stream.dict.lookup(PDFName.of('Resources'));
    this.drawing.add(form.stream);
    this.run(form.source, own instanceof PDFDict ? own : resources, { ...state, ctm: multiply(formMatrix(form.stream), state.ctm) });
    this.drawing.delete(form.stream);
  }
}

type ShowOperation = Pick<ShowText, 'operator' | 'operands' | 'start' | 'end'>;

/** One content stream being run: its graphics state, text matrices and open marked content. */
class ContentRun {
  readonly #fonts: PDFDict | undefined;
  readonly #xobjects: PDFDict | undefined;
  readonly #properties: PDFDict | undefined;
  readonly #saved: GraphicsState[] = [];
  /** Marked content open here, innermost last; the outermost ActualText is the text. */
  readonly #marked: (ActualText | null)[] = [];
  #gs: GraphicsState;
  #tm: Matrix = IDENTITY;
  #tlm: Matrix = IDENTITY;

  constructor(
    readonly placer: GlyphPlacer,
    readonly source: ContentSource,
    readonly resources: PDFDict | undefined,
    state: GraphicsState,
  ) {
    this.#gs = state;
    this.#fonts = lookupDict(resources, 'Font');
    this.#xobjects = lookupDict(resources, 'XObject');
    this.#properties = lookupDict(resources, 'Properties');
  }

  operate(operation: ShowOperation): void {
    const { operator, operands } = operation;
    const gs = this.#gs;
    switch (operator) {
      case 'q':
        if (this.#saved.length < 1000) this.#saved.push({ ...gs });
        break;
      case 'Q':
        this.#gs = this.#saved.pop() ?? gs;
        break;
      case 'cm':
        if (isMatrix(operands)) gs.ctm = multiply(operands, gs.ctm);
        break;
      case 'BT':
        this.#tm = this.#tlm = IDENTITY;
        break;
      case 'Tf': {
        const [fontName, size] = operands;
        const dict = fontName instanceof OperandName ? lookupDict(this.#fonts, fontName.name) : undefined;
        gs.font = dict ? readPdfFont(dict) : null;
        gs.fontSize = num(size);
        break;
      }
      case 'Tc':
        gs.charSpacing = num(operands[0]);
        break;
      case 'Tw':
        gs.wordSpacing = num(operands[0]);
        break;
      case 'Tz':
        gs.horizontalScale = num(operands[0]) / 100;
        break;
      case 'TL':
        gs.leading = num(operands[0]);
        break;
      case 'Ts':
        gs.rise = num(operands[0]);
        break;
      case 'Td':
        this.#newLine(num(operands[0]), num(operands[1]));
        break;
      case 'TD':
        gs.leading = -num(operands[1]);
        this.#newLine(num(operands[0]), num(operands[1]));
        break;
      case 'Tm':
        if (isMatrix(operands)) this.#tm = this.#tlm = operands;
        break;
      case 'T*':
        this.#newLine(0, -gs.leading);
        break;
      case 'Tj':
        this.#show(operation, operands.slice(-1));
        break;
      case 'TJ':
        this.#show(operation, Array.isArray(operands[0]) ? operands[0] : []);
        break;
      case "'":
        this.#newLine(0, -gs.leading);
        this.#show(operation, operands.slice(-1));
        break;
      case '"':
        gs.wordSpacing = num(operands[0]);
        gs.charSpacing = num(operands[1]);
        this.#newLine(0, -gs.leading);
        this.#show(operation, operands.slice(-1));
        break;
      case 'BMC':
        this.#marked.push(null);
        break;
      case 'BDC':
        this.#marked.push(this.#actualText(operation));
        break;
      case 'EMC':
        this.#marked.pop();
        break;
      case 'Do': {
        const [name] = operands;
        const form = name instanceof OperandName && this.#xobjects ? formSource(this.#xobjects, name.name, this.placer.forms) : undefined;
        if (form) this.placer.drawForm(form, this.resources, gs);
        break;
      }
    }
  }

  #newLine(tx: number, ty: number): void {
    this.#tlm = multiply([1, 0, 0, 1, tx, ty], this.#tlm);
    this.#tm = this.#tlm;
  }

  #actualText(operation: ShowOperation): ActualText | null {
    const [tag, props] = operation.operands;
    const text = actualTextOf(props instanceof OperandName ? this.#properties?.lookup(PDFName.of(props.name)) : props);
    if (text === undefined) return null;
    return { source: this.source, start: operation.start, end: operation.end, tag: tag instanceof OperandName ? tag.name : 'Span', text, given: false };
  }

  /** Places each glyph of a show-text operation and moves the pen past them (§9.4.4). */
  #show(operation: ShowOperation, strings: Operand[]): void {
    const { font, fontSize, horizontalScale: th, rise, charSpacing, wordSpacing } = this.#gs;
    if (!font) return;
    const { view, toView, glyphs } = this.placer;
    const show: ShowText = { ...operation, source: this.source, font, fontSize, charSpacing, wordSpacing };
    const actualText = this.#marked.find((m) => m !== null) ?? undefined;
    // Glyph k is drawn by [Tfs·Th 0 0 Tfs tx rise] × m, tx the pen's advance along the line so far.
    const m = multiply(this.#tm, multiply(this.#gs.ctm, toView));
    const [a, b, c, d] = [fontSize * th * m[0], fontSize * th * m[1], fontSize * m[2], fontSize * m[3]];
    let tx = 0;
    let index = 0;
    for (const item of strings) {
      if (typeof item === 'number') tx += (-item / 1000) * fontSize * th;
      if (!(item instanceof Uint8Array)) continue;
      for (const code of font.codes(item)) {
        const w0 = font.width(code);
        const advance = (w0 * fontSize + charSpacing + (font.isWordSpace(code) ? wordSpacing : 0)) * th;
        const box = placeGlyph(a, b, c, d, tx * m[0] + rise * m[2] + m[4], tx * m[1] + rise * m[3] + m[5], w0, font, view);
        if (box) {
          const text = actualText ? (actualText.given ? '' : actualText.text) : font.text(code) || '\ufffd';
          glyphs.push({ text, ...box, advance: advance * m[0], show, index, ...(actualText ? { actualText } : {}) });
          if (actualText) actualText.given = true;
        }
        index++;
        tx += advance;
      }
    }
    this.#tm = translate(this.#tm, tx);
  }
}

const translate = (m: Matrix, tx: number): Matrix => [m[0], m[1], m[2], m[3], tx * m[0] + m[4], tx * m[1] + m[5]];

/** The /ActualText of a marked-content property list, inline or from the page's /Properties. */
function actualTextOf(props: unknown): string | undefined {
  if (props instanceof PDFDict) {
    const value = props.lookup(PDFName.of('ActualText'));
    return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText().normalize('NFKC') : undefined;
  }
  if (!(props instanceof OperandDict)) return undefined;
  for (let i = 0; i + 1 < props.items.length; i += 2) {
    const [key, value] = [props.items[i], props.items[i + 1]];
    if (key instanceof OperandName && key.name === 'ActualText' && value instanceof Uint8Array) {
      return PDFHexString.of(Buffer.from(value).toString('hex')).decodeText().normalize('NFKC');
    }
  }
  return undefined;
}

/** The box of a glyph drawn by [a b c d e f] when it stands upright on the displayed page and starts on it; null otherwise. */
function placeGlyph(
  a: number,
  b: number,
  c: number,
  d: number,
  e: number,
  f: number,
  w0: number,
  font: PdfFont,
  page: DisplayedPage,
): Pick<PlacedGlyph, 'x' | 'y' | 'width' | 'height' | 'baseline' | 'size'> | null {
  if (a <= 0 || d <= 0 || Math.abs(b) > a * 0.01 || Math.abs(c) > d * 0.01) return null;
  if (e < -0.5 || e > page.width + 0.5 || f < -0.5 || f > page.height + 0.5) return null;
  const top = f + font.ascent * d;
  const bottom = f + font.descent * d;
  return { x: e, y: page.height - top, width: Math.max(0, w0 * a), height: top - bottom, baseline: page.height - f, size: d };
}

function formMatrix(stream: PDFRawStream): Matrix {
  const matrix = stream.dict.lookup(PDFName.of('Matrix'));
  if (!(matrix instanceof PDFArray) || matrix.size() !== 6) return IDENTITY;
  const values = itemsOf(matrix);
  return values.every((v) => v instanceof PDFNumber) ? (values.map((v) => (v as PDFNumber).asNumber()) as Matrix) : IDENTITY;
}

function lookupDict(dict: PDFDict | undefined, key: string): PDFDict | undefined {
  const value = dict?.lookup(PDFName.of(key));
  return value instanceof PDFDict ? value : undefined;
}

/** A form XObject by its resource name, decoded once per document. */
function formSource(xobjects: PDFDict, key: string, forms: Map<PDFRawStream, ContentSource>): { stream: PDFRawStream; source: ContentSource } | undefined {
  const ref = xobjects.get(PDFName.of(key));
  const stream = xobjects.lookup(PDFName.of(key));
  if (!(ref instanceof PDFRef) || !(stream instanceof PDFRawStream)) return undefined;
  const subtype = stream.dict.lookup(PDFName.of('Subtype'));
  if (!(subtype instanceof PDFName) || subtype.decodeText() !== 'Form') return undefined;
  let source = forms.get(stream);
  if (!source) {
    source = { bytes: streamBytes(stream) ?? new Uint8Array(), owner: { form: stream, ref } };
    forms.set(stream, source);
  }
  return { stream, source };
}
