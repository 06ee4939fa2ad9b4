// Checks a detached CMS signature (as written by build-cades-signature.ts, or any DER CMS
// SignedData with signed attributes) against the bytes it claims to cover.

import { X509Certificate, createHash, verify } from 'node:crypto';
import { DIGEST_NAMES, OID } from './cms-oids.ts';
import { TAG, childrenOf, contentOf, contextTag, decodeOid, expectTag, issuerAndSerial, readTlv, subjectKeyIdentifier, whole } from './der-encoding.ts';
import type { Tlv } from './der-encoding.ts';

export interface CadesCheck {
  signerCertificate: X509Certificate;
  /** Every certificate the CMS carries (the signer's, and any issuers it was sent with). */
  certificates: X509Certificate[];
  /** The signer's key signed these signed attributes (so the message digest is theirs). */
  signatureValid: boolean;
  /** The signed message digest equals the digest of `content`. */
  digestMatches: boolean;
  hasSigningCertificateV2: boolean;
  /** Where the DER of the CMS ends; anything after it is placeholder padding. */
  length: number;
  /** The signature value, which a timestamp token stamps. */
  signatureValue: Uint8Array;
  /** The RFC 3161 token in the unsigned attributes (signature-time-stamp), if any. */
  timestampToken?: Uint8Array;
}

/** Throws DerError (or a plain Error) when `cms` is not a SignedData we can read. */
export function checkCadesSignature(cms: Uint8Array, content: readonly Uint8Array[]): CadesCheck {
  const contentInfo = expectTag(readTlv(cms, 0), TAG.SEQUENCE, 'a ContentInfo');
  const [type, explicit] = childrenOf(cms, contentInfo);
  if (type === undefined || decodeOid(cms, type) !== OID.signedData) throw new Error('not a CMS SignedData');
  const signedData = expectTag(childrenOf(cms, expectTag(explicit, contextTag(0), 'SignedData'))[0], TAG.SEQUENCE, 'SignedData');
  const parts = childrenOf(cms, signedData);
  const certificates = parts.filter((p) => p.tag === contextTag(0)).flatMap((set) => childrenOf(cms, set).map((c) => whole(cms, c)));
  const signerInfos = expectTag(parts[parts.length - 1], TAG.SET, 'SignerInfos');
  const signerInfo = expectTag(childrenOf(cms, signerInfos)[0], TAG.SEQUENCE, 'a SignerInfo');

  const [, sid, digestAlgorithm, signedAttributes, signatureAlgorithm, signature, unsignedAttributes] = childrenOf(cms, signerInfo);
  const signerCertificate = findCertificate(cms, sid, certificates);
  const digestName = DIGEST_NAMES[decodeOid(cms, firstChild(cms, expectTag(digestAlgorithm, TAG.SEQUENCE, 'a digest algorithm')))];
  if (digestName === undefined) throw new Error('unsupported digest algorithm');
  expectTag(signedAttributes, contextTag(0), 'signed attributes');
  expectTag(signatureAlgorithm, TAG.SEQUENCE, 'a signature algorithm');
  const attributes = readAttributes(cms, signedAttributes as Tlv);

  const digest = createHash(digestName);
  for (const chunk of content) digest.update(chunk);
  const messageDigest = attributes.get(OID.messageDigest);
  const digestMatches =
    messageDigest !== undefined && Buffer.from(contentOf(cms, expectTag(messageDigest, TAG.OCTET_STRING, 'a message digest'))).equals(digest.digest());

  // What was signed is the attributes' DER with the SET tag in place of [0] (RFC 5652, 5.4).
  const signedBytes = Buffer.from(whole(cms, signedAttributes as Tlv));
  signedBytes[0] = TAG.SET;
  const signatureValue = contentOf(cms, expectTag(signature, TAG.OCTET_STRING, 'a signature'));
  const signatureValid = verify(digestName, signedBytes, signerCertificate.publicKey, signatureValue);
  const timestamp = unsignedAttributes?.tag === contextTag(1) ? readAttributes(cms, unsignedAttributes).get(OID.signatureTimeStampToken) : undefined;

  return {
    signerCertificate,
    certificates: certificates.map((der) => new X509Certificate(der)),
    signatureValid,
    digestMatches,
    hasSigningCertificateV2: attributes.has(OID.signingCertificateV2),
    length: contentInfo.end,
    signatureValue,
    ...(timestamp ? { timestampToken: whole(cms, timestamp) } : {}),
  };
}

/** The certificate a SignerIdentifier names: by issuer and serial number, or by subject key identifier ([0], as some timestamp authorities write it). */
function findCertificate(cms: Uint8Array, sid: Tlv | undefined, certificates: Uint8Array[]): X509Certificate {
  if (sid?.tag === contextTag(0, false)) {
    const wantedKey = Buffer.from(contentOf(cms, sid));
    const found = certificates.find((der) => {
      const key = subjectKeyIdentifier(der);
      return key !== undefined && wantedKey.equals(key);
    });
    if (found) return new X509Certificate(found);
    throw new Error('the signer certificate is not in the signature');
  }
  const [issuer, serial] = childrenOf(cms, expectTag(sid, TAG.SEQUENCE, 'an IssuerAndSerialNumber'));
  if (issuer === undefined || serial === undefined) throw new Error('malformed signer identifier');
  const wantedIssuer = Buffer.from(whole(cms, issuer));
  const wantedSerial = Buffer.from(whole(cms, serial));
  for (const der of certificates) {
    const candidate = issuerAndSerial(der);
    if (wantedIssuer.equals(candidate.issuer) && wantedSerial.equals(candidate.serialNumber)) return new X509Certificate(der);
  }
  throw new Error('the signer certificate is not in the signature');
}

/** Attributes by type OID; each holds its first value. */
function readAttributes(cms: Uint8Array, set: Tlv): Map<string, Tlv> {
  const attributes = new Map<string, Tlv>();
  for (const attribute of childrenOf(cms, set)) {
    const [type, values] = childrenOf(cms, attribute);
    const value = values ? childrenOf(cms, values)[0] : undefined;
    if (type !== undefined && value !== undefined) attributes.set(decodeOid(cms, type), value);
  }
  return attributes;
}

function firstChild(buf: Uint8Array, parent: Tlv): Tlv {
  const child = childrenOf(buf, parent)[0];
  if (child === undefined) throw new Error('empty ASN.1 sequence');
  return child;
}
