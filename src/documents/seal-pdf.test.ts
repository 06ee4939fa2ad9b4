import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSampleContractPdf } from '../demo/sample-contract.ts';
import { checkCadesSignature } from './check-cades-signature.ts';
import { fillCompletedPdf } from './fill-completed-pdf.ts';
import { sealPdf } from './seal-pdf.ts';
import { sealReason } from './seal-reason.ts';
import { pdfSig, pdfToText } from './test-support/poppler.ts';
import { sampleContractValues } from './test-support/sample-values.ts';
import { signatureOf } from './test-support/signature-of.ts';
import { flipOneByte } from './test-support/tamper.ts';
import { makeTestSigningKey } from './test-support/test-signing-key.ts';
import type { TestSigningKey } from './test-support/test-signing-key.ts';

const run = promisify(execFile);
let signing: TestSigningKey;
let template: Uint8Array;
let sealed: Uint8Array;

beforeAll(async () => {
  signing = await makeTestSigningKey('도장 시험');
  const contract = await makeSampleContractPdf({ withAppendix: true });
  template = contract.pdf;
  const completed = await fillCompletedPdf({ templatePdf: template, fields: contract.fields, values: sampleContractValues() });
  sealed = await sealPdf(completed, signing.key, {
    reason: sealReason('123'),
    location: '서울, 대한민국',
    name: '도장 (Dojang)',
    contactInfo: 'https://dojang.example',
  });
});

afterAll(() => signing.remove());

describe('sealPdf', () => {
  it('makes a PAdES signature poppler reports valid, of type ETSI.CAdES.detached, over the whole file', async () => {
    const result = await pdfSig(sealed);
    expect(result.stdout).toContain('Signature Type: ETSI.CAdES.detached');
    expect(result.stdout).toContain('Signature Validation: Signature is Valid.');
    expect(result.stdout).toContain('Total document signed');
    expect(result.stdout).toContain('Signer Certificate Common Name: 도장 시험 Document Seal');
    const { range } = signatureOf(sealed);
    expect(range[0]).toBe(0);
    expect((range[2] ?? 0) + (range[3] ?? 0)).toBe(sealed.length);
  });

  it('puts signing-certificate-v2 in the signed attributes, as PAdES requires', () => {
    const { range, cms } = signatureOf(sealed);
    const check = checkCadesSignature(cms, [sealed.subarray(0, range[1]), sealed.subarray(range[2], (range[2] ?? 0) + (range[3] ?? 0))]);
    expect(check.hasSigningCertificateV2).toBe(true);
    expect(check.signatureValid).toBe(true);
    expect(check.digestMatches).toBe(true);
    expect(check.signerCertificate.fingerprint256).toBe(signing.key.certificate.fingerprint256);
  });

  it('writes a CMS that OpenSSL verifies against our CA', async () => {
    const { range, cms } = signatureOf(sealed);
    const dir = signing.dataDir;
    await writeFile(join(dir, 'sig.der'), cms.subarray(0, checkCadesSignature(cms, []).length));
    await writeFile(join(dir, 'content.bin'), Buffer.concat([sealed.subarray(0, range[1]), sealed.subarray(range[2])]));
    const { stderr } = await run('openssl', [
      'cms',
      '-verify',
      '-binary',
      '-inform',
      'DER',
      '-in',
      join(dir, 'sig.der'),
      '-content',
      join(dir, 'content.bin'),
      '-CAfile',
      join(dir, 'keys', 'ca.cert.pem'),
      '-purpose',
      'any',
      '-out',
      '/dev/null',
    ]);
    expect(stderr).toContain('Verification successful');
  });

  it('leaves the content readable', async () => {
    expect(await pdfToText(sealed)).toContain('홍길동');
  });

  it('is caught by poppler when one byte changes', async () => {
    const result = await pdfSig(flipOneByte(sealed));
    expect(result.stdout).not.toContain('Signature is Valid');
    expect(result.stdout).toMatch(/Digest Mismatch|Signature is Invalid/);
  });

  it('adds well under 100 KB to a 3-page template (fonts subset)', () => {
    expect(sealed.length - template.length).toBeLessThan(100_000);
  });
});
