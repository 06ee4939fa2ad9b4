// PDF text strings (ISO 32000-1, 7.9.2) written into and read back from a signature
// dictionary, where the reason and signer name may be Korean.

/**
 * The inside of a literal string `( … )` for `text`, all in ASCII: PDFDocEncoding-compatible
 * text as is, anything else as UTF-16BE with its byte order mark; bytes outside printable
 * ASCII and the delimiters are escaped.
 */
export function encodePdfTextLiteral(text: string): string {
  const bytes = /^[\x20-\x7e]*$/.test(text) ? Buffer.from(text, 'latin1') : Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
  let out = '';
  for (const byte of bytes) {
    if (byte === 0x28 || byte === 0x29 || byte === 0x5c) out += `\\${String.fromCharCode(byte)}`;
    else if (byte >= 0x20 && byte <= 0x7e) out += String.fromCharCode(byte);
    else out += `\\${byte.toString(8).padStart(3, '0')}`;
  }
  return out;
}

/**
 * Reads the string token (literal `( … )` or hex `< … >`) starting at `start` in `source`
 * (the file as latin1) and decodes it as text. Undefined when there is no string there.
 */
export function readPdfTextString(source: string, start: number): string | undefined {
  const bytes = source[start] === '(' ? readLiteralBytes(source, start) : source[start] === '<' ? readHexBytes(source, start) : undefined;
  return bytes === undefined ? undefined : decodeTextBytes(bytes);
}

function readLiteralBytes(source: string, start: number): Buffer | undefined {
  const bytes: number[] = [];
  let depth = 0;
  for (let i = start + 1; i < source.length; i++) {
    const char = source[i] as string;
    if (char === '\\') {
      const next = source[++i] ?? '';
      const octal = /^[0-7]{1,3}/.exec(source.slice(i, i + 3));
      if (octal) {
        bytes.push(parseInt(octal[0], 8) & 0xff);
        i += octal[0].length - 1;
      } else if (next === '\r') {
        if (source[i + 1] === '\n') i++; // backslash-newline: the string continues
      } else if (next !== '\n') {
        bytes.push((ESCAPES[next] ?? next).charCodeAt(0));
      }
      continue;
    }
    if (char === '(') depth++;
    if (char === ')' && depth-- === 0) return Buffer.from(bytes);
    if (char === '\r') {
      if (source[i + 1] === '\n') i++;
      bytes.push(0x0a); // any end of line inside a literal reads as LF
      continue;
    }
    bytes.push(char.charCodeAt(0));
  }
  return undefined;
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };

function readHexBytes(source: string, start: number): Buffer | undefined {
  const end = source.indexOf('>', start);
  if (end < 0) return undefined;
  let hex = source.slice(start + 1, end).replace(/\s+/g, '');
  if (!/^[0-9a-fA-F]*$/.test(hex)) return undefined;
  if (hex.length % 2 === 1) hex += '0';
  return Buffer.from(hex, 'hex');
}

function decodeTextBytes(bytes: Buffer): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const body = Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1)));
    return body.swap16().toString('utf16le');
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  return bytes.toString('latin1'); // PDFDocEncoding matches Latin-1 for the text we write
}
