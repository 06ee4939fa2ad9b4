import { describe, expect, it } from 'vitest';
import { encodePdfTextLiteral, readPdfTextString } from './pdf-text-string.ts';

const roundTrip = (text: string) => readPdfTextString(`(${encodePdfTextLiteral(text)})`, 0);

describe('PDF text strings', () => {
  it('writes ASCII text as is, escaping delimiters', () => {
    expect(encodePdfTextLiteral('Dojang workflow 123 completed')).toBe('Dojang workflow 123 completed');
    expect(encodePdfTextLiteral('a (b) \\ c')).toBe('a \\(b\\) \\\\ c');
  });

  it('writes Korean as UTF-16BE in pure ASCII and reads it back', () => {
    const encoded = encodePdfTextLiteral('도장 (Dojang) 서울');
    expect(encoded).toMatch(/^[\x20-\x7e]+$/);
    expect(encoded.startsWith('\\376\\377')).toBe(true);
    expect(roundTrip('도장 (Dojang) 서울')).toBe('도장 (Dojang) 서울');
    expect(roundTrip('tab\there')).toBe('tab\there');
  });

  it('reads hex strings, nested parentheses and escapes', () => {
    expect(readPdfTextString('<FEFF B3C4 C7A5>', 0)).toBe('도장');
    expect(readPdfTextString('(a (nested) string\\051)', 0)).toBe('a (nested) string)');
    expect(readPdfTextString('/Name', 0)).toBeUndefined();
  });
});
