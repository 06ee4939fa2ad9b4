import { describe, expect, it } from 'vitest';
import { decodeImageValue } from './decode-image-value.ts';
import { DocumentError } from './document-error.ts';
import { STAMP_JPEG_DATA_URL, makeSignaturePngDataUrl } from './test-support/sample-images.ts';

describe('decodeImageValue', () => {
  it('reads PNG and JPEG data URLs and bare base64, by their bytes', () => {
    const png = makeSignaturePngDataUrl(20, 10);
    expect(decodeImageValue(png).format).toBe('png');
    expect(decodeImageValue(png.replace(/^data:[^,]*,/, '')).format).toBe('png');
    expect(decodeImageValue(STAMP_JPEG_DATA_URL).format).toBe('jpeg');
    // A wrong label does not matter; the bytes decide.
    expect(decodeImageValue(STAMP_JPEG_DATA_URL.replace('image/jpeg', 'image/png')).format).toBe('jpeg');
  });

  it('rejects anything else with a typed error naming the field', () => {
    const gif = `data:image/gif;base64,${Buffer.from('GIF89a....').toString('base64')}`;
    expect(() => decodeImageValue(gif, 'customer_sign')).toThrow(DocumentError);
    expect(() => decodeImageValue(gif, 'customer_sign')).toThrow(/customer_sign/);
    expect(() => decodeImageValue('not base64 at all!', 'x')).toThrow(DocumentError);
  });
});
