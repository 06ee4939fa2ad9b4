// A detached CAdES-BES signature (ETSI.CAdES.detached, the PAdES baseline B-B form) over some
// bytes: CMS SignedData with the content-type, message-digest and signing-certificate-v2
// signed attributes; with a timestamp authority configured, its token of the signature value
// as an unsigned attribute (B-T). No signing-time attribute: PAdES puts the claimed time in the
// signature dictionary's /M instead (ETSI EN 319 142-1, 5.3).
//
// @signpdf's P12Signer writes adbe.pkcs7.detached without signing-certificate-v2, and
// node-forge's PKCS#7 writer cannot add that attribute, hence this small writer.

import { createHash, sign } from 'node:crypto';
import type { X509Certificate } from 'node:crypto';
import { OID } from './cms-oids.ts';
import { TAG, contextTag, encodeOid, encodeSetOf, encodeTlv, issuerAndSerial } from './der-encoding.ts';
import type { SigningKey } from './signing-key.ts';

const NULL = encodeTlv(TAG.NULL);
const SHA256 = encodeTlv(TAG.SEQUENCE, encodeOid(OID.sha256)); // parameters absent (RFC 5754)

/** Asks a timestamp authority to stamp a signature value; answers the TimeStampToken (request-timestamp.ts). */
export type Timestamper = (signatureValue: Uint8Array) => Promise<Uint8Array>;

export interface CadesOptions {
  /** Adds an RFC 3161 timestamp of the signature as the signature-time-stamp unsigned attribute (PAdES B-T). */
  timestamp?: Timestamper | undefined;
  /** Carries the content inside the SignedData, of this type, instead of detached (a timestamp token's TSTInfo). */
  encapsulate?: { contentType: string };
}

export async function buildCadesSignature(content: Uint8Array, key: SigningKey, options: CadesOptions = {}): Promise<Uint8Array> {
  const certificate = new Uint8Array(key.certificate.raw);
  const { issuer, serialNumber } = issuerAndSerial(certificate);
  const contentType = options.encapsulate?.contentType ?? OID.data;

  const signedAttributes = encodeSetOf([
    attribute(OID.contentType, encodeOid(contentType)),
    attribute(OID.messageDigest, encodeTlv(TAG.OCTET_STRING, sha256(content))),
    attribute(OID.signingCertificateV2, signingCertificateV2(certificate, issuer, serialNumber)),
  ]);
  // The signature covers the attributes encoded as a SET; in SignerInfo they carry tag [0].
  const signature = sign('sha256', signedAttributes, key.privateKey);
  const signedAttributesAsContext = Buffer.from(signedAttributes);
  signedAttributesAsContext[0] = contextTag(0);

  const signerInfo = encodeTlv(
    TAG.SEQUENCE,
    integer(1),
    encodeTlv(TAG.SEQUENCE, issuer, serialNumber), // sid: IssuerAndSerialNumber
    SHA256,
    signedAttributesAsContext,
    signatureAlgorithm(key),
    encodeTlv(TAG.OCTET_STRING, signature),
    // unsignedAttrs [1] IMPLICIT SET OF Attribute: the timestamp is over the signature value.
    ...(options.timestamp ? [encodeTlv(contextTag(1), attribute(OID.signatureTimeStampToken, await options.timestamp(signature)))] : []),
  );
  const encapsulatedContent = options.encapsulate
    ? encodeTlv(TAG.SEQUENCE, encodeOid(contentType), encodeTlv(contextTag(0), encodeTlv(TAG.OCTET_STRING, content)))
    : encodeTlv(TAG.SEQUENCE, encodeOid(OID.data)); // detached: no eContent
  const signedData = encodeTlv(
    TAG.SEQUENCE,
    integer(options.encapsulate ? 3 : 1), // RFC 5652 5.1: 3 when the content is not id-data
    encodeTlv(TAG.SET, SHA256),
    encapsulatedContent,
    encodeTlv(contextTag(0), certificate, ...key.chain.map((c: X509Certificate) => new Uint8Array(c.raw))),
    encodeTlv(TAG.SET, signerInfo),
  );
  return encodeTlv(TAG.SEQUENCE, encodeOid(OID.signedData), encodeTlv(contextTag(0), signedData));
}

/** ESSCertIDv2 with the default hash (SHA-256, so omitted in DER) and IssuerSerial. */
function signingCertificateV2(certificate: Uint8Array, issuer: Uint8Array, serialNumber: Uint8Array): Uint8Array {
  const generalNames = encodeTlv(TAG.SEQUENCE, encodeTlv(contextTag(4), issuer)); // directoryName
  const essCertIdV2 = encodeTlv(TAG.SEQUENCE, encodeTlv(TAG.OCTET_STRING, sha256(certificate)), encodeTlv(TAG.SEQUENCE, generalNames, serialNumber));
  return encodeTlv(TAG.SEQUENCE, encodeTlv(TAG.SEQUENCE, essCertIdV2));
}

function signatureAlgorithm(key: SigningKey): Uint8Array {
  if (key.privateKey.asymmetricKeyType === 'ec') return encodeTlv(TAG.SEQUENCE, encodeOid(OID.ecdsaWithSHA256));
  return encodeTlv(TAG.SEQUENCE, encodeOid(OID.sha256WithRSAEncryption), NULL);
}

function attribute(type: string, value: Uint8Array): Uint8Array {
  return encodeTlv(TAG.SEQUENCE, encodeOid(type), encodeTlv(TAG.SET, value));
}

function integer(n: number): Uint8Array {
  return encodeTlv(TAG.INTEGER, Buffer.from([n]));
}

function sha256(bytes: Uint8Array): Uint8Array {
  return createHash('sha256').update(bytes).digest();
}
