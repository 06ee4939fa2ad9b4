import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmailChannel } from './email-channel.ts';
import { LANGUAGES, type Language, type NotificationMessage } from './message.ts';
import { renderEmail } from './render-email.ts';
import { SAMPLE_SIGNING_URL, sampleMessages } from './sample-messages.ts';
import { startSmtpServer, type ReceivedMail } from '../../test/support/smtp-server.ts';

function sample(language: Language, kind: NotificationMessage['kind'] = 'sign-request'): NotificationMessage {
  const found = sampleMessages(language).find((message) => message.kind === kind);
  if (found === undefined) throw new Error(kind);
  return found;
}

const FROM = '"도장 전자계약" <no-reply@dojang.example.com>';

describe('EmailChannel with a real SMTP server', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let channel: EmailChannel;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    channel = new EmailChannel({ url: `smtp://127.0.0.1:${smtp.port}`, from: FROM }, { connectionTimeoutMs: 2000 });
  });
  afterAll(async () => {
    await channel.close();
    await smtp.close();
  });
  beforeEach(() => {
    smtp.received.length = 0;
    smtp.refuse.clear();
  });

  it('delivers a Korean sign request: subject, names, HTML and text parts, link', async () => {
    const message = sample('ko-KR');
    const result = await channel.send(message);

    expect(result).toMatchObject({ ok: true, channel: 'email' });
    expect(result.attempts).toHaveLength(1);
    expect(smtp.received).toHaveLength(1);
    const { mail, raw, envelopeTo } = smtp.received[0] as ReceivedMail;

    expect(envelopeTo).toEqual(['kim@example.com']);
    expect(mail.subject).toBe("[도장상사] '근로계약서' 서명 요청");
    // Encoded on the wire (RFC 2047), decoded intact by the parser.
    expect(raw).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/im);
    expect(mail.from?.value[0]).toEqual({ name: '도장 전자계약', address: 'no-reply@dojang.example.com' });
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0] : null).toEqual({ name: '김철수', address: 'kim@example.com' });
    expect(mail.text).toContain("도장상사에서 '근로계약서' 문서의 서명을 요청했습니다.");
    expect(mail.text).toContain(SAMPLE_SIGNING_URL);
    expect(mail.html).toContain(`href="${SAMPLE_SIGNING_URL}"`);
    expect(mail.html).toContain('문서 확인하고 서명하기');
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    expect(result.ok && result.providerId).toBe(mail.messageId);
  });

  it('delivers each language in its own words', async () => {
    const words: Record<Language, string[]> = {
      'ko-KR': ['서명 기한', '2026년 12월 31일까지'],
      'en-US': ['Review and sign', 'December 31, 2026'],
      'ja-JP': ['署名期限', '内容を確認して署名する', '2026年12月31日まで'],
    };
    for (const language of LANGUAGES) {
      const message = sample(language);
      const result = await channel.send(message);
      expect(result.ok).toBe(true);
      const { mail } = smtp.received.at(-1) as ReceivedMail;
      expect(mail.subject).toBe(renderEmail(message).subject);
      for (const word of words[language]) {
        expect(mail.text, `${language} text`).toContain(word);
        expect(mail.html, `${language} html`).toContain(word);
      }
    }
  });

  it('delivers every kind of message', async () => {
    for (const message of sampleMessages('ko-KR')) {
      expect((await channel.send(message)).ok, message.kind).toBe(true);
    }
    expect(smtp.received.map(({ mail }) => mail.subject)).toEqual(sampleMessages('ko-KR').map((message) => renderEmail(message).subject));
  });

  it('reports a refused recipient as final', async () => {
    smtp.refuse.set('kim@example.com', { code: 550, message: 'No such user' });
    const result = await channel.send(sample('ko-KR'));
    expect(result).toMatchObject({ ok: false, channel: 'email', errorCode: 'rejected', retryable: false });
    expect(result.attempts[0]?.detail.responseCode).toBe('550');
  });

  it('reports a temporary refusal as retryable', async () => {
    smtp.refuse.set('kim@example.com', { code: 451, message: 'Try again later' });
    const result = await channel.send(sample('ko-KR'));
    expect(result).toMatchObject({ ok: false, errorCode: 'provider-error', retryable: true });
  });

  it('lets no value break out of its header', async () => {
    const message = sample('ko-KR');
    if (message.kind !== 'sign-request') throw new Error('sample');
    const hostile = 'x\r\nBcc: evil@example.com';
    const result = await channel.send({ ...message, workflowName: hostile, to: { name: hostile, identity: 'kim@example.com' } });
    expect(result.ok).toBe(true);
    const { mail, envelopeTo } = smtp.received[0] as ReceivedMail;
    expect(envelopeTo).toEqual(['kim@example.com']);
    expect(mail.bcc).toBeUndefined();
    expect(mail.headers.has('bcc')).toBe(false);
  });

  it('refuses an identity that is not an email address', async () => {
    const message = { ...sample('ko-KR'), to: { name: '이영희', identity: '010-2345-6789' } };
    const result = await channel.send(message);
    expect(result).toMatchObject({ ok: false, errorCode: 'invalid-identity', retryable: false });
    expect(smtp.received).toHaveLength(0);
  });
});

describe('EmailChannel without a working SMTP server', () => {
  it('returns retryable quickly when the server is stopped, and does not throw', async () => {
    const smtp = await startSmtpServer();
    const channel = new EmailChannel(
      { url: `smtp://127.0.0.1:${smtp.port}`, from: FROM },
      { connectionTimeoutMs: 500, greetingTimeoutMs: 500, socketTimeoutMs: 1000 },
    );
    expect((await channel.send(sample('ko-KR'))).ok).toBe(true);
    await smtp.close();

    const started = Date.now();
    const result = await channel.send(sample('ko-KR'));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result).toMatchObject({ ok: false, channel: 'email', errorCode: 'unreachable', retryable: true });
    expect(result.attempts[0]?.error).toMatch(/SMTP/);
    await channel.close();
  });

  it('times out on a server that accepts the connection but never greets', async () => {
    const sockets = new Set<import('node:net').Socket>();
    const silent: TcpServer = createTcpServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    const channel = new EmailChannel(
      { url: `smtp://127.0.0.1:${port}`, from: FROM },
      { connectionTimeoutMs: 300, greetingTimeoutMs: 300, socketTimeoutMs: 600 },
    );

    const started = Date.now();
    const result = await channel.send(sample('en-US'));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result).toMatchObject({ ok: false, errorCode: 'unreachable', retryable: true });

    await channel.close();
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });
});
