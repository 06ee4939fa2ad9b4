// A QR code drawn as vector squares: crisp at any zoom, a few hundred bytes, no image codec.

import QRCode from 'qrcode';
import type { Color, PDFPage } from 'pdf-lib';
import { rgb } from 'pdf-lib';

/** Draws `text` as a QR code whose top-left corner is at (x, yTop) in PDF user space. */
export function drawQrCode(page: PDFPage, text: string, x: number, yTop: number, size: number, color: Color = rgb(0, 0, 0)): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  let path = '';
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; ) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col++;
      path += `M${start} ${row}h${col - start}v1h${start - col}z`;
    }
  }
  page.drawSvgPath(path, { x, y: yTop, scale: size / modules.size, color, borderWidth: 0 });
}
