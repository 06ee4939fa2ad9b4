// Signature images: the ink of a drawing or of a photo of a signature on paper, cropped to its
// bounds, on a transparent background, as PNG.
import { ImageUnreadable, MAX_IMAGE_BYTES } from './shrink-image.ts';

/** The largest edge of a signature made from a photo: plenty for a box, far under 1 MB. */
const PHOTO_EDGE = 1000;

export class NoInkFound extends Error {}

/** The canvas's non-transparent pixels cropped to their bounds with a small margin, as PNG. */
export function croppedToInk(canvas: HTMLCanvasElement): string {
  const context = canvas.getContext('2d')!;
  const { width, height } = canvas;
  const pixels = context.getImageData(0, 0, width, height).data;
  let top = height;
  let left = width;
  let right = -1;
  let bottom = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (pixels[(y * width + x) * 4 + 3]! > 0) {
        if (x < left) left = x;
        if (x > right) right = x;
        if (y < top) top = y;
        bottom = y;
      }
    }
  }
  if (right < 0) return canvas.toDataURL('image/png');
  const margin = 8;
  const x = Math.max(0, left - margin);
  const y = Math.max(0, top - margin);
  const w = Math.min(width, right + margin) - x;
  const h = Math.min(height, bottom + margin) - y;
  const out = document.createElement('canvas');
  out.width = w;
  out.height = h;
  out.getContext('2d')!.drawImage(canvas, x, y, w, h, 0, 0, w, h);
  return out.toDataURL('image/png');
}

/**
 * A photo of a signature on paper, as the ink alone: the paper's brightness is taken from the
 * photo itself (its brighter pixels), what is clearly darker becomes dark ink with a soft edge,
 * the rest transparent. Uneven light across the sheet is tolerated by the margin below the paper.
 */
export async function inkFromPhoto(file: Blob): Promise<string> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new ImageUnreadable('not an image this browser can read');
  }
  const scale = Math.min(1, PHOTO_EDGE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  const image = context.getImageData(0, 0, canvas.width, canvas.height);
  const pixels = image.data;

  const luminance = new Uint8Array(pixels.length / 4);
  const histogram = new Uint32Array(256);
  for (let i = 0; i < luminance.length; i++) {
    const value = Math.round(0.299 * pixels[i * 4]! + 0.587 * pixels[i * 4 + 1]! + 0.114 * pixels[i * 4 + 2]!);
    luminance[i] = value;
    histogram[value]!++;
  }
  // The paper: the brightness most of the photo reaches (its 75th percentile).
  let seen = 0;
  let paper = 255;
  for (let value = 0; value < 256; value++) {
    seen += histogram[value]!;
    if (seen >= luminance.length * 0.75) {
      paper = value;
      break;
    }
  }
  const full = paper * 0.55; // this dark or darker: fully ink
  const none = paper * 0.8; // this bright or brighter: paper
  let inked = 0;
  for (let i = 0; i < luminance.length; i++) {
    const value = luminance[i]!;
    const soft = value <= full ? 255 : value >= none ? 0 : Math.round((255 * (none - value)) / (none - full));
    const alpha = soft < 48 ? 0 : soft; // faint specks of the paper's texture are paper
    pixels[i * 4] = 17;
    pixels[i * 4 + 1] = 17;
    pixels[i * 4 + 2] = 17;
    pixels[i * 4 + 3] = alpha;
    if (alpha > 128) inked++;
  }
  // No ink, or ink everywhere (a dark photo, not a signature on paper).
  if (inked < 30 || inked > luminance.length * 0.4) throw new NoInkFound('no signature on paper in the photo');
  context.putImageData(image, 0, 0);
  const png = croppedToInk(canvas);
  if (png.length * 0.75 > MAX_IMAGE_BYTES) throw new NoInkFound('the photo is mostly ink');
  return png;
}
