// Says whether a PDF is one Dojang sealed, for which workflow, and whether it is unchanged
// (behind `POST /api/v1/verify`). Reads the file's bytes directly rather than through a PDF
// parser: the signature is over bytes, and a tampered file need not parse.

import type { X509Certificate } from 'node:crypto';
import { isAnchoredBy } from './certificate-trust.ts';
import { checkCadesSignature } from './check-cades-signature.ts';
import { readPdfTextString } from './pdf-text-string.ts';
import { timeStampedFor } from './request-timestamp.ts';
import { parseSealReason } from './seal-reason.ts';

export type SealProblem =
  /** No signature at all. */
  | 'NOT_SIGNED'
  /** A signature we could not read. */
  | 'MALFORMED_SIGNATURE'
  /** Signed, but not by Dojang's certificate. */
  | 'UNTRUSTED_SIGNER'
  /** Our certificate, but its signature does not verify. */
  | 'INVALID_SIGNATURE'
  /** Our seal, but the bytes it covers have changed. */
  | 'MODIFIED'
  /** Our seal, intact, but bytes were added or removed outside what it covers. */
  | 'NOT_WHOLE_FILE';

export interface SealVerification {
  /** Dojang's certificate made the last signature in the file. */
  sealed: boolean;
  /** Sealed, and not one byte differs from what was sealed. */
  intact: boolean;
  /** The signer certificate's common name. */
  signer?: string;
  /** The claimed signing time (/M), ISO 8601 UTC. */
  signedAt?: string;
  /** The time of an RFC 3161 timestamp of this signature (PAdES B-T), ISO 8601 UTC; the authority's own signature on it is not checked here. */
  timestampedAt?: string;
  /** The seal's /Reason, which names the workflow (seal-reason.ts). Trustworthy only when intact. */
  reason?: string;
  workflowId?: string;
  problem?: SealProblem;
}

interface SignatureInFile {
  byteRange: [number, number, number, number];
  /** Offset of the /ByteRange key, inside the signature dictionary. */
  at: number;
}

/** `timestampAuthorities`: DOJANG_TSA_CA; when empty, a timestamp counts if its token's signature verifies under the certificate it carries. */
export function verifySealedPdf(
  pdf: Uint8Array,
  trustedCertificates: readonly X509Certificate[],
  timestampAuthorities: readonly X509Certificate[] = [],
): SealVerification {
  const source = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const signature = lastSignature(source);
  if (signature === undefined) return { sealed: false, intact: false, problem: 'NOT_SIGNED' };

  const claims = readClaims(source, signature.at);
  const [start, firstLength, secondStart, secondLength] = signature.byteRange;
  const contents = readContentsHex(source, firstLength, secondStart);
  if (start !== 0 || contents === undefined || secondStart + secondLength > pdf.length) {
    return { sealed: false, intact: false, ...claims, problem: 'MALFORMED_SIGNATURE' };
  }

  let check: ReturnType<typeof checkCadesSignature>;
  try {
    check = checkCadesSignature(contents, [pdf.subarray(0, firstLength), pdf.subarray(secondStart, secondStart + secondLength)]);
  } catch {
    return { sealed: false, intact: false, ...claims, problem: 'MALFORMED_SIGNATURE' };
  }

  const signer = commonName(check.signerCertificate);
  const stampedAt = check.timestampToken ? timeStampedFor(check.timestampToken, check.signatureValue, timestampAuthorities) : undefined;
  if (stampedAt) claims.timestampedAt = stampedAt.toISOString();
  if (!isAnchoredBy(check.signerCertificate, trustedCertificates)) {
    return { sealed: false, intact: false, signer, ...claims, problem: 'UNTRUSTED_SIGNER' };
  }
  if (!check.signatureValid) {
    return { sealed: false, intact: false, signer, ...claims, problem: 'INVALID_SIGNATURE' };
  }
  // Placeholder padding after the CMS is outside the digest; it must still be untouched zeros.
  const paddingClean = contents.subarray(check.length).every((byte) => byte === 0);
  if (!check.digestMatches || !paddingClean) {
    return { sealed: true, intact: false, signer, ...claims, problem: 'MODIFIED' };
  }
  if (secondStart + secondLength !== pdf.length) {
    return { sealed: true, intact: false, signer, ...claims, problem: 'NOT_WHOLE_FILE' };
  }
  return { sealed: true, intact: true, signer, ...claims };
}

/** The signature whose ByteRange appears last: with incremental updates, the newest. */
function lastSignature(source: string): SignatureInFile | undefined {
  let found: SignatureInFile | undefined;
  for (const match of source.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)) {
    found = {
      byteRange: [Number(match[1]), Number(match[2]), Number(match[3]), Number(match[4])],
      at: match.index,
    };
  }
  return found;
}

/** The gap between the two ranges must be exactly `<hex digits>`: the signature, nothing else. */
function readContentsHex(source: string, gapStart: number, gapEnd: number): Uint8Array | undefined {
  if (gapEnd <= gapStart + 2 || source[gapStart] !== '<' || source[gapEnd - 1] !== '>') return undefined;
  const hex = source.slice(gapStart + 1, gapEnd - 1);
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return undefined;
  return new Uint8Array(Buffer.from(hex, 'hex'));
}

/** /Reason and /M of the signature dictionary around `at`. */
function readClaims(source: string, at: number): Pick<SealVerification, 'reason' | 'signedAt' | 'timestampedAt' | 'workflowId'> {
  const objectStart = source.lastIndexOf(' obj', at);
  const objectEnd = source.indexOf('endobj', at);
  const dictionary = source.slice(Math.max(0, objectStart), objectEnd < 0 ? source.length : objectEnd);
  const offset = Math.max(0, objectStart);
  const stringAfter = (key: string) => {
    const match = new RegExp(`/${key}\\s*(\\(|<(?!<))`).exec(dictionary);
    return match ? readPdfTextString(source, offset + match.index + match[0].length - 1) : undefined;
  };
  const reason = stringAfter('Reason');
  const signedAt = parsePdfDate(stringAfter('M'));
  const workflowId = reason === undefined ? undefined : parseSealReason(reason)?.workflowId;
  return {
    ...(reason === undefined ? {} : { reason }),
    ...(signedAt === undefined ? {} : { signedAt }),
    ...(workflowId === undefined ? {} : { workflowId }),
  };
}

/** `D:YYYYMMDDHHmmSS` with `Z` or `+HH'mm'` (ISO 32000-1, 7.9.4) to ISO 8601 UTC. */
export function parsePdfDate(value: string | undefined): string | undefined {
  const match = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?/.exec(value ?? '');
  if (!match) return undefined;
  const [, year, month = '01', day = '01', hour = '00', minute = '00', second = '00', zone = 'Z'] = match;
  const offset = zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.replace(/'/g, '').slice(3, 5)}`;
  const time = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}${offset}`);
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}

/** Ours when it is one of the trusted certificates or was issued (and signed) by one. */
function commonName(certificate: X509Certificate): string {
  return /^CN=(.*)$/m.exec(certificate.subject)?.[1] ?? certificate.subject;
}
