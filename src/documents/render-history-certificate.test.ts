import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSampleContractPdf } from '../demo/sample-contract.ts';
import { fillCompletedPdf } from './fill-completed-pdf.ts';
import { formatTimeWithOffset } from './format-time-with-offset.ts';
import { renderHistoryCertificate } from './render-history-certificate.ts';
import type { HistoryCertificateData, HistoryEvent } from './render-history-certificate.ts';
import { sealPdf } from './seal-pdf.ts';
import { parseSealReason, sealReason } from './seal-reason.ts';
import { pdfInfo, pdfSig, pdfToText, withPdfFile } from './test-support/poppler.ts';
import { STAMP_JPEG_DATA_URL, makeSignaturePngDataUrl } from './test-support/sample-images.ts';
import { sampleContractValues } from './test-support/sample-values.ts';
import { makeTestSigningKey } from './test-support/test-signing-key.ts';
import type { TestSigningKey } from './test-support/test-signing-key.ts';
import { verifySealedPdf } from './verify-sealed-pdf.ts';

const run = promisify(execFile);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const SAFARI = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';

let signing: TestSigningKey;
let template: Uint8Array;
let completed: Uint8Array;
let data: HistoryCertificateData;
let certificate: Uint8Array;
let text: string;

/** A long, realistic history: two signers, one return and re-approval, downloads. */
function history(): HistoryEvent[] {
  const customer = { actorName: '홍길동', actorIdentity: '010-1234-5678', ip: '203.0.113.7', userAgent: SAFARI };
  const company = {
    actorName: '김대표',
    actorIdentity: 'ceo@dojang.example',
    ip: '2001:db8:85a3::8a2e:370:7334',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0',
  };
  const starter = { actorName: '김담당', actorIdentity: 'manager@dojang.example', ip: '198.51.100.20' };
  const steps: [string, object][] = [
    ['WORKFLOW_START', starter],
    ['SIGN_REQ', starter],
    ['VIEW', customer],
    ['PASSWORD_CERT', customer],
    ['MOBILE_CERT', customer],
    ['SIGN_START', customer],
    ['SIGN_COMPLETE', customer],
    ['SIGN_REQ', starter],
    ['VIEW', company],
    ['SIGN_RETURN', company],
    ['SIGN_REQ', starter],
    ['VIEW', customer],
    ['SIGN_START', customer],
    ['SIGN_COMPLETE', customer],
    ['SIGN_REQ', starter],
    ['RESEND', starter],
    ['VIEW', company],
    ['SIGN_START', company],
  ];
  const events = [...steps, ...steps.slice(2, 10), ['SIGN_COMPLETE', company] as [string, object], ['WORKFLOW_COMPLETE', starter] as [string, object]];
  const start = Date.UTC(2026, 11, 1, 0, 30, 5);
  return events.map(([stepCode, actor], i) => ({ stepCode, at: new Date(start + i * 97_000).toISOString(), ...actor }));
}

beforeAll(async () => {
  signing = await makeTestSigningKey();
  const contract = await makeSampleContractPdf({ withAppendix: true });
  template = contract.pdf;
  const values = sampleContractValues();
  completed = await sealPdf(await fillCompletedPdf({ templatePdf: template, fields: contract.fields, values }), signing.key, {
    reason: sealReason('123'),
    location: 'Seoul',
    name: 'Dojang',
  });
  const events = history();
  data = {
    workflow: { id: '123', name: '서비스 이용 계약서 — 홍길동', startedAt: events[0]?.at ?? '', completedAt: events.at(-1)?.at ?? '' },
    template: { id: 'tpl-7', name: '서비스 이용 계약서 v3' },
    company: { id: 'dojang-soft', name: '주식회사 도장소프트' },
    starter: { name: '김담당', email: 'manager@dojang.example' },
    signers: [
      {
        step: 2,
        name: '김대표',
        identity: 'ceo@dojang.example',
        verification: ['email_link'],
        ip: '2001:db8:85a3::8a2e:370:7334',
        userAgent: 'Chrome/131.0',
        signedAt: events.at(-2)?.at ?? '',
        signatureImage: STAMP_JPEG_DATA_URL,
      },
      {
        step: 1,
        name: '홍길동',
        identity: '010-1234-5678',
        verification: ['sms_link', 'password', 'mobile_otp'],
        ip: '203.0.113.7',
        userAgent: SAFARI,
        signedAt: events[13]?.at ?? '',
        signatureImage: makeSignaturePngDataUrl(),
      },
    ],
    events,
    templatePdfSha256: sha256(template),
    completedPdfSha256: sha256(completed),
    verifyUrl: 'https://dojang.example.com/verify?wf=123',
    displayOffset: '+09:00',
    issuedAt: events.at(-1)?.at ?? '',
  };
  certificate = await renderHistoryCertificate(data);
  text = await pdfToText(certificate);
});

afterAll(() => signing.remove());

describe('renderHistoryCertificate', () => {
  it('is titled in Korean with its English subtitle, on A4 pages, several when the history is long', async () => {
    expect(text).toContain('이력 인증서');
    expect(text).toContain('Certificate of Completion');
    const info = await pdfInfo(certificate);
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeGreaterThanOrEqual(2);
  });

  it('names the workflow, template, company and starter', () => {
    for (const expected of [
      '서비스 이용 계약서 — 홍길동',
      'ID 123',
      '서비스 이용 계약서 v3',
      'ID tpl-7',
      '주식회사 도장소프트',
      '김담당 <manager@dojang.example>',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('lists each signer with identity, verification, IP, user agent and signed time with offset', () => {
    for (const expected of [
      '1단계 서명자',
      '2단계 서명자',
      '홍길동',
      '010-1234-5678',
      'ceo@dojang.example',
      '비밀번호 (password)',
      '휴대폰 인증번호',
      '203.0.113.7',
      'Safari/604.1',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toContain(formatTimeWithOffset(data.signers[0]?.signedAt ?? '', '+09:00'));
  });

  it('lists every event with its step_code and time with offset', () => {
    const flat = text.replace(/\s+/g, ' ');
    for (const event of data.events) expect(flat).toContain(`${event.stepCode} ${formatTimeWithOffset(event.at, '+09:00')}`);
    expect(text).toMatch(/2026-12-01 09:30:05 \+09:00/);
  });

  it('prints the SHA-256 of the original template and of the completed sealed PDF, matching the files', () => {
    const hashes = text.match(/\b[0-9a-f]{64}\b/g);
    expect(hashes).toEqual([sha256(template), sha256(completed)]);
  });

  it('prints the verification URL and embeds both signature images', async () => {
    expect(text).toContain(data.verifyUrl);
    const images = await withPdfFile(certificate, async (path) => (await run('pdfimages', ['-list', path])).stdout);
    const types = images
      .split('\n')
      .slice(2)
      .map((line) => line.trim().split(/\s+/)[2]);
    expect(types.filter((type) => type === 'image')).toHaveLength(2); // the PNG (with its soft mask) and the JPEG
  });

  it('can be sealed the same way, and verification says it is the certificate of workflow 123', async () => {
    const sealed = await sealPdf(certificate, signing.key, { reason: sealReason('123', 'history certificate'), location: 'Seoul', name: 'Dojang' });
    expect((await pdfSig(sealed)).stdout).toContain('Signature is Valid');
    const result = verifySealedPdf(sealed, signing.key.trustedCertificates);
    expect(result.intact).toBe(true);
    expect(parseSealReason(result.reason ?? '')).toEqual({ workflowId: '123', kind: 'history certificate' });
  });
});
