import { execFile } from 'node:child_process';
import type { X509Certificate } from 'node:crypto';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSampleContractPdf } from '../demo/sample-contract.ts';
import { DocumentError } from './document-error.ts';
import { sealPdf } from './seal-pdf.ts';
import { pdfSig } from './test-support/poppler.ts';
import { verifySealedPdf } from './verify-sealed-pdf.ts';
import { loadOrCreateSigningKey } from './signing-key.ts';
import type { SigningKey } from './signing-key.ts';

const run = promisify(execFile);
let root: string;
let dataDir: string;
let first: SigningKey;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'dojang-keys-'));
  dataDir = join(root, 'data');
  first = await loadOrCreateSigningKey({ dataDir, organization: '도장 전자계약' }); // the real 3072-bit path
});

afterAll(() => rm(root, { recursive: true, force: true }));

describe('loadOrCreateSigningKey', () => {
  it('makes a root CA and a seal certificate issued by it, with a Korean organization', () => {
    const [ca] = first.trustedCertificates;
    expect(first.source).toBe('generated');
    expect(ca).toBeDefined();
    expect(first.certificate.checkIssued(ca as X509Certificate)).toBe(true);
    expect(first.certificate.verify((ca as X509Certificate).publicKey)).toBe(true);
    expect(first.certificate.subject).toContain('CN=도장 전자계약 Document Seal');
    expect(first.certificate.subject).toContain('O=도장 전자계약');
    expect(first.certificate.ca).toBe(false);
    expect(ca?.ca).toBe(true);
    expect(first.privateKey.asymmetricKeyDetails?.modulusLength).toBe(3072);
    expect(first.chain.map((c) => c.fingerprint256)).toEqual([ca?.fingerprint256]);
  });

  it('keeps private files readable by the owner only', async () => {
    const keys = join(dataDir, 'keys');
    expect((await readdir(keys)).sort()).toEqual(['ca.cert.pem', 'ca.key.pem', 'seal.p12', 'seal.p12.password']);
    for (const file of ['ca.key.pem', 'seal.p12', 'seal.p12.password']) {
      expect((await stat(join(keys, file))).mode & 0o777, file).toBe(0o600);
    }
  });

  it('reuses the same key on later starts', async () => {
    const again = await loadOrCreateSigningKey({ dataDir });
    expect(again.certificate.fingerprint256).toBe(first.certificate.fingerprint256);
    expect(again.trustedCertificates[0]?.fingerprint256).toBe(first.trustedCertificates[0]?.fingerprint256);
  });

  it('renews a seal certificate close to expiry from the same CA', async () => {
    const nearExpiry = new Date(new Date(first.certificate.validTo).getTime() - 5 * 24 * 3600 * 1000);
    const renewed = await loadOrCreateSigningKey({ dataDir, now: nearExpiry, rsaBits: 2048 });
    expect(renewed.certificate.fingerprint256).not.toBe(first.certificate.fingerprint256);
    expect(renewed.trustedCertificates[0]?.fingerprint256).toBe(first.trustedCertificates[0]?.fingerprint256);
    expect(renewed.certificate.verify((renewed.trustedCertificates[0] as X509Certificate).publicKey)).toBe(true);
    expect(renewed.certificate.subject).toContain('O=도장 전자계약'); // the CA's organization, kept
  });

  it('issues a new seal from the CA when seal.p12 is lost, and refuses a directory with nothing usable', async () => {
    const dir = join(root, 'lost');
    const original = await loadOrCreateSigningKey({ dataDir: dir, rsaBits: 2048 });
    await rm(join(dir, 'keys', 'seal.p12'));
    await rm(join(dir, 'keys', 'seal.p12.password'));
    const reissued = await loadOrCreateSigningKey({ dataDir: dir, rsaBits: 2048 });
    expect(reissued.certificate.fingerprint256).not.toBe(original.certificate.fingerprint256);
    expect(reissued.trustedCertificates[0]?.fingerprint256).toBe(original.trustedCertificates[0]?.fingerprint256);

    await rm(join(dir, 'keys', 'seal.p12'));
    await rm(join(dir, 'keys', 'ca.key.pem'));
    await expect(loadOrCreateSigningKey({ dataDir: dir, rsaBits: 2048 })).rejects.toThrow(/move it away/);
  });

  it('ends up with one key when two processes start at once', async () => {
    const shared = join(root, 'race');
    const [a, b] = await Promise.all([loadOrCreateSigningKey({ dataDir: shared, rsaBits: 2048 }), loadOrCreateSigningKey({ dataDir: shared, rsaBits: 2048 })]);
    expect(a.certificate.fingerprint256).toBe(b.certificate.fingerprint256);
    expect((await readdir(shared)).filter((f) => f.startsWith('keys'))).toEqual(['keys']);
  });

  it("uses an operator's PKCS#12 (OpenSSL 3 defaults) and trusts only that certificate", async () => {
    const dir = join(root, 'operator');
    await run('mkdir', ['-p', dir]);
    await run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-utf8',
      '-days',
      '30',
      '-subj',
      '/CN=운영자 인감/O=ACME',
      '-keyout',
      join(dir, 'op.key'),
      '-out',
      join(dir, 'op.crt'),
    ]);
    await run('openssl', [
      'pkcs12',
      '-export',
      '-inkey',
      join(dir, 'op.key'),
      '-in',
      join(dir, 'op.crt'),
      '-out',
      join(dir, 'op.p12'),
      '-passout',
      'pass:s3cret',
    ]);

    const key = await loadOrCreateSigningKey({ dataDir, p12Path: join(dir, 'op.p12'), p12Password: 's3cret' });
    expect(key.source).toBe('operator');
    expect(key.certificate.subject).toContain('CN=운영자 인감');
    // The operator's certificate, plus our own CA so documents sealed before the switch still verify.
    expect(key.trustedCertificates.map((c) => c.fingerprint256)).toEqual([key.certificate.fingerprint256, first.trustedCertificates[0]?.fingerprint256]);

    await expect(loadOrCreateSigningKey({ dataDir, p12Path: join(dir, 'op.p12'), p12Password: 'wrong' })).rejects.toThrow(DocumentError);
  });

  it("seals with an operator's EC key (P-256) and its issuer from the PKCS#12, and poppler finds the seal valid", async () => {
    const dir = join(root, 'operator-ec');
    await run('mkdir', ['-p', dir]);
    const at = (file: string) => join(dir, file);
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
    await run('openssl', ['req', '-x509', ...ec, '-days', '30', '-subj', '/CN=ACME Issuing CA', '-keyout', at('ca.key'), '-out', at('ca.crt')]);
    await run('openssl', ['req', ...ec, '-utf8', '-subj', '/CN=운영자 EC 인감/O=ACME', '-keyout', at('op.key'), '-out', at('op.csr')]);
    await run('openssl', ['x509', '-req', '-in', at('op.csr'), '-CA', at('ca.crt'), '-CAkey', at('ca.key'), '-days', '30', '-out', at('op.crt')]);
    await run('openssl', [
      'pkcs12',
      '-export',
      '-inkey',
      at('op.key'),
      '-in',
      at('op.crt'),
      '-certfile',
      at('ca.crt'),
      '-out',
      at('op.p12'),
      '-passout',
      'pass:s3cret',
    ]);

    const key = await loadOrCreateSigningKey({ dataDir, p12Path: at('op.p12'), p12Password: 's3cret' });
    expect(key.privateKey.asymmetricKeyType).toBe('ec');
    expect(key.certificate.subject).toContain('CN=운영자 EC 인감');
    expect(key.chain.map((c) => c.subject)).toEqual(['CN=ACME Issuing CA']);
    const sealed = await sealPdf((await makeSampleContractPdf({ withAppendix: false })).pdf, key, { reason: 'Dojang EC test', location: 'test', name: 'ACME' });
    expect(verifySealedPdf(sealed, key.trustedCertificates)).toMatchObject({ sealed: true, intact: true });
    expect((await pdfSig(sealed)).stdout).toContain('Signature Validation: Signature is Valid.');
  });
});
