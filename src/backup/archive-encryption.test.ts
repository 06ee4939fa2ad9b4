// The encrypted archive format: what goes in comes out, whatever the chunking; a wrong
// passphrase, a flipped byte, a cut or a lengthened file are each refused with their own error.
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { decryptingStream, encryptingStream, isEncryptedArchive } from './archive-encryption.ts';

// A cheap scrypt cost for tests; archives use N = 2^17.
const COST = { log2N: 12, r: 8, p: 1 };

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function encrypt(plain: Buffer, passphrase: string, pieces = 1): Promise<Buffer> {
  const step = Math.ceil(plain.length / pieces) || 1;
  const parts = Array.from({ length: Math.ceil(plain.length / step) }, (_, i) => plain.subarray(i * step, (i + 1) * step));
  const encrypting = await encryptingStream(passphrase, COST);
  const [out] = await Promise.all([collect(encrypting), pipeline(Readable.from(parts), encrypting)]);
  return out;
}

async function decrypt(sealed: Buffer, passphrase: string, piece = 1000): Promise<Buffer> {
  const parts = Array.from({ length: Math.ceil(sealed.length / piece) }, (_, i) => sealed.subarray(i * piece, (i + 1) * piece));
  const decrypting = decryptingStream(passphrase);
  const [out] = await Promise.all([collect(decrypting), pipeline(Readable.from(parts), decrypting)]);
  return out;
}

describe('archive encryption', () => {
  it('gives back exactly what went in, for sizes around the chunk boundary and any chunking', async () => {
    for (const size of [0, 1, 65_535, 65_536, 65_537, 3 * 65_536, 200_001]) {
      const plain = randomBytes(size);
      const sealed = await encrypt(plain, 'passphrase', 7);
      expect(isEncryptedArchive(sealed)).toBe(true);
      if (size >= 64) expect(sealed.includes(plain.subarray(0, 64))).toBe(false);
      expect((await decrypt(sealed, 'passphrase', 4096)).equals(plain)).toBe(true);
      expect((await decrypt(sealed, 'passphrase', 70_000)).equals(plain)).toBe(true);
    }
  });

  it('refuses a wrong passphrase before giving out a byte', async () => {
    const sealed = await encrypt(randomBytes(1000), 'right');
    await expect(decrypt(sealed, 'wrong')).rejects.toMatchObject({ code: 'wrong-passphrase' });
  });

  it('finds a flipped byte, a cut at a chunk boundary, and bytes added at the end', async () => {
    const sealed = await encrypt(randomBytes(3 * 65_536 + 10), 'passphrase');
    const flipped = Buffer.from(sealed);
    flipped[sealed.length - 100] = flipped[sealed.length - 100]! ^ 1;
    await expect(decrypt(flipped, 'passphrase')).rejects.toMatchObject({ code: 'corrupt' });
    // Cut right after the second full chunk: what is left would decrypt, but not as the last chunk.
    const headerBytes = sealed.length - (3 * (65_536 + 16) + 10 + 16);
    await expect(decrypt(sealed.subarray(0, headerBytes + 2 * (65_536 + 16)), 'passphrase')).rejects.toMatchObject({ code: 'corrupt' });
    await expect(decrypt(Buffer.concat([sealed, Buffer.from('more')]), 'passphrase')).rejects.toMatchObject({ code: 'corrupt' });
    await expect(decrypt(sealed.subarray(0, 20), 'passphrase')).rejects.toMatchObject({ code: 'corrupt' });
  });

  it('refuses a header whose cost was changed', async () => {
    const sealed = await encrypt(randomBytes(10), 'passphrase');
    const cheaper = Buffer.from(sealed);
    cheaper[9] = 11;
    await expect(decrypt(cheaper, 'passphrase')).rejects.toMatchObject({ code: 'wrong-passphrase' });
    const absurd = Buffer.from(sealed);
    absurd[9] = 40;
    await expect(decrypt(absurd, 'passphrase')).rejects.toMatchObject({ code: 'corrupt' });
  });
});
