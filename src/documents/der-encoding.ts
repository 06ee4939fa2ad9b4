// Just enough DER to write and read a CMS signature while keeping certificates and signed
// attributes byte-exact (re-encoding through a general ASN.1 library can change them, and a
// signature is over exact bytes). Single-byte tags and definite lengths only, which is DER.

export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** `[n]` context-specific tag; constructed unless said otherwise. */
export function contextTag(n: number, constructed = true): number {
  return 0x80 | (constructed ? 0x20 : 0) | n;
}

export class DerError extends Error {
  override readonly name = 'DerError';
}

/** One tag-length-value inside a buffer; offsets are absolute. */
export interface Tlv {
  tag: number;
  start: number;
  contentStart: number;
  end: number;
}

export function readTlv(buf: Uint8Array, offset: number, limit = buf.length): Tlv {
  const tag = buf[offset];
  let lengthByte = buf[offset + 1];
  if (tag === undefined || lengthByte === undefined) throw new DerError('truncated DER');
  if ((tag & 0x1f) === 0x1f) throw new DerError('multi-byte DER tags are not supported');
  let contentStart = offset + 2;
  let length = lengthByte;
  if (lengthByte & 0x80) {
    const count = lengthByte & 0x7f;
    if (count === 0 || count > 4) throw new DerError('unsupported DER length');
    length = 0;
    for (let i = 0; i < count; i++) {
      lengthByte = buf[contentStart + i];
      if (lengthByte === undefined) throw new DerError('truncated DER');
      length = length * 256 + lengthByte;
    }
    contentStart += count;
  }
  const end = contentStart + length;
  if (end > limit) throw new DerError('DER value runs past its container');
  return { tag, start: offset, contentStart, end };
}

/** The TLVs directly inside a constructed value. */
export function childrenOf(buf: Uint8Array, parent: Tlv): Tlv[] {
  const children: Tlv[] = [];
  for (let offset = parent.contentStart; offset < parent.end; ) {
    const child = readTlv(buf, offset, parent.end);
    children.push(child);
    offset = child.end;
  }
  return children;
}

export function expectTag(tlv: Tlv | undefined, tag: number, what: string): Tlv {
  if (tlv === undefined || tlv.tag !== tag) throw new DerError(`expected ${what}`);
  return tlv;
}

export function whole(buf: Uint8Array, tlv: Tlv): Uint8Array {
  return buf.subarray(tlv.start, tlv.end);
}

export function contentOf(buf: Uint8Array, tlv: Tlv): Uint8Array {
  return buf.subarray(tlv.contentStart, tlv.end);
}

export function encodeTlv(tag: number, ...contents: Uint8Array[]): Uint8Array {
  const body = Buffer.concat(contents);
  return Buffer.concat([Buffer.from([tag]), encodeLength(body.length), body]);
}

function encodeLength(length: number): Uint8Array {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function encodeOid(oid: string): Uint8Array {
  const [first = 0, second = 0, ...rest] = oid.split('.').map(Number);
  const bytes: number[] = [first * 40 + second];
  for (const arc of rest) {
    const base128: number[] = [arc & 0x7f];
    for (let n = Math.floor(arc / 128); n > 0; n = Math.floor(n / 128)) base128.unshift(0x80 | (n & 0x7f));
    bytes.push(...base128);
  }
  return encodeTlv(TAG.OID, Buffer.from(bytes));
}

export function decodeOid(buf: Uint8Array, tlv: Tlv): string {
  const bytes = contentOf(buf, expectTag(tlv, TAG.OID, 'an OBJECT IDENTIFIER'));
  const arcs: number[] = [];
  let value = 0;
  for (const byte of bytes) {
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      if (arcs.length === 0) arcs.push(Math.min(2, Math.floor(value / 40)), value - Math.min(2, Math.floor(value / 40)) * 40);
      else arcs.push(value);
      value = 0;
    }
  }
  return arcs.join('.');
}

/** DER orders the members of a SET OF by their encodings (X.690 11.6). */
export function encodeSetOf(members: Uint8Array[]): Uint8Array {
  return encodeTlv(TAG.SET, ...[...members].sort((a, b) => Buffer.compare(a, b)));
}

/** The issuer Name and serialNumber INTEGER of a certificate, byte for byte. */
export function issuerAndSerial(certificate: Uint8Array): { issuer: Uint8Array; serialNumber: Uint8Array } {
  const cert = expectTag(readTlv(certificate, 0), TAG.SEQUENCE, 'a certificate');
  const tbs = expectTag(childrenOf(certificate, cert)[0], TAG.SEQUENCE, 'a TBSCertificate');
  const fields = childrenOf(certificate, tbs);
  const first = fields[0]?.tag === contextTag(0) ? 1 : 0; // skip the explicit [0] version
  const serialNumber = expectTag(fields[first], TAG.INTEGER, 'a serial number');
  const issuer = expectTag(fields[first + 2], TAG.SEQUENCE, 'an issuer name');
  return { issuer: whole(certificate, issuer), serialNumber: whole(certificate, serialNumber) };
}

const SUBJECT_KEY_IDENTIFIER = '2.5.29.14';

/** The keyIdentifier of a certificate's subjectKeyIdentifier extension, if it has one. */
export function subjectKeyIdentifier(certificate: Uint8Array): Uint8Array | undefined {
  const cert = expectTag(readTlv(certificate, 0), TAG.SEQUENCE, 'a certificate');
  const tbs = expectTag(childrenOf(certificate, cert)[0], TAG.SEQUENCE, 'a TBSCertificate');
  const extensions = childrenOf(certificate, tbs).find((f) => f.tag === contextTag(3));
  if (!extensions) return undefined;
  for (const extension of childrenOf(certificate, expectTag(childrenOf(certificate, extensions)[0], TAG.SEQUENCE, 'extensions'))) {
    const parts = childrenOf(certificate, extension);
    if (parts[0]?.tag !== TAG.OID || decodeOid(certificate, parts[0]) !== SUBJECT_KEY_IDENTIFIER) continue;
    const value = expectTag(parts.at(-1), TAG.OCTET_STRING, 'an extension value');
    return contentOf(certificate, expectTag(readTlv(certificate, value.contentStart, value.end), TAG.OCTET_STRING, 'a key identifier'));
  }
  return undefined;
}
