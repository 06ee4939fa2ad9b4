// An RFC 3161 timestamp of a signature value from the timestamp authority the operator named
// (DOJANG_TSA_URL): the TimeStampReq is sent over HTTP as RFC 3161 section 3.4 says, and the
// token that comes back is accepted only if it stamps exactly our hash with our nonce and its
// signature verifies: under the certificate it carries, one for timestamping, valid when it
// stamped, and, when the operator named its authority (DOJANG_TSA_CA), one of those or issued
// under one. The token is then kept whole in the signature (build-cades-signature.ts), for any
// reader to check.

import { createHash, randomBytes, type X509Certificate } from 'node:crypto';
import { chainsTo } from './certificate-trust.ts';
import { checkCadesSignature } from './check-cades-signature.ts';
import { OID } from './cms-oids.ts';
import { DocumentError } from './document-error.ts';
import { TAG, childrenOf, contentOf, contextTag, decodeOid, encodeOid, encodeTlv, expectTag, readTlv, whole, type Tlv } from './der-encoding.ts';

export interface TimestampRequestOptions {
  /** The whole exchange; default 10 s. */
  timeoutMs?: number;
  /** DOJANG_TSA_CA: the authority's certificate must be one of these or issued under one; any, when empty. */
  authorities?: readonly X509Certificate[];
}

/** id-kp-timeStamping: the extended key usage RFC 3161 (2.3) requires of a TSA's certificate. */
const TIME_STAMPING = '1.3.6.1.5.5.7.3.8';

const SHA256 = encodeTlv(TAG.SEQUENCE, encodeOid(OID.sha256));
const GRANTED = 0;
const GRANTED_WITH_MODS = 1;

export async function requestTimestamp(tsaUrl: string, signatureValue: Uint8Array, options: TimestampRequestOptions = {}): Promise<Uint8Array> {
  const imprint = createHash('sha256').update(signatureValue).digest();
  const nonce = positiveNonce();
  const request = encodeTlv(
    TAG.SEQUENCE,
    encodeTlv(TAG.INTEGER, Buffer.from([1])),
    encodeTlv(TAG.SEQUENCE, SHA256, encodeTlv(TAG.OCTET_STRING, imprint)),
    encodeTlv(TAG.INTEGER, nonce),
    encodeTlv(TAG.BOOLEAN, Buffer.from([0xff])), // certReq: the TSA's certificate inside the token
  );
  const endpoint = tsaEndpoint(tsaUrl);
  let response: Response;
  try {
    response = await fetch(endpoint.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/timestamp-query',
        accept: 'application/timestamp-reply',
        ...(endpoint.authorization ? { authorization: endpoint.authorization } : {}),
      },
      body: new Uint8Array(request),
      redirect: 'error',
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
  } catch (error) {
    throw failure(`the timestamp authority did not answer: ${(error as Error).message}`, error);
  }
  if (!response.ok) throw failure(`the timestamp authority answered HTTP ${response.status}`);
  const reply = new Uint8Array(await response.arrayBuffer());
  try {
    return tokenFromResponse(reply, imprint, nonce, options.authorities ?? []);
  } catch (error) {
    if (error instanceof DocumentError) throw error;
    throw failure(`the timestamp authority's answer is not a timestamp response: ${(error as Error).message}`, error);
  }
}

/**
 * Where to post, and the HTTP Basic authorization that a user and password in DOJANG_TSA_URL
 * (`https://user:password@tsa.example/`, percent-encoded) stand for: fetch refuses a URL that
 * carries credentials, and an authority that wants them takes them as Basic.
 */
function tsaEndpoint(tsaUrl: string): { url: string; authorization?: string } {
  const url = new URL(tsaUrl);
  if (url.username === '' && url.password === '') return { url: url.toString() };
  const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  url.username = '';
  url.password = '';
  return { url: url.toString(), authorization: `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}` };
}

/** The time a token says it stamped (TSTInfo genTime). */
export function timestampTime(token: Uint8Array): Date {
  return parseGeneralizedTime(token, tstInfoFields(token)[4]);
}

/**
 * When the token stamped exactly this signature value (its SHA-256 imprint) and its own signature
 * holds (see tokenSignatureProblem): the time; otherwise undefined. Never throws.
 */
export function timeStampedFor(token: Uint8Array, signatureValue: Uint8Array, authorities: readonly X509Certificate[] = []): Date | undefined {
  try {
    const imprint = createHash('sha256').update(signatureValue).digest();
    return stampsImprint(token, tstInfoFields(token), imprint) && tokenSignatureProblem(token, authorities) === undefined ? timestampTime(token) : undefined;
  } catch {
    return undefined;
  }
}

function stampsImprint(token: Uint8Array, fields: Tlv[], imprint: Uint8Array): boolean {
  const [algorithm, hashed] = childrenOf(token, expectTag(fields[2], TAG.SEQUENCE, 'a MessageImprint'));
  const algorithmOid = decodeOid(token, childrenOf(token, expectTag(algorithm, TAG.SEQUENCE, 'an AlgorithmIdentifier'))[0]!);
  return algorithmOid === OID.sha256 && Buffer.from(contentOf(token, expectTag(hashed, TAG.OCTET_STRING, 'a hash'))).equals(imprint);
}

/**
 * Why the token's signature cannot be relied on, or undefined when it can: it verifies, over the
 * TSTInfo the token holds, under the certificate the token carries; that certificate is for
 * timestamping and was valid when it stamped; and, with `authorities` given, it is one of them
 * or chains to one through the certificates carried.
 */
export function tokenSignatureProblem(token: Uint8Array, authorities: readonly X509Certificate[]): string | undefined {
  let check: ReturnType<typeof checkCadesSignature>;
  try {
    check = checkCadesSignature(token, [tstInfoOctets(token)]);
  } catch (error) {
    return `its signature cannot be read (${(error as Error).message})`;
  }
  if (!check.signatureValid || !check.digestMatches) return 'its signature does not verify';
  const authority = check.signerCertificate;
  if (!authority.keyUsage?.includes(TIME_STAMPING)) return 'its certificate is not one for timestamping';
  const at = timestampTime(token).getTime();
  if (at < Date.parse(authority.validFrom) || at > Date.parse(authority.validTo)) return 'its certificate was not valid when it stamped';
  if (authorities.length > 0 && !chainsTo(authority, check.certificates, authorities))
    return `its certificate (${authority.subject.replace(/\n/g, ', ')}) is not DOJANG_TSA_CA's or issued under it`;
  return undefined;
}

function tokenFromResponse(reply: Uint8Array, imprint: Uint8Array, nonce: Uint8Array, authorities: readonly X509Certificate[]): Uint8Array {
  const [statusInfo, token] = childrenOf(reply, expectTag(readTlv(reply, 0), TAG.SEQUENCE, 'a TimeStampResp'));
  const statusFields = childrenOf(reply, expectTag(statusInfo, TAG.SEQUENCE, 'a PKIStatusInfo'));
  const status = contentOf(reply, expectTag(statusFields[0], TAG.INTEGER, 'a PKIStatus'));
  const code = status.length === 1 ? status[0]! : -1;
  if (code !== GRANTED && code !== GRANTED_WITH_MODS) throw failure(`the timestamp authority refused (PKIStatus ${code}${statusText(reply, statusFields[1])})`);
  const tokenBytes = whole(reply, expectTag(token, TAG.SEQUENCE, 'a TimeStampToken'));
  const fields = tstInfoFields(tokenBytes);
  if (!stampsImprint(tokenBytes, fields, imprint)) throw failure('the timestamp authority stamped something other than this signature');
  const answeredNonce = fields.slice(5).find((f) => f.tag === TAG.INTEGER);
  if (!answeredNonce || !Buffer.from(contentOf(tokenBytes, answeredNonce)).equals(nonce))
    throw failure("the timestamp authority's answer does not carry this request's nonce");
  const problem = tokenSignatureProblem(tokenBytes, authorities);
  if (problem) throw failure(`the timestamp authority's token cannot be relied on: ${problem}`);
  return new Uint8Array(tokenBytes);
}

/** The TSTInfo inside a token, at its place in the token (the content of the eContent OCTET STRING). */
function tstInfoOf(token: Uint8Array): Tlv {
  const [type, explicit] = childrenOf(token, expectTag(readTlv(token, 0), TAG.SEQUENCE, 'a ContentInfo'));
  if (decodeOid(token, type!) !== OID.signedData) throw failure('the timestamp token is not CMS SignedData');
  const signedData = expectTag(childrenOf(token, expectTag(explicit, contextTag(0), 'the SignedData'))[0], TAG.SEQUENCE, 'SignedData');
  const encapsulated = expectTag(childrenOf(token, signedData)[2], TAG.SEQUENCE, 'the encapsulated content');
  const [contentType, eContent] = childrenOf(token, encapsulated);
  if (decodeOid(token, contentType!) !== OID.tstInfo) throw failure('the timestamp token does not hold a TSTInfo');
  const octets = expectTag(childrenOf(token, expectTag(eContent, contextTag(0), 'the eContent'))[0], TAG.OCTET_STRING, 'the TSTInfo octets');
  return expectTag(readTlv(token, octets.contentStart, octets.end), TAG.SEQUENCE, 'a TSTInfo');
}

/** The DER of the TSTInfo (what the token's signature's message digest covers). */
function tstInfoOctets(token: Uint8Array): Uint8Array {
  return whole(token, tstInfoOf(token));
}

/** The fields of the TSTInfo inside a token: version, policy, messageImprint, serialNumber, genTime, then the optional ones. */
function tstInfoFields(token: Uint8Array): Tlv[] {
  return childrenOf(token, tstInfoOf(token));
}

function parseGeneralizedTime(buf: Uint8Array, tlv: Tlv | undefined): Date {
  const text = Buffer.from(contentOf(buf, expectTag(tlv, TAG.GENERALIZED_TIME, 'a GeneralizedTime'))).toString('latin1');
  const match = /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\.\d+)?Z$/.exec(text);
  if (!match) throw failure(`the timestamp's time "${text}" is not a UTC GeneralizedTime`);
  const [, y, mo, d, h, mi, s, fraction] = match;
  return new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${fraction ? fraction.slice(0, 4) : ''}Z`);
}

function statusText(buf: Uint8Array, freeText: Tlv | undefined): string {
  if (freeText?.tag !== TAG.SEQUENCE) return '';
  const texts = childrenOf(buf, freeText).map((t) => Buffer.from(contentOf(buf, t)).toString('utf8'));
  return texts.length > 0 ? `: ${texts.join('; ')}` : '';
}

/** 64 random bits as a DER INTEGER's content: positive and minimal (first byte 0x40–0x7f). */
function positiveNonce(): Uint8Array {
  const nonce = randomBytes(8);
  nonce[0] = (nonce[0]! & 0x3f) | 0x40;
  return nonce;
}

function failure(message: string, cause?: unknown): DocumentError {
  return new DocumentError('TIMESTAMP_FAILED', message, cause === undefined ? undefined : { cause });
}
