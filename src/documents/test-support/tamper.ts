// Altering a sealed file the smallest possible way.

/** A copy of `pdf` with one bit of one byte flipped, in the middle of the first signed range. */
export function flipOneByte(pdf: Uint8Array): Uint8Array {
  const contentsStart = Buffer.from(pdf).indexOf('/ByteRange');
  const at = Math.floor((contentsStart > 0 ? contentsStart : pdf.length) / 2);
  const copy = new Uint8Array(pdf);
  copy[at] = (copy[at] ?? 0) ^ 0x01;
  return copy;
}
