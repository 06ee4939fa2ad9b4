// The tar entries of an archive, as the bytes to write, hashed on the way out: the manifest
// then records the SHA-256 of exactly what went into the archive. The headers are encoded by
// the `tar` package (ustar, with a PAX header when a name is too long); the bytes are ours.
import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { Header, Pax } from 'tar';
import type { ManifestEntry } from './backup-manifest.ts';

const BLOCK = 512;
const READ_BYTES = 256 * 1024;

function headerBlocks(path: string, size: number, mtime: Date): Buffer {
  const header = new Header({ path, mode: 0o600, uid: 0, gid: 0, uname: '', gname: '', size, mtime, type: 'File' });
  const needsPax = header.encode();
  if (!header.block) throw new Error(`tar could not encode a header for ${path}`);
  return needsPax ? Buffer.concat([new Pax({ path, size, mtime }).encode(), header.block]) : header.block;
}

const padding = (size: number) => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);

/**
 * A file's entry, read through one open descriptor: a file replaced while the backup runs (the
 * file store writes a new file and renames it over the old) is read whole, old or new. A file
 * gone before it was opened is skipped, and `record` is not called.
 */
export async function* fileEntry(path: string, file: string, record: (entry: ManifestEntry) => void): AsyncGenerator<Buffer> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    const stat = await handle.stat();
    const size = stat.size;
    const hash = createHash('sha256');
    yield headerBlocks(path, size, stat.mtime);
    let read = 0;
    while (read < size) {
      const buffer = Buffer.allocUnsafe(Math.min(READ_BYTES, size - read));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, read);
      if (bytesRead === 0) throw new Error(`${file} became shorter while it was read (${read} of ${size} bytes)`);
      const chunk = buffer.subarray(0, bytesRead);
      hash.update(chunk);
      read += bytesRead;
      yield chunk;
    }
    yield padding(size);
    record({ path, size, sha256: hash.digest('hex') });
  } finally {
    await handle.close();
  }
}

/** An entry whose bytes are in memory (the manifest). */
export function* bytesEntry(path: string, bytes: Buffer, mtime: Date): Generator<Buffer> {
  yield headerBlocks(path, bytes.length, mtime);
  yield bytes;
  yield padding(bytes.length);
}

/** Two zero blocks end a tar archive. */
export const END_OF_ARCHIVE = Buffer.alloc(2 * BLOCK);
