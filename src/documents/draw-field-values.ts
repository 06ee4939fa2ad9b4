// Draws field values into their boxes on an open pdf-lib document: the shared core of the
// completed PDF and the signing page's preview.

import { LineCapStyle, concatTransformationMatrix, popGraphicsState, pushGraphicsState, rgb } from 'pdf-lib';
import type { PDFDocument, PDFFont, PDFImage, PDFPage } from 'pdf-lib';
import { isImageField, isMarkField } from '../domain/fields.ts';
import type { FieldValues, TemplateField } from '../domain/fields.ts';
import { decodeImageValue } from './decode-image-value.ts';
import { displayedPage, type DisplayedPage } from './displayed-page.ts';
import { DocumentError } from './document-error.ts';
import { embedKoreanFont } from './korean-font.ts';
import { layoutTextInBox } from './layout-text-in-box.ts';
import { textMeasurer } from './measure-text.ts';

export interface DrawFieldValuesOptions {
  /** Outline boxes without a value, as a preview for the signing page. */
  outlineUnfilled?: boolean;
  /** With `outlineUnfilled`: tint the empty boxes of this step, the signer's own. */
  highlightOwner?: number;
}

/** A box in the page's view (displayed-page.ts): origin bottom-left, as pdf-lib draws. */
export interface PdfRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const INK = rgb(0.07, 0.09, 0.25);
const OUTLINE = rgb(0.55, 0.62, 0.78);
const HIGHLIGHT = rgb(1, 0.93, 0.55);
const MAX_FONT_SIZE = 12;
const MIN_FONT_SIZE = 4;
// Where the baseline sits inside a line, as a fraction of the font size, so that Hangul
// (which fills most of the em square) looks vertically centred.
const BASELINE_FROM_LINE_BOTTOM = 0.26;

/** What several boxes share: one embedded font, each distinct image embedded once. */
interface DrawContext {
  font: () => Promise<PDFFont>;
  image: (value: string, fieldName: string) => Promise<PDFImage>;
}

export async function drawFieldValues(
  doc: PDFDocument,
  fields: readonly TemplateField[],
  values: FieldValues,
  options: DrawFieldValuesOptions = {},
): Promise<void> {
  const context = createDrawContext(doc);
  for (const field of fields) {
    const page = pageOf(doc, field);
    const view = displayedPage(page);
    const box = boxOnPage(view, field);
    const value = valueOf(field, values);
    const blank = value === '' || (isMarkField(field.type) && !isChecked(value));
    if (blank && !options.outlineUnfilled) continue;
    // Everything below is drawn in the page's view (displayed-page.ts), whatever its /Rotate.
    page.pushOperators(pushGraphicsState(), concatTransformationMatrix(...view.toUserSpace));
    if (blank) {
      outlineBox(page, box, field.owner === options.highlightOwner);
    } else if (isImageField(field.type)) {
      drawImage(page, box, await context.image(value, field.name));
    } else if (field.type === 'CheckBox') {
      drawCheckMark(page, box);
    } else if (field.type === 'RadioBox') {
      drawRadioDot(page, box);
    } else {
      drawText(page, box, value, await context.font());
    }
    page.pushOperators(popGraphicsState());
  }
}

/** The value a box shows: the one given, else the template's default (a LabelBox's text).
 *  NFC, because the font draws precomposed Hangul syllables (korean-font.ts). */
export function valueOf(field: TemplateField, values: FieldValues): string {
  return (values[field.name] ?? field.default ?? '').trim().normalize('NFC');
}

function isChecked(value: string): boolean {
  return value.toUpperCase() === 'Y';
}

function createDrawContext(doc: PDFDocument): DrawContext {
  let font: Promise<PDFFont> | undefined;
  const images = new Map<string, Promise<PDFImage>>();
  return {
    font: () => (font ??= embedKoreanFont(doc)),
    image: (value, fieldName) => {
      let image = images.get(value);
      if (image === undefined) {
        const { format, bytes } = decodeImageValue(value, fieldName);
        image = format === 'png' ? doc.embedPng(bytes) : doc.embedJpg(bytes);
        images.set(value, image);
      }
      return image;
    },
  };
}

function pageOf(doc: PDFDocument, field: TemplateField): PDFPage {
  const count = doc.getPageCount();
  if (!Number.isInteger(field.page) || field.page < 1 || field.page > count) {
    throw new DocumentError('FIELD_OFF_PAGE', `field "${field.name}" is on page ${field.page}, but the template has ${count} page(s)`);
  }
  return doc.getPage(field.page - 1);
}

/** Field boxes are measured from the visible page's top-left corner; this is the box in the view's bottom-left coordinates. */
function boxOnPage(view: DisplayedPage, field: TemplateField): PdfRect {
  return { x: field.x, y: view.height - field.y - field.height, width: field.width, height: field.height };
}

function drawText(page: PDFPage, box: PdfRect, value: string, font: PDFFont): void {
  const padding = Math.min(2, box.width * 0.05, box.height * 0.1);
  const inner = { width: box.width - 2 * padding, height: box.height - 2 * padding };
  const layout = layoutTextInBox(value.replace(/\t/g, ' '), {
    ...inner,
    measure: textMeasurer(font),
    maxFontSize: MAX_FONT_SIZE,
    minFontSize: MIN_FONT_SIZE,
  });
  const blockHeight = layout.lines.length * layout.lineHeight;
  const top = box.y + box.height - padding - Math.max(0, (inner.height - blockHeight) / 2);
  layout.lines.forEach((line, i) => {
    const lineBottom = top - (i + 1) * layout.lineHeight;
    page.drawText(line, {
      x: box.x + padding,
      y: lineBottom + (layout.lineHeight - layout.fontSize) / 2 + BASELINE_FROM_LINE_BOTTOM * layout.fontSize,
      size: layout.fontSize,
      font,
      color: INK,
    });
  });
}

/** A drawn tick, so it never depends on a font having a check glyph. */
function drawCheckMark(page: PDFPage, box: PdfRect): void {
  const side = Math.min(box.width, box.height) * 0.8;
  const left = box.x + (box.width - side) / 2;
  const bottom = box.y + (box.height - side) / 2;
  const at = (u: number, v: number) => ({ x: left + u * side, y: bottom + v * side });
  const stroke = {
    thickness: Math.max(1, side * 0.13),
    color: INK,
    lineCap: LineCapStyle.Round,
  };
  page.drawLine({ start: at(0.15, 0.52), end: at(0.4, 0.22), ...stroke });
  page.drawLine({ start: at(0.4, 0.22), end: at(0.88, 0.8), ...stroke });
}

function drawRadioDot(page: PDFPage, box: PdfRect): void {
  page.drawCircle({
    x: box.x + box.width / 2,
    y: box.y + box.height / 2,
    size: Math.min(box.width, box.height) * 0.28,
    color: INK,
  });
}

/** Scaled to fit, keeping its aspect ratio, centred in the box. */
function drawImage(page: PDFPage, box: PdfRect, image: PDFImage): void {
  const scale = Math.min(box.width / image.width, box.height / image.height);
  const width = image.width * scale;
  const height = image.height * scale;
  page.drawImage(image, {
    x: box.x + (box.width - width) / 2,
    y: box.y + (box.height - height) / 2,
    width,
    height,
  });
}

function outlineBox(page: PDFPage, box: PdfRect, highlighted: boolean): void {
  page.drawRectangle({
    ...box,
    borderColor: OUTLINE,
    borderWidth: 0.75,
    borderDashArray: [2, 2],
    ...(highlighted ? { color: HIGHLIGHT, opacity: 0.35 } : {}),
  });
}
