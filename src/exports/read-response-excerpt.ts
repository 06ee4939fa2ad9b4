// The first bytes of a receiver's answer (4 KB), kept for the attempts API. The rest is read
// and thrown away so the connection can be reused, up to a limit past which the answer is cut
// off: a receiver cannot make us buffer or read forever.

export const RESPONSE_EXCERPT_BYTES = 4096;
export const RESPONSE_DRAIN_LIMIT_BYTES = 256 * 1024;

export interface ResponseExcerpt {
  /** The first `maxBytes` bytes as UTF-8, cut before any character split by the limit. */
  text: string;
  /** Bytes read, at most a chunk past the drain limit. */
  bytesRead: number;
  truncated: boolean;
}

/** Length of the longest prefix of `bytes` that does not end inside a UTF-8 sequence. */
function completeUtf8Length(bytes: Uint8Array): number {
  // A sequence is at most 4 bytes: look back at most 3 for its lead byte.
  for (let back = 1; back <= Math.min(3, bytes.length); back += 1) {
    const byte = bytes[bytes.length - back] ?? 0;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}

export function decodeUtf8Prefix(bytes: Uint8Array, truncated: boolean): string {
  const end = truncated ? completeUtf8Length(bytes) : bytes.length;
  return new TextDecoder('utf-8').decode(bytes.subarray(0, end));
}

/** An answer's body as it arrives: its first bytes kept, the rest counted up to the drain limit. */
export class ResponseExcerptReader {
  private readonly kept: Uint8Array;
  private keptLength = 0;
  private bytesRead = 0;

  constructor(
    private readonly maxBytes: number = RESPONSE_EXCERPT_BYTES,
    private readonly drainLimitBytes: number = RESPONSE_DRAIN_LIMIT_BYTES,
  ) {
    this.kept = new Uint8Array(maxBytes);
  }

  /** Takes a chunk; false once past the drain limit (read no more: the connection goes). */
  add(chunk: Uint8Array): boolean {
    if (this.keptLength < this.maxBytes) {
      const part = chunk.subarray(0, this.maxBytes - this.keptLength);
      this.kept.set(part, this.keptLength);
      this.keptLength += part.length;
    }
    this.bytesRead += chunk.length;
    return this.bytesRead <= this.drainLimitBytes;
  }

  excerpt(): ResponseExcerpt {
    const truncated = this.bytesRead > this.keptLength;
    return { text: decodeUtf8Prefix(this.kept.subarray(0, this.keptLength), truncated), bytesRead: this.bytesRead, truncated };
  }
}
