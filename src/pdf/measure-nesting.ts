// How deeply arrays and dictionaries nest in PDF syntax, read byte by byte without building
// anything: parsers descend recursively, so a hundred thousand nested `[` is a stack overflow in
// the making. Strings, comments and stream data are skipped, as a parser skips them.

const LF = 0x0a;
const CR = 0x0d;
const PERCENT = 0x25;
const OPEN_PAREN = 0x28;
const CLOSE_PAREN = 0x29;
const BACKSLASH = 0x5c;
const LESS = 0x3c;
const GREATER = 0x3e;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const STREAM = Buffer.from('stream');
const ENDSTREAM = Buffer.from('endstream');

const isRegular = (byte: number) =>
  !(
    byte <= 0x20 ||
    byte === 0x28 ||
    byte === 0x29 ||
    byte === 0x3c ||
    byte === 0x3e ||
    byte === 0x5b ||
    byte === 0x5d ||
    byte === 0x7b ||
    byte === 0x7d ||
    byte === 0x2f ||
    byte === 0x25
  );

/** True when `bytes` nest deeper than `maxDepth` anywhere. Stops at the first level too deep. */
export function nestsDeeperThan(bytes: Uint8Array, maxDepth: number): boolean {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let depth = 0;
  let i = 0;
  while (i < buffer.length) {
    const byte = buffer[i]!;
    if (byte === PERCENT) {
      while (i < buffer.length && buffer[i] !== LF && buffer[i] !== CR) i++;
    } else if (byte === OPEN_PAREN) {
      i = skipLiteralString(buffer, i);
      continue;
    } else if (byte === LESS) {
      if (buffer[i + 1] === LESS) {
        if (++depth > maxDepth) return true;
        i++;
      } else {
        const end = buffer.indexOf(GREATER, i + 1);
        i = end < 0 ? buffer.length : end;
      }
    } else if (byte === GREATER) {
      if (buffer[i + 1] === GREATER) {
        depth = Math.max(0, depth - 1);
        i++;
      }
    } else if (byte === OPEN_BRACKET) {
      if (++depth > maxDepth) return true;
    } else if (byte === CLOSE_BRACKET) {
      depth = Math.max(0, depth - 1);
    } else if (byte === 0x73 /* s */ && startsKeyword(buffer, i, STREAM)) {
      // Stream data is bytes, not syntax: go on after its endstream.
      const end = buffer.indexOf(ENDSTREAM, i + STREAM.length);
      i = end < 0 ? buffer.length : end + ENDSTREAM.length;
      depth = 0;
      continue;
    }
    i++;
  }
  return false;
}

/** `keyword` at `i`, as a whole token (endstream is not stream). */
function startsKeyword(buffer: Buffer, i: number, keyword: Buffer): boolean {
  if (i > 0 && isRegular(buffer[i - 1]!)) return false;
  const after = buffer[i + keyword.length];
  if (after !== undefined && isRegular(after)) return false;
  return buffer.subarray(i, i + keyword.length).equals(keyword);
}

/** The index after the `)` that closes the string opening at `start`. */
function skipLiteralString(buffer: Buffer, start: number): number {
  let open = 0;
  for (let i = start; i < buffer.length; i++) {
    const byte = buffer[i];
    if (byte === BACKSLASH) i++;
    else if (byte === OPEN_PAREN) open++;
    else if (byte === CLOSE_PAREN && --open === 0) return i + 1;
  }
  return buffer.length;
}
