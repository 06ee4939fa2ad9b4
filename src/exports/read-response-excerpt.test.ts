import { describe, expect, it } from 'vitest';
import { decodeUtf8Prefix, ResponseExcerptReader } from './read-response-excerpt.ts';

describe('ResponseExcerptReader', () => {
  const read = (...parts: Array<string | Uint8Array>) => {
    const reader = new ResponseExcerptReader();
    for (const part of parts) reader.add(typeof part === 'string' ? Buffer.from(part) : part);
    return reader.excerpt();
  };

  it('keeps a short body whole', () => {
    expect(read('{"ok":', 'true}')).toEqual({ text: '{"ok":true}', bytesRead: 11, truncated: false });
  });

  it('keeps the first 4096 bytes of a long body and reads the rest', () => {
    const excerpt = read('a'.repeat(3000), 'b'.repeat(3000), 'c'.repeat(3000));
    expect(excerpt.text).toBe('a'.repeat(3000) + 'b'.repeat(1096));
    expect(excerpt.bytesRead).toBe(9000);
    expect(excerpt.truncated).toBe(true);
  });

  it('never splits a Korean character at the cut', () => {
    // 4096 = 3 × 1365 + 1: the cut falls one byte into a character.
    const excerpt = read('가'.repeat(2000));
    expect(excerpt.text).toBe('가'.repeat(1365));
    expect(excerpt.text).not.toContain('\ufffd');
  });

  it('says to stop reading once past the drain limit', () => {
    const reader = new ResponseExcerptReader(4096, 64 * 1024);
    const chunk = Buffer.alloc(16 * 1024, 0x61);
    const taken = [1, 2, 3, 4, 5].map(() => reader.add(chunk));
    expect(taken).toEqual([true, true, true, true, false]);
    expect(reader.excerpt()).toMatchObject({ bytesRead: 80 * 1024, truncated: true });
    expect(reader.excerpt().text).toHaveLength(4096);
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
