import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { WebhookSecretError } from './export-errors.ts';
import { generateWebhookSecret, signWebhook, webhookSecretKey, webhookTimestamp } from './webhook-signature.ts';

const body = JSON.stringify({
  header: { api_name: 'export' },
  body: { opinion: '확인했습니다', customer: '홍길동' },
});

function headers(id: string, at: Date, signature: string): Record<string, string> {
  return {
    'webhook-id': id,
    'webhook-timestamp': webhookTimestamp(at),
    'webhook-signature': signature,
  };
}

describe('signWebhook', () => {
  it('is verified by the standardwebhooks package', () => {
    const secret = generateWebhookSecret();
    const now = new Date();
    const signature = signWebhook({ id: 'msg_1', timestamp: now, body, secrets: [secret] });
    expect(signature).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(new Webhook(secret).verify(body, headers('msg_1', now, signature))).toEqual(JSON.parse(body));
  });

  it('matches the reference implementation byte for byte', () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const at = new Date(1_614_265_330_000);
    expect(signWebhook({ id: 'msg_p5jXN8AQM9LWM0D4loKWxJek', timestamp: at, body, secrets: [secret] })).toBe(
      new Webhook(secret).sign('msg_p5jXN8AQM9LWM0D4loKWxJek', at, body),
    );
  });

  it('signs with every secret of a rotation, and each one verifies alone', () => {
    const current = generateWebhookSecret();
    const previous = generateWebhookSecret();
    const now = new Date();
    const signature = signWebhook({
      id: 'msg_2',
      timestamp: now,
      body,
      secrets: [current, previous],
    });
    expect(signature.split(' ')).toHaveLength(2);
    for (const secret of [current, previous]) {
      expect(new Webhook(secret).verify(body, headers('msg_2', now, signature))).toEqual(JSON.parse(body));
    }
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers('msg_2', now, signature))).toThrow(WebhookVerificationError);
  });

  it('does not verify a changed body, id or timestamp', () => {
    const secret = generateWebhookSecret();
    const now = new Date();
    const signature = signWebhook({ id: 'msg_3', timestamp: now, body, secrets: [secret] });
    const webhook = new Webhook(secret);
    expect(() => webhook.verify(body.replace('홍길동', '홍길순'), headers('msg_3', now, signature))).toThrow();
    expect(() => webhook.verify(body, headers('msg_4', now, signature))).toThrow();
    expect(() => webhook.verify(body, headers('msg_3', new Date(now.getTime() - 2000), signature))).toThrow();
  });
});

describe('webhook secrets', () => {
  it('generates whsec_ secrets of 32 random bytes', () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(webhookSecretKey(a)).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(a);
  });

  it.each(['', 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'whsec_', 'whsec_not base64!', 'whsec_abc', 'whsec_c2hvcnQ='])(
    'refuses the malformed secret %j',
    (secret) => {
      expect(() => webhookSecretKey(secret)).toThrow(WebhookSecretError);
    },
  );

  it('refuses to sign with no secret', () => {
    expect(() => signWebhook({ id: 'm', timestamp: new Date(), body, secrets: [] })).toThrow(WebhookSecretError);
  });
});
