// A whole archive encrypted with a passphrase, because it holds the seal's private key.
//
// Layout: a header, then the archive in chunks of 64 KiB, each sealed on its own with
// AES-256-GCM, so an archive of any size is written and read as a stream:
//
//   header   "DJBACKUP" | version 1 | scrypt log2(N), r, p | salt (16) | nonce prefix (7)
//            | chunk size (u32 BE) | key check (16)
//   chunk i  ciphertext | GCM tag (16); nonce = prefix | i (u32 BE) | 1 on the last chunk, else 0
//
// The key is scrypt(passphrase, salt), 64 bytes: the first half encrypts, the second makes the
// key check, an HMAC of the header: a wrong passphrase is told apart from damaged chunks, and a
// header whose parameters were changed does not open. Every chunk authenticates the header too,
// and the last-chunk flag in the nonce makes a truncated archive fail instead of ending early
// (the STREAM construction of Hoang, Reyhanitabar, Rogaway and Vizár).
import { createCipheriv, createDecipheriv, createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { BackupError } from './backup-error.ts';

const MAGIC = Buffer.from('DJBACKUP');
const VERSION = 1;
const SALT_BYTES = 16;
const PREFIX_BYTES = 7;
const CHECK_BYTES = 16;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + 1 + 3 + SALT_BYTES + PREFIX_BYTES + 4 + CHECK_BYTES;
const CHUNK_BYTES = 64 * 1024;
/** scrypt N = 2^17, r = 8: 128 MiB and a fraction of a second per derivation, as a slow guess should cost. */
const DEFAULT_COST = { log2N: 17, r: 8, p: 1 };
/** A header may ask for at most this much memory, so a forged one cannot exhaust the machine. */
const MAX_SCRYPT_MEMORY = 1024 * 1024 * 1024;

export function isEncryptedArchive(firstBytes: Buffer): boolean {
  return firstBytes.subarray(0, MAGIC.length).equals(MAGIC);
}

interface Header {
  bytes: Buffer;
  cost: { log2N: number; r: number; p: number };
  salt: Buffer;
  prefix: Buffer;
  chunkBytes: number;
}

function encodeHeader(cost: Header['cost'], salt: Buffer, prefix: Buffer, keyCheck: (unchecked: Buffer) => Buffer): Buffer {
  const unchecked = Buffer.alloc(HEADER_BYTES - CHECK_BYTES);
  let at = MAGIC.copy(unchecked, 0);
  at = unchecked.writeUInt8(VERSION, at);
  at = unchecked.writeUInt8(cost.log2N, at);
  at = unchecked.writeUInt8(cost.r, at);
  at = unchecked.writeUInt8(cost.p, at);
  at += salt.copy(unchecked, at);
  at += prefix.copy(unchecked, at);
  unchecked.writeUInt32BE(CHUNK_BYTES, at);
  return Buffer.concat([unchecked, keyCheck(unchecked)]);
}

function decodeHeader(bytes: Buffer): Header {
  if (bytes.length < HEADER_BYTES) throw new BackupError('corrupt', 'the archive ends inside its encryption header');
  if (!isEncryptedArchive(bytes)) throw new BackupError('not-dojang', 'not an encrypted Dojang backup');
  let at = MAGIC.length;
  const version = bytes.readUInt8(at++);
  if (version !== VERSION) throw new BackupError('unsupported-version', `the archive is encrypted with format ${version}; this Dojang knows ${VERSION}`);
  const cost = { log2N: bytes.readUInt8(at++), r: bytes.readUInt8(at++), p: bytes.readUInt8(at++) };
  const salt = bytes.subarray(at, (at += SALT_BYTES));
  const prefix = bytes.subarray(at, (at += PREFIX_BYTES));
  const chunkBytes = bytes.readUInt32BE(at);
  if (
    cost.log2N < 10 ||
    cost.log2N > 24 ||
    cost.r < 1 ||
    cost.p < 1 ||
    scryptMemory(cost) > MAX_SCRYPT_MEMORY ||
    chunkBytes < 1024 ||
    chunkBytes > 16 * 1024 * 1024
  ) {
    throw new BackupError('corrupt', "the archive's encryption header is damaged (impossible parameters)");
  }
  return { bytes: bytes.subarray(0, HEADER_BYTES), cost, salt, prefix, chunkBytes };
}

const scryptMemory = (cost: Header['cost']) => 128 * 2 ** cost.log2N * cost.r * (cost.p + 1);

function deriveKeys(passphrase: string, salt: Buffer, cost: Header['cost']): Promise<{ key: Buffer; checkKey: Buffer }> {
  return new Promise((resolve, reject) => {
    const N = 2 ** cost.log2N;
    scrypt(passphrase.normalize('NFC'), salt, 64, { N, r: cost.r, p: cost.p, maxmem: scryptMemory(cost) + 16 * 1024 * 1024 }, (error, derived) => {
      if (error) reject(error);
      else resolve({ key: derived.subarray(0, 32), checkKey: derived.subarray(32) });
    });
  });
}

const keyCheckOf = (checkKey: Buffer, unchecked: Buffer) => createHmac('sha256', checkKey).update(unchecked).digest().subarray(0, CHECK_BYTES);

function nonce(prefix: Buffer, index: number, last: boolean): Buffer {
  const value = Buffer.alloc(12);
  prefix.copy(value, 0);
  value.writeUInt32BE(index, PREFIX_BYTES);
  value.writeUInt8(last ? 1 : 0, PREFIX_BYTES + 4);
  return value;
}

/** The stream that turns an archive into its encrypted form; the key is derived before it is returned. */
export async function encryptingStream(passphrase: string, cost = DEFAULT_COST): Promise<Transform> {
  const salt = randomBytes(SALT_BYTES);
  const prefix = randomBytes(PREFIX_BYTES);
  const { key, checkKey } = await deriveKeys(passphrase, salt, cost);
  const header = encodeHeader(cost, salt, prefix, (unchecked) => keyCheckOf(checkKey, unchecked));
  let index = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const seal = (plain: Buffer, last: boolean) => {
    if (index > 0xffffffff) throw new Error('the archive is too large to encrypt (2^32 chunks)');
    const cipher = createCipheriv('aes-256-gcm', key, nonce(prefix, index++, last));
    cipher.setAAD(header);
    return Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  };
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= CHUNK_BYTES) {
        let all = Buffer.concat(pending);
        // Full chunks go now; what is left waits, since the last chunk is sealed differently.
        while (all.length >= CHUNK_BYTES) {
          this.push(seal(all.subarray(0, CHUNK_BYTES), false));
          all = all.subarray(CHUNK_BYTES);
        }
        pending = [all];
        pendingBytes = all.length;
      }
      done();
    },
    flush(done: TransformCallback) {
      done(null, seal(Buffer.concat(pending), true));
    },
  });
  stream.push(header);
  return stream;
}

/**
 * The stream that reads an encrypted archive back. A wrong passphrase fails on the header, before
 * any output; a damaged or truncated archive fails at the chunk where it is damaged.
 */
export function decryptingStream(passphrase: string): Transform {
  let input: Buffer = Buffer.alloc(0);
  let opened: { header: Header; key: Buffer } | null = null;
  let index = 0;
  const open = (sealed: Buffer, last: boolean): Buffer => {
    const { header, key } = opened!;
    const decipher = createDecipheriv('aes-256-gcm', key, nonce(header.prefix, index++, last));
    decipher.setAAD(header.bytes);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new BackupError('corrupt', `the archive is damaged or cut short: encrypted chunk ${index - 1} does not authenticate`);
    }
  };
  const sealedChunk = () => opened!.header.chunkBytes + TAG_BYTES;
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      input = input.length === 0 ? chunk : Buffer.concat([input, chunk]);
      const proceed = async () => {
        if (opened === null) {
          if (input.length < HEADER_BYTES) return;
          opened = await unlock(decodeHeader(input), passphrase);
          input = input.subarray(HEADER_BYTES);
        }
        // A chunk is known not to be the last only once more bytes follow it.
        while (input.length > sealedChunk()) {
          this.push(open(input.subarray(0, sealedChunk()), false));
          input = input.subarray(sealedChunk());
        }
      };
      proceed().then(() => done(), done);
    },
    flush(done: TransformCallback) {
      if (opened === null) return done(new BackupError('corrupt', 'the archive ends inside its encryption header'));
      if (input.length < TAG_BYTES) return done(new BackupError('corrupt', 'the archive is cut short: its last encrypted chunk is missing'));
      try {
        done(null, open(input, true));
      } catch (error) {
        done(error as Error);
      }
    },
  });
}

async function unlock(header: Header, passphrase: string): Promise<{ header: Header; key: Buffer }> {
  const { key, checkKey } = await deriveKeys(passphrase, header.salt, header.cost);
  const expected = keyCheckOf(checkKey, header.bytes.subarray(0, HEADER_BYTES - CHECK_BYTES));
  if (!timingSafeEqual(expected, header.bytes.subarray(HEADER_BYTES - CHECK_BYTES))) {
    throw new BackupError('wrong-passphrase', 'the passphrase does not open this archive (wrong passphrase, or a damaged header)');
  }
  return { header, key };
}
