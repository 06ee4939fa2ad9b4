import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpServer, type SmtpTestServer } from '../../test/support/smtp-server.ts';
import { startSolapiStandIn, type SolapiStandIn } from '../../test/support/solapi-stand-in.ts';
import type { NotificationMessage, Recipient } from './message.ts';
import { parseNotifyConfig } from './notify-config.ts';
import { SAMPLE_SIGNING_URL, sampleMessages } from './sample-messages.ts';
import { createNotificationSender } from './send-notification.ts';

const silent = pino({ level: 'silent' });

function signRequest(to: Recipient): NotificationMessage {
  return sampleMessages('ko-KR', to)[0] as NotificationMessage;
}

const email = { name: '김철수', identity: 'kim@example.com' };
const mobile = { name: '이영희', identity: '010-2345-6789' };

describe('NotificationSender', () => {
  it('sends everything to the development channel when nothing is configured', async () => {
    const sender = createNotificationSender({ config: parseNotifyConfig({}), logger: silent });
    expect(sender.routes).toEqual({ email: 'dev', mobile: 'dev' });

    expect(await sender.send(signRequest(email))).toMatchObject({ ok: true, channel: 'dev' });
    expect(await sender.send(signRequest(mobile))).toMatchObject({ ok: true, channel: 'dev' });
    expect(sender.dev.recent().map((entry) => [entry.message.to.identity, entry.link])).toEqual([
      ['kim@example.com', SAMPLE_SIGNING_URL],
      ['010-2345-6789', SAMPLE_SIGNING_URL],
    ]);
    await sender.close();
  });

  it('refuses an identity that is neither an email address nor a mobile number', async () => {
    const sender = createNotificationSender({ config: parseNotifyConfig({}), logger: silent });
    const result = await sender.send(signRequest({ name: 'x', identity: '02-930-2266' }));
    expect(result).toMatchObject({ ok: false, channel: 'none', errorCode: 'invalid-identity', retryable: false });
    expect(sender.dev.recent()).toHaveLength(0);
  });

  it('never throws, even for a payload that skipped validation', async () => {
    const sender = createNotificationSender({ config: parseNotifyConfig({}), logger: silent });
    const result = await sender.send({ kind: 'otp' } as unknown as NotificationMessage);
    expect(result).toMatchObject({ ok: false, errorCode: 'internal-error', retryable: false });
  });

  describe('with SMTP and SOLAPI configured', () => {
    let smtp: SmtpTestServer;
    let solapi: SolapiStandIn;

    beforeAll(async () => {
      smtp = await startSmtpServer();
      solapi = await startSolapiStandIn({ apiKey: 'KEY1234567890', apiSecret: 'SECRET' });
    });
    afterAll(async () => {
      await smtp.close();
      await solapi.close();
    });

    const config = () =>
      parseNotifyConfig({
        SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        SMTP_FROM: 'no-reply@dojang.example.com',
        SOLAPI_API_KEY: 'KEY1234567890',
        SOLAPI_API_SECRET: 'SECRET',
        SOLAPI_SENDER: '02-930-2266',
        SOLAPI_PFID: 'KA01PF0001',
        SOLAPI_TEMPLATE_SIGN_REQUEST: 'KA01TP0001',
        SOLAPI_BASE_URL: solapi.url,
      });

    it('routes by identity: email to SMTP, mobile to AlimTalk, with SMS fallback', async () => {
      const sender = createNotificationSender({ config: config(), logger: silent });
      expect(sender.routes).toEqual({ email: 'smtp', mobile: 'alimtalk+sms' });

      expect(await sender.send(signRequest(email))).toMatchObject({ ok: true, channel: 'email' });
      expect(smtp.received).toHaveLength(1);

      expect(await sender.send(signRequest(mobile))).toMatchObject({ ok: true, channel: 'alimtalk' });
      solapi.failAlimtalk('all');
      const fallback = await sender.send(signRequest(mobile));
      expect(fallback).toMatchObject({ ok: true, channel: 'sms' });
      expect(fallback.attempts.map((attempt) => attempt.channel)).toEqual(['alimtalk', 'sms']);
      expect(solapi.acceptedMessages().map((message) => message.type)).toEqual(['ATA', 'LMS']);

      expect(sender.dev.recent()).toHaveLength(0);
      await sender.close();
    });

    it('keeps the development channel for the kind of identity that is not configured', async () => {
      const { solapi: _solapi, ...smtpOnly } = config();
      const sender = createNotificationSender({ config: { ...smtpOnly, solapi: null }, logger: silent });
      expect(sender.routes).toEqual({ email: 'smtp', mobile: 'dev' });
      expect(await sender.send(signRequest(mobile))).toMatchObject({ ok: true, channel: 'dev' });
      await sender.close();
    });
  });

  it('returns a retryable failure, without throwing, when the SMTP server is down', async () => {
    const smtp = await startSmtpServer();
    const port = smtp.port;
    await smtp.close();
    const sender = createNotificationSender({
      config: parseNotifyConfig({ SMTP_URL: `smtp://127.0.0.1:${port}`, SMTP_FROM: 'no-reply@dojang.example.com' }),
      logger: silent,
      email: { connectionTimeoutMs: 500, greetingTimeoutMs: 500, socketTimeoutMs: 500 },
    });
    const started = Date.now();
    const result = await sender.send(signRequest(email));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result).toMatchObject({ ok: false, channel: 'email', retryable: true });
    await sender.close();
  });
});
