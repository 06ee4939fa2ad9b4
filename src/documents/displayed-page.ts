// A page as a reader shows it: its crop box, turned by its /Rotate. Template boxes are measured
// from the top-left of that view, which for a scanned landscape page saved
// with /Rotate 90 is not the top-left of the page's own coordinates. Drawing goes through a
// matrix from the view (origin bottom-left, unturned) to the page's user space, so the drawing
// code never has to think about rotation, and text comes out upright as the reader sees it.

import type { PDFPage } from 'pdf-lib';

export interface DisplayedPage {
  width: number;
  height: number;
  /** [a b c d e f] of `cm`: view coordinates to the page's user space. */
  toUserSpace: [number, number, number, number, number, number];
}

/** The page's /Rotate as 0, 90, 180 or 270 (a reader turns the page clockwise by it). */
export function pageRotation(page: PDFPage): 0 | 90 | 180 | 270 {
  const angle = (((Math.round(page.getRotation().angle / 90) * 90) % 360) + 360) % 360;
  return angle as 0 | 90 | 180 | 270;
}

export function displayedPage(page: PDFPage): DisplayedPage {
  const { x, y, width: w, height: h } = page.getCropBox();
  switch (pageRotation(page)) {
    case 90:
      return { width: h, height: w, toUserSpace: [0, 1, -1, 0, x + w, y] };
    case 180:
      return { width: w, height: h, toUserSpace: [-1, 0, 0, -1, x + w, y + h] };
    case 270:
      return { width: h, height: w, toUserSpace: [0, -1, 1, 0, x, y + h] };
    default:
      return { width: w, height: h, toUserSpace: [1, 0, 0, 1, x, y] };
  }
}
