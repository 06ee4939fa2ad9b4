import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealPdf } from './seal-pdf.ts';
import { sealReason } from './seal-reason.ts';
import { flipOneByte } from './test-support/tamper.ts';
import { makeTestSigningKey } from './test-support/test-signing-key.ts';
import type { TestSigningKey } from './test-support/test-signing-key.ts';
import { parsePdfDate, verifySealedPdf } from './verify-sealed-pdf.ts';

let ours: TestSigningKey;
let theirs: TestSigningKey;
let plain: Uint8Array;
let sealed: Uint8Array;
const signingTime = new Date('2026-12-01T00:30:05Z');

beforeAll(async () => {
  [ours, theirs] = await Promise.all([makeTestSigningKey('도장'), makeTestSigningKey('Someone Else')]);
  const doc = await PDFDocument.create();
  doc.addPage().drawText('contract');
  plain = await doc.save();
  sealed = await sealPdf(plain, ours.key, { reason: sealReason('wf-42'), location: 'Seoul', name: 'Dojang', signingTime });
});

afterAll(async () => {
  await Promise.all([ours.remove(), theirs.remove()]);
});

describe('verifySealedPdf', () => {
  it('recognises our intact seal and names the workflow', () => {
    expect(verifySealedPdf(sealed, ours.key.trustedCertificates)).toEqual({
      sealed: true,
      intact: true,
      signer: '도장 Document Seal',
      signedAt: '2026-12-01T00:30:05.000Z',
      reason: 'Dojang workflow wf-42 completed',
      workflowId: 'wf-42',
    });
  });

  it('says a file with one byte changed is ours but modified', () => {
    const result = verifySealedPdf(flipOneByte(sealed), ours.key.trustedCertificates);
    expect(result).toMatchObject({ sealed: true, intact: false, problem: 'MODIFIED', workflowId: 'wf-42' });
  });

  it('notices a change hidden in the signature padding', () => {
    const range = /\/ByteRange \[0 (\d+) (\d+)/.exec(Buffer.from(sealed).toString('latin1'));
    const lastHexDigit = Number(range?.[2]) - 2; // just before the closing '>'
    expect(String.fromCharCode(sealed[lastHexDigit] ?? 0)).toBe('0');
    const tampered = new Uint8Array(sealed);
    tampered[lastHexDigit] = '1'.charCodeAt(0);
    expect(verifySealedPdf(tampered, ours.key.trustedCertificates)).toMatchObject({ sealed: true, intact: false, problem: 'MODIFIED' });
  });

  it('notices bytes appended after the seal', () => {
    const appended = Buffer.concat([sealed, Buffer.from('\n% more\n')]);
    expect(verifySealedPdf(appended, ours.key.trustedCertificates)).toMatchObject({
      sealed: true,
      intact: false,
      problem: 'NOT_WHOLE_FILE',
    });
  });

  it('does not take another certificate for ours', async () => {
    const foreign = await sealPdf(plain, theirs.key, { reason: sealReason('wf-42'), location: 'Seoul', name: 'Dojang' });
    expect(verifySealedPdf(foreign, ours.key.trustedCertificates)).toMatchObject({
      sealed: false,
      intact: false,
      problem: 'UNTRUSTED_SIGNER',
      signer: 'Someone Else Document Seal',
    });
  });

  it('answers plainly for unsigned files and garbage', () => {
    expect(verifySealedPdf(plain, ours.key.trustedCertificates)).toEqual({ sealed: false, intact: false, problem: 'NOT_SIGNED' });
    expect(verifySealedPdf(new Uint8Array(0), ours.key.trustedCertificates)).toMatchObject({ sealed: false });
    const bogus = Buffer.from('%PDF-1.7\n1 0 obj << /ByteRange [0 10 20 5] /Contents <00> >> endobj\n');
    expect(verifySealedPdf(bogus, ours.key.trustedCertificates)).toMatchObject({ sealed: false, problem: 'MALFORMED_SIGNATURE' });
  });
});

describe('parsePdfDate', () => {
  it('reads PDF dates with and without an offset', () => {
    expect(parsePdfDate('D:20261201003005Z')).toBe('2026-12-01T00:30:05.000Z');
    expect(parsePdfDate("D:20261201093005+09'00'")).toBe('2026-12-01T00:30:05.000Z');
    expect(parsePdfDate('yesterday')).toBeUndefined();
  });
});
