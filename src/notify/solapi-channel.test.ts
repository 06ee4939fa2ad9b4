import { createHmac } from 'node:crypto';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSolapiStandIn, type SolapiStandIn } from '../../test/support/solapi-stand-in.ts';
import type { NotificationMessage } from './message.ts';
import type { SolapiConfig } from './notify-config.ts';
import { ALIMTALK_TEMPLATE_KEYS, renderAlimtalk, renderSms, type AlimtalkTemplateKey } from './render-text-message.ts';
import { SAMPLE_SIGNING_URL, sampleMessages } from './sample-messages.ts';
import { SOLAPI_SEND_PATH } from './send-solapi-message.ts';
import { solapiAuthorization } from './solapi-authorization.ts';
import { SolapiChannel } from './solapi-channel.ts';

const API_KEY = 'NCSAYU7YDBXYORXC';
const API_SECRET = 'X2vA9qPzL0sT4mWbR7cE1nHkJ6dF3gYu';
const PFID = 'KA01PF2604011234567890ABCDEFGHIJ';

const TEMPLATES = Object.fromEntries(ALIMTALK_TEMPLATE_KEYS.map((key) => [key, `KA01TP-${key}`])) as Record<AlimtalkTemplateKey, string>;

const phone = { name: '이영희', identity: '010-2345-6789' };

function sample(kind: NotificationMessage['kind'], language: NotificationMessage['language'] = 'ko-KR'): NotificationMessage {
  const found = sampleMessages(language, phone).find((message) => message.kind === kind);
  if (found === undefined) throw new Error(kind);
  return found;
}

describe('SolapiChannel against the SOLAPI stand-in', () => {
  let standIn: SolapiStandIn;
  let config: SolapiConfig;

  beforeAll(async () => {
    standIn = await startSolapiStandIn({ apiKey: API_KEY, apiSecret: API_SECRET });
    config = { apiKey: API_KEY, apiSecret: API_SECRET, sender: '029302266', pfId: PFID, templates: TEMPLATES, baseUrl: standIn.url };
  });
  afterAll(() => standIn.close());
  beforeEach(() => standIn.reset());

  it('sends a well-formed, correctly signed AlimTalk request for a phone identity', async () => {
    const message = sample('sign-request');
    const result = await new SolapiChannel(config).send(message);

    expect(result).toMatchObject({ ok: true, channel: 'alimtalk' });
    expect(result.attempts).toHaveLength(1);
    expect(standIn.requests).toHaveLength(1);
    const request = standIn.requests[0];
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe(SOLAPI_SEND_PATH);
    expect(request?.authError).toBeNull();
    expect(request?.validationError).toBeNull();
    expect(request?.messages).toEqual([
      {
        to: '01023456789',
        from: '029302266',
        type: 'ATA',
        kakaoOptions: {
          pfId: PFID,
          templateId: 'KA01TP-sign-request',
          variables: renderAlimtalk(message).variables,
          // KakaoTalk failing later, after SOLAPI accepted it: SOLAPI sends it as SMS/LMS.
          disableSms: false,
        },
      },
    ]);

    // The header, checked here once more by hand against SOLAPI's documented format.
    const header = request?.authorization ?? '';
    const match = /^HMAC-SHA256 apiKey=(\w+), date=(\S+), salt=(\w{12,64}), signature=([0-9a-f]{64})$/.exec(header);
    expect(match?.[1]).toBe(API_KEY);
    expect(Math.abs(Date.parse(match?.[2] ?? '') - Date.now())).toBeLessThan(60_000);
    expect(match?.[4]).toBe(createHmac('sha256', API_SECRET).update(`${match?.[2]}${match?.[3]}`).digest('hex'));

    // The provider's message id is what the worker records, and the attempt says what happens if KakaoTalk cannot deliver it.
    expect(result.ok && result.providerId).toMatch(/^M4V/);
    expect(result.attempts[0]?.detail.undelivered).toBe('SOLAPI sends it as SMS/LMS instead');
  });

  it('uses the template of each situation', async () => {
    const channel = new SolapiChannel(config);
    for (const message of sampleMessages('en-US', phone)) {
      expect((await channel.send(message)).channel).toBe('alimtalk');
    }
    expect(standIn.acceptedMessages().map((message) => message.kakaoOptions?.templateId)).toEqual(
      sampleMessages('ko-KR', phone).map((message) => TEMPLATES[renderAlimtalk(message).templateKey]),
    );
  });

  it('falls back to LMS when AlimTalk fails, and records both attempts', async () => {
    standIn.failAlimtalk('all');
    const message = sample('sign-request');
    const result = await new SolapiChannel(config).send(message);

    expect(result).toMatchObject({ ok: true, channel: 'sms' });
    expect(result.attempts.map((attempt) => [attempt.channel, attempt.ok])).toEqual([
      ['alimtalk', false],
      ['sms', true],
    ]);
    expect(result.attempts[0]).toMatchObject({ errorCode: 'rejected', detail: { statusCode: '3104' } });
    expect(result.attempts[1]?.detail).toMatchObject({ type: 'LMS', language: 'ko-KR' });

    const [alimtalk, sms] = standIn.requests;
    expect(alimtalk?.refused.map((refused) => refused.type)).toEqual(['ATA']);
    expect(sms?.authError).toBeNull();
    const expected = renderSms(message);
    expect(sms?.messages).toEqual([{ to: '01023456789', from: '029302266', type: 'LMS', text: expected.text, subject: expected.subject }]);
    expect(sms?.messages[0]?.text).toContain(SAMPLE_SIGNING_URL);
  });

  it('falls back to a short SMS for a one-time code', async () => {
    standIn.failAlimtalk('all');
    const result = await new SolapiChannel(config).send(sample('otp'));
    expect(result).toMatchObject({ ok: true, channel: 'sms' });
    expect(standIn.acceptedMessages()).toEqual([
      { to: '01023456789', from: '029302266', type: 'SMS', text: '[도장상사] 인증번호는 482913입니다. 5분 안에 입력해 주세요.' },
    ]);
  });

  it('falls back only for the template that fails', async () => {
    standIn.failAlimtalk({ templateId: TEMPLATES.completed });
    const channel = new SolapiChannel(config);
    expect((await channel.send(sample('completed'))).channel).toBe('sms');
    expect((await channel.send(sample('canceled'))).channel).toBe('alimtalk');
  });

  it('sends SMS/LMS straight away when a situation has no template, or there is no KakaoTalk channel', async () => {
    const { otp: _otp, ...withoutOtp } = TEMPLATES;
    const partial = new SolapiChannel({ ...config, templates: withoutOtp });
    const result = await partial.send(sample('otp', 'en-US'));
    expect(result).toMatchObject({ ok: true, channel: 'sms' });
    expect(result.attempts).toHaveLength(1);

    const smsOnly = new SolapiChannel({ ...config, pfId: null, templates: {} });
    expect((await smsOnly.send(sample('sign-request', 'ja-JP'))).channel).toBe('sms');
    expect(standIn.acceptedMessages().map((message) => message.type)).toEqual(['SMS', 'LMS']);
    expect(standIn.acceptedMessages()[1]?.text).toContain('署名をお願いします');
  });

  it('reports bad credentials as retryable (an operator fixes them once for every message)', async () => {
    const result = await new SolapiChannel({ ...config, apiSecret: 'wrong' }).send(sample('sign-request'));
    expect(result).toMatchObject({ ok: false, channel: 'sms', errorCode: 'unauthorized', retryable: true });
    expect(result.attempts.map((attempt) => attempt.errorCode)).toEqual(['unauthorized', 'unauthorized']);
    expect(result.ok ? '' : result.error).toContain('SignatureDoesNotMatch');
    expect(standIn.requests.every((request) => request.authError?.startsWith('SignatureDoesNotMatch'))).toBe(true);
  });

  it('reports a provider outage as retryable', async () => {
    standIn.failRequests(503);
    const result = await new SolapiChannel(config).send(sample('sign-request'));
    expect(result).toMatchObject({ ok: false, errorCode: 'provider-error', retryable: true });
    expect(result.attempts).toHaveLength(2);
  });

  it('refuses an identity that is not a mobile number', async () => {
    const message = { ...sample('otp'), to: { name: 'Kim', identity: 'kim@example.com' } };
    const result = await new SolapiChannel(config).send(message);
    expect(result).toMatchObject({ ok: false, errorCode: 'invalid-identity', retryable: false });
    expect(standIn.requests).toHaveLength(0);
  });
});

describe('SolapiChannel when SOLAPI cannot be reached', () => {
  it('returns retryable quickly and does not throw', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));

    const channel = new SolapiChannel(
      { apiKey: API_KEY, apiSecret: API_SECRET, sender: '029302266', pfId: PFID, templates: TEMPLATES, baseUrl: `http://127.0.0.1:${port}` },
      { timeoutMs: 1000 },
    );
    const started = Date.now();
    const result = await channel.send(sample('sign-request'));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result).toMatchObject({ ok: false, errorCode: 'unreachable', retryable: true });
  });
});

describe('the SOLAPI stand-in', () => {
  let standIn: SolapiStandIn;
  beforeAll(async () => {
    standIn = await startSolapiStandIn({ apiKey: API_KEY, apiSecret: API_SECRET });
  });
  afterAll(() => standIn.close());

  const post = (authorization: string, body: unknown = { messages: [{ to: '01023456789', from: '029302266', type: 'SMS', text: 'hi' }] }) =>
    fetch(`${standIn.url}${SOLAPI_SEND_PATH}`, {
      method: 'POST',
      headers: { Authorization: authorization, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('refuses a reused signature, a stale date, a wrong key and a malformed message', async () => {
    const header = solapiAuthorization(API_KEY, API_SECRET);
    expect((await post(header)).status).toBe(200);
    const reused = await post(header);
    expect(reused.status).toBe(403);
    expect(await reused.json()).toMatchObject({ errorCode: 'DuplicatedSignature' });

    const stale = await post(solapiAuthorization(API_KEY, API_SECRET, new Date(Date.now() - 20 * 60 * 1000)));
    expect(await stale.json()).toMatchObject({ errorCode: 'RequestTimeTooSkewed' });

    const wrongKey = await post(solapiAuthorization('SOMEONEELSE', API_SECRET));
    expect(await wrongKey.json()).toMatchObject({ errorCode: 'InvalidAPIKey' });

    const tooLong = await post(solapiAuthorization(API_KEY, API_SECRET), {
      messages: [{ to: '01023456789', from: '029302266', type: 'SMS', text: '가'.repeat(46) }],
    });
    expect(tooLong.status).toBe(400);
    expect(await tooLong.json()).toMatchObject({ errorCode: 'ValidationError' });
  });
});
