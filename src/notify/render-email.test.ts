import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language, type NotificationMessage } from './message.ts';
import { escapeHtml } from '../html/escape-html.ts';
import { renderEmail } from './render-email.ts';
import { SAMPLE_CERTIFICATE_URL, SAMPLE_DOCUMENT_URL, SAMPLE_SIGNING_URL, sampleMessages } from './sample-messages.ts';

/** A word each language's signing request must contain, and the others must not. */
const SIGN_WORD: Record<Language, string> = { 'ko-KR': '서명해 주세요', 'en-US': 'Review and sign', 'ja-JP': '署名をお願いいたします' };

function sample(language: Language, kind: NotificationMessage['kind']): NotificationMessage {
  const found = sampleMessages(language).find((message) => message.kind === kind);
  if (found === undefined) throw new Error(kind);
  return found;
}

describe('renderEmail', () => {
  it('renders every kind in every language with a subject, HTML and text', () => {
    for (const language of LANGUAGES) {
      for (const message of sampleMessages(language)) {
        const email = renderEmail(message);
        expect(email.subject.length, `${language} ${message.kind}`).toBeGreaterThan(0);
        expect(email.html).toContain(`<html lang="${language}">`);
        expect(email.text.length).toBeGreaterThan(20);
        expect(email.html).not.toMatch(/<style|<script|class="/);
      }
    }
  });

  it('speaks the recipient language', () => {
    for (const language of LANGUAGES) {
      const email = renderEmail(sample(language, 'sign-request'));
      expect(email.text).toContain(SIGN_WORD[language]);
      for (const other of LANGUAGES.filter((candidate) => candidate !== language)) {
        expect(email.text).not.toContain(SIGN_WORD[other]);
      }
    }
    expect(renderEmail(sample('ko-KR', 'sign-request')).subject).toBe("[도장상사] '근로계약서' 서명 요청");
    expect(renderEmail(sample('en-US', 'sign-request')).subject).toBe('도장상사 requests your signature on "근로계약서"');
    expect(renderEmail(sample('ja-JP', 'sign-request')).subject).toBe('【도장상사】「근로계약서」署名のお願い');
  });

  it('carries the contract name, company, comment, expiry date and link', () => {
    const expected: Record<Language, string> = {
      'ko-KR': '2026년 12월 31일까지',
      'en-US': 'December 31, 2026',
      'ja-JP': '2026年12月31日まで',
    };
    for (const language of LANGUAGES) {
      const { html, text } = renderEmail(sample(language, 'sign-request'));
      for (const part of [html, text]) {
        expect(part).toContain('근로계약서');
        expect(part).toContain('도장상사');
        expect(part).toContain('계약 내용을 확인하시고 서명 부탁드립니다.');
        expect(part).toContain(expected[language]);
      }
      expect(html).toContain(`href="${escapeHtml(SAMPLE_SIGNING_URL)}"`);
      expect(text).toContain(SAMPLE_SIGNING_URL);
      // The comment keeps its line break.
      expect(html).toContain('서명 부탁드립니다.<br>문의: 02-930-2266');
    }
  });

  it('says who returned the document and why', () => {
    const returned = sampleMessages('ko-KR').find((message) => message.kind === 'sign-request' && message.returned);
    const { subject, text } = renderEmail(returned as NotificationMessage);
    expect(subject).toContain('반려');
    expect(text).toContain('이영희님이');
    expect(text).toContain('금액이 계약서와 다릅니다.');
    expect(text).toContain('기한 없음');
  });

  it('marks a resend as a reminder', () => {
    expect(renderEmail(sample('ko-KR', 'resend')).subject).toContain('재발송');
    expect(renderEmail(sample('en-US', 'resend')).subject).toMatch(/^Reminder/);
    expect(renderEmail(sample('ja-JP', 'resend')).subject).toMatch(/^【再送】/);
  });

  it('shows the one-time code and how long it lasts', () => {
    const ko = renderEmail(sample('ko-KR', 'otp'));
    expect(ko.text).toContain('482913');
    expect(ko.text).toContain('5분 안에');
    expect(ko.html).toContain('482913');
    expect(renderEmail(sample('en-US', 'otp')).text).toContain('valid for 5 minutes');
    expect(renderEmail(sample('ja-JP', 'otp')).text).toContain('5分以内');
  });

  it('links the completed document and the certificate', () => {
    for (const language of LANGUAGES) {
      const { html, text } = renderEmail(sample(language, 'completed'));
      expect(html).toContain(escapeHtml(SAMPLE_DOCUMENT_URL));
      expect(html).toContain(escapeHtml(SAMPLE_CERTIFICATE_URL));
      expect(text).toContain(SAMPLE_CERTIFICATE_URL);
    }
  });

  it('explains each way a contract is canceled', () => {
    const texts = sampleMessages('ko-KR')
      .filter((message) => message.kind === 'canceled')
      .map((message) => renderEmail(message).text);
    expect(texts[0]).toContain('도장상사에서');
    expect(texts[0]).toContain('조건 변경으로 다시 보내 드립니다.');
    expect(texts[1]).toContain('김철수님이 문서를 반려하여');
    expect(texts[2]).toContain('서명 기한이 지나');
    const en = sampleMessages('en-US')
      .filter((message) => message.kind === 'canceled')
      .map((message) => renderEmail(message).text);
    expect(en[2]).toContain('signing deadline passed');
  });

  it('says the deadline is tomorrow in an expiry reminder', () => {
    expect(renderEmail(sample('ko-KR', 'expiry-reminder')).text).toContain('내일(2026년 12월 31일)');
    expect(renderEmail(sample('en-US', 'expiry-reminder')).text).toContain('tomorrow, December 31, 2026');
    expect(renderEmail(sample('ja-JP', 'expiry-reminder')).text).toContain('明日（2026年12月31日）');
  });

  it('escapes every interpolated value in the HTML', () => {
    const hostile = '<img src=x onerror="alert(1)">&\'';
    const message: NotificationMessage = {
      kind: 'sign-request',
      language: 'ko-KR',
      to: { name: hostile, identity: 'kim@example.com' },
      companyName: hostile,
      workflowName: hostile,
      comment: hostile,
      signingUrl: 'https://dojang.example.com/sign?token=a&b="c"',
      expiresOn: null,
      returned: { by: hostile, reason: hostile },
    };
    const { html, text } = renderEmail(message);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('onerror="');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;');
    expect(html).toContain('href="https://dojang.example.com/sign?token=a&amp;b=&quot;c&quot;"');
    // The text part is not HTML: it keeps the characters as they are.
    expect(text).toContain(hostile);
  });
});
