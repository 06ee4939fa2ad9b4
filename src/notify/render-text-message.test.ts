import { describe, expect, it } from 'vitest';
import { LANGUAGES, type NotificationMessage } from './message.ts';
import { ALIMTALK_TEMPLATE_KEYS, ALIMTALK_TEMPLATES, alimtalkTemplateKey, fillAlimtalkTemplate, renderAlimtalk, renderSms } from './render-text-message.ts';
import { SAMPLE_SIGNING_URL, sampleMessages } from './sample-messages.ts';
import { isSmsEncodable, smsByteLength } from './sms-encoding.ts';

const phone = { name: '이영희', identity: '010-2345-6789' };

describe('renderAlimtalk', () => {
  it('fills exactly the variables its template declares, none empty, always in Korean', () => {
    for (const language of LANGUAGES) {
      for (const message of sampleMessages(language, phone)) {
        const content = renderAlimtalk(message);
        const declared = [...new Set(ALIMTALK_TEMPLATES[content.templateKey].match(/#\{[^}]+\}/g))].sort();
        expect(Object.keys(content.variables).sort(), `${message.kind}`).toEqual(declared);
        for (const value of Object.values(content.variables)) expect(value.trim()).not.toBe('');
        expect(content.text).toBe(fillAlimtalkTemplate(ALIMTALK_TEMPLATES[content.templateKey], content.variables));
        expect(content.text).not.toMatch(/#\{/);
        expect(content.text).toMatch(/[가-힣]/);
      }
    }
  });

  it('uses every template, and its own one for a returned document', () => {
    const used = new Set(sampleMessages('ko-KR', phone).map(alimtalkTemplateKey));
    expect([...used].sort()).toEqual([...ALIMTALK_TEMPLATE_KEYS].sort());
    const returned = sampleMessages('ko-KR', phone).find((message) => message.kind === 'sign-request' && message.returned);
    const content = renderAlimtalk(returned as NotificationMessage);
    expect(content.templateKey).toBe('sign-returned');
    expect(content.variables['#{반려사유}']).toBe('금액이 계약서와 다릅니다.');
    expect(content.variables['#{서명기한}']).toBe('기한 없음');
    expect(content.text).toContain(SAMPLE_SIGNING_URL);
  });

  it('puts the link and the deadline in a sign request', () => {
    const [message] = sampleMessages('en-US', phone);
    const content = renderAlimtalk(message as NotificationMessage);
    expect(content.templateKey).toBe('sign-request');
    expect(content.variables).toMatchObject({
      '#{회사명}': '도장상사',
      '#{이름}': '이영희',
      '#{문서명}': '근로계약서',
      '#{서명기한}': '2026년 12월 31일',
      '#{링크}': SAMPLE_SIGNING_URL,
    });
  });
});

describe('renderSms', () => {
  it('is SMS up to 90 bytes and LMS with a short subject beyond', () => {
    for (const language of LANGUAGES) {
      for (const message of sampleMessages(language, phone)) {
        const sms = renderSms(message);
        const bytes = smsByteLength(sms.text);
        if (sms.type === 'SMS') {
          expect(bytes, sms.text).toBeLessThanOrEqual(90);
          expect(sms.subject).toBeNull();
        } else {
          expect(bytes, sms.text).toBeGreaterThan(90);
          expect(bytes).toBeLessThanOrEqual(2000);
          expect(sms.subject).not.toBeNull();
          expect(smsByteLength(sms.subject ?? '')).toBeLessThanOrEqual(40);
        }
        expect(isSmsEncodable(sms.text), sms.text).toBe(true);
      }
    }
  });

  it('sends a one-time code as a short SMS', () => {
    const otp = sampleMessages('ko-KR', phone).find((message) => message.kind === 'otp') as NotificationMessage;
    expect(renderSms(otp)).toEqual({
      type: 'SMS',
      text: '[도장상사] 인증번호는 482913입니다. 5분 안에 입력해 주세요.',
      subject: null,
      language: 'ko-KR',
    });
  });

  it('follows the language, and falls back to English when the carrier cannot carry it', () => {
    const [ko, , , otp] = sampleMessages('ja-JP', phone) as NotificationMessage[];
    const ja = renderSms(ko as NotificationMessage);
    expect(ja.language).toBe('ja-JP');
    expect(ja.text).toContain('署名をお願いします');
    expect(ja.text).toContain(SAMPLE_SIGNING_URL);
    // 認証コード needs characters (証, ー) that are not in EUC-KR.
    const code = renderSms(otp as NotificationMessage);
    expect(code.language).toBe('en-US');
    expect(code.text).toContain('482913');
    expect(renderSms({ ...(ko as NotificationMessage), language: 'en-US' }).text).toContain('Please sign');
  });

  it('replaces what no language can carry rather than failing', () => {
    const message = sampleMessages('ko-KR', phone).find((candidate) => candidate.kind === 'sign-request');
    if (message?.kind !== 'sign-request') throw new Error('no sample');
    const sms = renderSms({ ...message, workflowName: '계약서 ✍️' });
    expect(sms.language).toBe('ko-KR');
    expect(sms.text).toContain("'계약서 ??'");
  });

  it('keeps a long reason short and the link whole', () => {
    const [, returned] = sampleMessages('ko-KR', phone);
    const sms = renderSms({
      ...(returned as NotificationMessage & { kind: 'sign-request' }),
      returned: { by: '이영희', reason: '가'.repeat(3000) },
    });
    expect(sms.type).toBe('LMS');
    expect(sms.text).toContain('…');
    expect(sms.text.endsWith(SAMPLE_SIGNING_URL)).toBe(true);
  });
});
