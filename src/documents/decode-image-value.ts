// A PictureBox/SignBox value (base64 PNG or JPEG, or a data: URL of one)
// turned into bytes pdf-lib can embed. The format is read from the bytes, not the label.

import { DocumentError } from './document-error.ts';

export interface ImageBytes {
  format: 'png' | 'jpeg';
  bytes: Uint8Array;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];

export function decodeImageValue(value: string, fieldName = 'image'): ImageBytes {
  const base64 = value
    .trim()
    .replace(/^data:[^,]*;base64,/i, '')
    .replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(base64)) {
    throw new DocumentError('INVALID_IMAGE', `${fieldName}: not a base64 image or data: URL`);
  }
  const bytes = new Uint8Array(Buffer.from(base64, 'base64'));
  if (startsWith(bytes, PNG_SIGNATURE)) return { format: 'png', bytes };
  if (startsWith(bytes, JPEG_SIGNATURE)) return { format: 'jpeg', bytes };
  throw new DocumentError('INVALID_IMAGE', `${fieldName}: the image is neither PNG nor JPEG`);
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}
