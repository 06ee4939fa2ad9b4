// Reads an archive `dojang backup` wrote, start to end, once: decrypts it when it is encrypted,
// gunzips it when it is gzipped, parses the tar (the `tar` package) and hashes every entry.
// What the entries' bytes are for is the caller's: `--verify` only hashes them, restore also
// writes them out. Every way of failing ends as a BackupError with a sentence for the operator.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs, { type FileHandle } from 'node:fs/promises';
import { PassThrough, Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Parser, type ReadEntry } from 'tar';
import { decryptingStream, isEncryptedArchive } from './archive-encryption.ts';
import { BackupError, isMissing } from './backup-error.ts';
import { isEntryPath, MANIFEST_PATH } from './backup-manifest.ts';

export interface SeenEntry {
  path: string;
  /** tar's name for the kind of entry: 'File' for every entry Dojang writes. */
  type: string;
  size: number;
  sha256: string;
}

export interface ArchiveContents {
  /** manifest.json's bytes, or null when the archive has none. */
  manifest: Buffer | null;
  /** Every entry but manifest.json, in archive order. */
  entries: SeenEntry[];
  encrypted: boolean;
}

export interface ReadOptions {
  passphrase: string | null;
  /** Where a file entry's bytes also go (restore), or null to hash them only. */
  sinkFor?: (path: string) => Promise<Writable | null>;
}

/** The manifest is small; anything this large is not one of ours. */
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

export async function readArchive(file: string, options: ReadOptions): Promise<ArchiveContents> {
  const encrypted = isEncryptedArchive(await firstBytes(file));
  if (encrypted && options.passphrase === null) {
    throw new BackupError('passphrase-needed', `${file} is encrypted: give its passphrase with --passphrase-file <file> or DOJANG_BACKUP_PASSPHRASE`);
  }
  // Names as they are met (for explaining a failure), and each entry's hashing in archive order.
  const names: string[] = [];
  const reading: Promise<SeenEntry>[] = [];
  const openSinks = new Set<Writable>();
  let manifest: Promise<Buffer> | null = null;
  // The parser gunzips a gzipped archive itself; the ratio bound it keeps against zip bombs is
  // lifted, since a database's empty pages compress further than it allows and nothing is
  // written before the manifest is checked.
  const parser = new Parser({ strict: true, maxDecompressionRatio: Number.POSITIVE_INFINITY });
  parser.on('entry', (entry: ReadEntry) => {
    names.push(entry.path);
    // The first manifest.json is the manifest; another one is an extra entry like any other.
    if (entry.path === MANIFEST_PATH && manifest === null && entry.size <= MAX_MANIFEST_BYTES) {
      manifest = entry.concat();
      manifest.catch(() => {});
      return;
    }
    const read = consumeEntry(entry, options.sinkFor, openSinks);
    // A sink that fails (a full disk) stops the parser, which would otherwise wait for it forever.
    read.catch((error: unknown) => parser.abort(error instanceof Error ? error : new Error(String(error))));
    reading.push(read);
  });
  // The parser reports bad input as events, several of them, in the middle of a write.
  let parseError: Error | null = null;
  const failed = new Promise<never>((_resolve, reject) => parser.on('error', (error: Error) => reject((parseError ??= error))));
  failed.catch(() => {});
  const ended = new Promise<void>((resolve) => parser.on('end', resolve));

  let entries: SeenEntry[];
  try {
    await pipeline(createReadStream(file), encrypted ? decryptingStream(options.passphrase!) : new PassThrough(), async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) {
        if (!parser.write(chunk)) await Promise.race([failed, new Promise((resolve) => parser.once('drain', resolve))]);
        if (parseError) throw parseError;
      }
      parser.end();
      await Promise.race([failed, ended]);
      if (parseError) throw parseError;
    });
    entries = await Promise.all(reading);
  } catch (error) {
    // An entry cut off by the failure never ends: its sink is closed rather than waited for.
    for (const sink of openSinks) sink.destroy();
    // The parser's own error says what is wrong; the pipeline reports the reading it cut short.
    throw explain(parseError ?? error, file, names);
  }
  return { manifest: manifest === null ? null : await manifest, entries, encrypted };
}

async function firstBytes(file: string): Promise<Buffer> {
  let handle: FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch (error) {
    if (isMissing(error)) throw new BackupError('missing-file', `no such file: ${file}`);
    throw error;
  }
  try {
    if (!(await handle.stat()).isFile()) throw new BackupError('invalid', `${file} is not a file`);
    const buffer = Buffer.alloc(16);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** An entry hashed as it goes by, and written to its sink when it has one. */
async function consumeEntry(entry: ReadEntry, sinkFor: ReadOptions['sinkFor'], openSinks: Set<Writable>): Promise<SeenEntry> {
  const isFile = entry.type === 'File' || entry.type === 'OldFile';
  // Until a consumer is attached the entry holds its bytes and the parser waits (backpressure).
  const sink = isFile && sinkFor ? await sinkFor(entry.path) : null;
  const hash = createHash('sha256');
  const ended = entry.promise();
  if (sink) {
    // One consumer only: the entry gives its buffered bytes to whichever attaches first.
    const hashing = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        done(null, chunk);
      },
    });
    entry.pipe(hashing);
    openSinks.add(sink);
    await Promise.all([ended, pipeline(hashing, sink)]);
    openSinks.delete(sink);
  } else {
    entry.on('data', (chunk: Buffer) => hash.update(chunk));
    await ended;
  }
  return { path: entry.path, type: entry.type, size: entry.size, sha256: hash.digest('hex') };
}

function explain(error: unknown, file: string, names: string[]): Error {
  if (error instanceof BackupError) return error.message.includes(file) ? error : new BackupError(error.code, `${file}: ${error.message}`, { cause: error });
  const e = error as NodeJS.ErrnoException & { tarCode?: string };
  if (typeof e.code === 'string' && e.code.startsWith('Z_'))
    return new BackupError('corrupt', `${file} is damaged: its gzip data does not decompress (${e.message})`, { cause: error });
  if (e.tarCode !== undefined && names.length === 0) {
    return new BackupError('not-dojang', `${file} is not a Dojang backup: it is not a tar archive (nor one encrypted by dojang backup)`, { cause: error });
  }
  if (e.tarCode !== undefined) {
    const looksOurs = names.some(isEntryPath);
    return new BackupError(
      looksOurs ? 'corrupt' : 'not-dojang',
      `${file} is ${looksOurs ? 'damaged' : 'not a Dojang backup'}: ${e.message.replace(/^TAR_\w+: /, '')}`,
      { cause: error },
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}
