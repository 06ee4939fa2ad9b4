// A photo from a phone is often 3–10 MB; a box holds at most 1 MB. Redraw it on a
// canvas, smaller and compressed, until it fits: PNG stays PNG when it can (transparency),
// everything else becomes JPEG on white.
export const MAX_IMAGE_BYTES = 1024 * 1024;
const MAX_EDGE = 2000;

export class ImageTooLarge extends Error {}
export class ImageUnreadable extends Error {}

export async function shrinkImage(file: Blob, maxBytes = MAX_IMAGE_BYTES): Promise<string> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new ImageUnreadable('not an image this browser can read');
  }
  if ((file.type === 'image/png' || file.type === 'image/jpeg') && file.size <= maxBytes && Math.max(bitmap.width, bitmap.height) <= MAX_EDGE) {
    return readAsDataUrl(file);
  }
  let scale = Math.min(1, MAX_EDGE / Math.max(bitmap.width, bitmap.height));
  for (let round = 0; round < 8; round++) {
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    const context = canvas.getContext('2d')!;
    if (file.type === 'image/png') {
      context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      const png = await toBlob(canvas, 'image/png');
      if (png.size <= maxBytes) return readAsDataUrl(png);
    }
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    for (const quality of [0.88, 0.78, 0.66]) {
      const jpeg = await toBlob(canvas, 'image/jpeg', quality);
      if (jpeg.size <= maxBytes) return readAsDataUrl(jpeg);
    }
    scale *= 0.7;
  }
  throw new ImageTooLarge('the image stays above 1 MB');
}

function toBlob(canvas: HTMLCanvasElement, type: string, quality?: number): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new ImageUnreadable('canvas export failed'))), type, quality));
}

function readAsDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(new ImageUnreadable('could not read the image'));
    reader.readAsDataURL(blob);
  });
}
