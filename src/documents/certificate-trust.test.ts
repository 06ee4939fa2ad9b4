// Trusting a timestamp authority's certificate: itself, issued by an anchor, or through the
// issuers its token carries; and reading DOJANG_TSA_CA.
import { X509Certificate } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { chainsTo, isAnchoredBy, readPemCertificates } from './certificate-trust.ts';

interface Issued {
  certificate: X509Certificate;
  pem: string;
  key: forge.pki.rsa.PrivateKey;
  subject: forge.pki.CertificateField[];
}

/** A certificate for `name` with a key of its own, issued by `issuer` (self-signed without one). */
function issue(name: string, issuer?: Issued, serial = '01'): Issued {
  const keys = forge.pki.rsa.generateKeyPair({ bits: 1024 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serial;
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 3600_000);
  const subject = [{ shortName: 'CN', value: name }];
  cert.setSubject(subject);
  cert.setIssuer(issuer?.subject ?? subject);
  cert.setExtensions([{ name: 'basicConstraints', cA: true }]);
  cert.sign(issuer?.key ?? keys.privateKey, forge.md.sha256.create());
  const pem = forge.pki.certificateToPem(cert);
  return { certificate: new X509Certificate(pem), pem, key: keys.privateKey, subject };
}

describe('certificate trust', () => {
  const root = issue('Root');
  const intermediate = issue('Intermediate', root, '02');
  const authority = issue('TSA', intermediate, '03');
  const stranger = issue('Stranger root', undefined, '04');
  // The same name as the root, another key: a certificate it did not sign is not trusted.
  const impostor = issue('Root', undefined, '05');

  it('trusts an anchor itself and what it issued', () => {
    expect(isAnchoredBy(root.certificate, [root.certificate])).toBe(true);
    expect(isAnchoredBy(intermediate.certificate, [root.certificate])).toBe(true);
    expect(isAnchoredBy(authority.certificate, [root.certificate])).toBe(false);
    expect(isAnchoredBy(intermediate.certificate, [impostor.certificate])).toBe(false);
  });

  it('follows the issuers carried beside a certificate, and nothing else', () => {
    expect(chainsTo(authority.certificate, [authority.certificate, intermediate.certificate], [root.certificate])).toBe(true);
    expect(chainsTo(authority.certificate, [authority.certificate], [root.certificate])).toBe(false);
    expect(chainsTo(authority.certificate, [intermediate.certificate], [stranger.certificate])).toBe(false);
  });

  it('reads every certificate of a PEM file, and names DOJANG_TSA_CA when it cannot', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'dojang-trust-'));
    const both = path.join(dir, 'both.pem');
    await writeFile(both, `${root.pem}\n${intermediate.pem}`);
    expect(readPemCertificates(both, 'DOJANG_TSA_CA').map((c) => c.subject)).toEqual(['CN=Root', 'CN=Intermediate']);
    const empty = path.join(dir, 'empty.pem');
    await writeFile(empty, 'not a certificate');
    expect(() => readPemCertificates(empty, 'DOJANG_TSA_CA')).toThrow(`DOJANG_TSA_CA`);
    expect(() => readPemCertificates(empty, 'DOJANG_TSA_CA')).toThrow(/holds no PEM certificate/);
    expect(() => readPemCertificates(path.join(dir, 'missing.pem'), 'DOJANG_TSA_CA')).toThrow(/cannot read/);
  });
});
