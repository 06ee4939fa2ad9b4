// The signature's ByteRange and its CMS, read straight from a sealed file.

export function signatureOf(pdf: Uint8Array): { range: number[]; cms: Uint8Array } {
  const text = Buffer.from(pdf).toString('latin1');
  const match = /\/ByteRange\s*\[\s*(\d+) (\d+) (\d+) (\d+)\s*\]/.exec(text);
  if (!match) throw new Error('no ByteRange');
  const range = match.slice(1).map(Number);
  const hex = text.slice((range[1] ?? 0) + 1, (range[2] ?? 0) - 1);
  return { range, cms: new Uint8Array(Buffer.from(hex, 'hex')) };
}
