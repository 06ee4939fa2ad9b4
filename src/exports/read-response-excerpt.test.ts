import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { decodeUtf8Prefix, readResponseExcerpt } from './read-response-excerpt.ts';

function chunks(...parts: Array<string | Uint8Array>): Readable {
  return Readable.from(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part))));
}

describe('readResponseExcerpt', () => {
  it('keeps a short body whole', async () => {
    expect(await readResponseExcerpt(chunks('{"ok":', 'true}'))).toEqual({
      text: '{"ok":true}',
      bytesRead: 11,
      truncated: false,
    });
  });

  it('keeps the first 4096 bytes of a long body and reads the rest', async () => {
    const excerpt = await readResponseExcerpt(chunks('a'.repeat(3000), 'b'.repeat(3000), 'c'.repeat(3000)));
    expect(excerpt.text).toBe('a'.repeat(3000) + 'b'.repeat(1096));
    expect(excerpt.bytesRead).toBe(9000);
    expect(excerpt.truncated).toBe(true);
  });

  it('never splits a Korean character at the cut', async () => {
    // 4096 = 3 × 1365 + 1: the cut falls one byte into a character.
    const korean = '가'.repeat(2000);
    const excerpt = await readResponseExcerpt(chunks(korean));
    expect(excerpt.text).toBe('가'.repeat(1365));
    expect(excerpt.text).not.toContain('\ufffd');
  });

  it('stops reading past the drain limit and destroys the stream', async () => {
    let produced = 0;
    const endless = new Readable({
      read() {
        produced += 1;
        this.push(Buffer.alloc(16 * 1024, 0x61));
      },
    });
    const excerpt = await readResponseExcerpt(endless, 4096, 64 * 1024);
    expect(excerpt.text).toHaveLength(4096);
    expect(excerpt.bytesRead).toBeLessThanOrEqual(80 * 1024);
    expect(endless.destroyed).toBe(true);
    expect(produced).toBeLessThan(10);
  });
});

describe('decodeUtf8Prefix', () => {
  const bytes = Buffer.from('a가😀', 'utf8'); // 1 + 3 + 4 bytes

  it.each([
    [1, 'a'],
    [2, 'a'],
    [3, 'a'],
    [4, 'a가'],
    [5, 'a가'],
    [7, 'a가'],
    [8, 'a가😀'],
  ])('cuts %i bytes to %j', (length, text) => {
    expect(decodeUtf8Prefix(bytes.subarray(0, length), true)).toBe(text);
  });

  it('leaves invalid bytes in a complete body visible', () => {
    expect(decodeUtf8Prefix(Uint8Array.from([0x61, 0xe0]), false)).toBe('a\ufffd');
  });
});
