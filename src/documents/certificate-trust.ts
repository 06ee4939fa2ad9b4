// Whether a certificate is one we trust: the same certificate as an anchor, or issued and signed
// by one; for a timestamp authority, also through the issuers its token carries.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError } from '../config.ts';

/** Issuers between a timestamp authority's certificate and its anchor, at most. */
const MAX_INTERMEDIATES = 4;

/** The certificate is one of the anchors, or an anchor issued and signed it. */
export function isAnchoredBy(certificate: X509Certificate, anchors: readonly X509Certificate[]): boolean {
  return anchors.some((anchor) => anchor.raw.equals(certificate.raw) || (certificate.checkIssued(anchor) && certificate.verify(anchor.publicKey)));
}

/** The certificate is anchored, directly or through issuers among `carried`, each issuing and signing the one below. */
export function chainsTo(certificate: X509Certificate, carried: readonly X509Certificate[], anchors: readonly X509Certificate[], depth = 0): boolean {
  if (isAnchoredBy(certificate, anchors)) return true;
  if (depth >= MAX_INTERMEDIATES) return false;
  return carried.some(
    (issuer) =>
      !issuer.raw.equals(certificate.raw) &&
      certificate.checkIssued(issuer) &&
      certificate.verify(issuer.publicKey) &&
      chainsTo(issuer, carried, anchors, depth + 1),
  );
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** The certificates of a PEM file (DOJANG_TSA_CA), read once at start; a file that is not one is a configuration error. */
export function readPemCertificates(file: string, variable: string): X509Certificate[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(variable, `cannot read ${file}: ${(error as Error).message}`);
  }
  const blocks = text.match(PEM_CERTIFICATE) ?? [];
  if (blocks.length === 0) throw new ConfigError(variable, `${file} holds no PEM certificate`);
  return blocks.map((pem, i) => {
    try {
      return new X509Certificate(pem);
    } catch (error) {
      throw new ConfigError(variable, `certificate ${i + 1} in ${file} cannot be read: ${(error as Error).message}`);
    }
  });
}
