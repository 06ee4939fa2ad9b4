// Writes Korean text down A4 pages, measuring from each page's top-left corner the way field
// boxes are measured, and starting a new page when the next block does not fit.

import { type PDFDocument, rgb } from 'pdf-lib';
import type { Color, PDFFont, PDFPage } from 'pdf-lib';
import type { KoreanFonts } from './korean-font.ts';
import { wrapText } from './layout-text-in-box.ts';
import { textMeasurer } from './measure-text.ts';

export const A4 = { width: 595.28, height: 841.89 } as const;

export const COLORS = {
  text: rgb(0.1, 0.1, 0.1),
  muted: rgb(0.42, 0.42, 0.45),
  rule: rgb(0.6, 0.6, 0.62),
  band: rgb(0.93, 0.94, 0.97),
} as const;

export interface TextStyle {
  size: number;
  bold?: boolean;
  color?: Color;
}

export interface Box {
  x: number;
  /** From the page's top edge down to the box's top edge. */
  top: number;
  width: number;
  height: number;
}

export class PageWriter {
  readonly doc: PDFDocument;
  readonly fonts: KoreanFonts;
  readonly margin: number;
  /** Called on every page this writer adds, e.g. to repeat a table header. */
  onNewPage: ((writer: PageWriter) => void) | undefined;
  page!: PDFPage;
  /** The cursor: distance from the top edge to where the next block starts. */
  top = 0;

  constructor(doc: PDFDocument, fonts: KoreanFonts, margin: number) {
    this.doc = doc;
    this.fonts = fonts;
    this.margin = margin;
    this.addPage();
  }

  get contentWidth(): number {
    return A4.width - 2 * this.margin;
  }

  get pageNumber(): number {
    return this.doc.getPages().indexOf(this.page) + 1;
  }

  addPage(): void {
    this.page = this.doc.addPage([A4.width, A4.height]);
    this.top = this.margin;
    this.onNewPage?.(this);
  }

  /** Starts a new page unless `height` more points fit above the bottom margin. */
  ensureSpace(height: number, bottomMargin = this.margin): void {
    if (this.top + height > A4.height - bottomMargin) this.addPage();
  }

  font(bold = false): PDFFont {
    return bold ? this.fonts.bold : this.fonts.regular;
  }

  widthOf(text: string, style: TextStyle): number {
    return textMeasurer(this.font(style.bold))(text) * style.size;
  }

  /** One line whose em box starts `top` points below the page's top edge. */
  text(text: string, x: number, top: number, style: TextStyle): void {
    this.page.drawText(text.normalize('NFC'), {
      x,
      y: A4.height - top - style.size * 0.88,
      size: style.size,
      font: this.font(style.bold),
      color: style.color ?? COLORS.text,
    });
  }

  /** Wrapped lines of `text` within `width`; returns the height used. */
  textBlock(text: string, x: number, top: number, width: number, style: TextStyle, lineHeight = 1.45): number {
    const lines = this.wrap(text, width, style);
    lines.forEach((line, i) => this.text(line, x, top + i * style.size * lineHeight, style));
    return lines.length * style.size * lineHeight;
  }

  wrap(text: string, width: number, style: TextStyle): string[] {
    return wrapText(text, width / style.size, textMeasurer(this.font(style.bold)));
  }

  /** Writes `text` at the cursor across the content width and moves the cursor below it. */
  paragraph(text: string, style: TextStyle, indent = 0, lineHeight = 1.5): void {
    this.top += this.textBlock(text, this.margin + indent, this.top, this.contentWidth - indent, style, lineHeight);
  }

  rule(top: number, x1 = this.margin, x2 = A4.width - this.margin, color: Color = COLORS.rule): void {
    this.page.drawLine({
      start: { x: x1, y: A4.height - top },
      end: { x: x2, y: A4.height - top },
      thickness: 0.5,
      color,
    });
  }

  rect(box: Box, style: { fill?: Color; border?: Color }): void {
    this.page.drawRectangle({
      x: box.x,
      y: A4.height - box.top - box.height,
      width: box.width,
      height: box.height,
      ...(style.fill ? { color: style.fill } : {}),
      ...(style.border ? { borderColor: style.border, borderWidth: 0.5 } : {}),
    });
  }
}
