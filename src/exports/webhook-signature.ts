// Standard Webhooks signatures (https://www.standardwebhooks.com/): HMAC-SHA256 of
// `<webhook-id>.<webhook-timestamp>.<body>` with the company's secret, sent as `v1,<base64>`.
// During a rotation both the current and the previous secret sign, space separated, so a
// receiver holding either one verifies.

import { createHmac, randomBytes } from 'node:crypto';
import { WebhookSecretError } from './export-errors.ts';

export const WEBHOOK_SECRET_PREFIX = 'whsec_';

/** A new company secret: `whsec_` and 32 random bytes in base64. */
export function generateWebhookSecret(): string {
  return `${WEBHOOK_SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

/** The key bytes of a `whsec_<base64>` secret. */
export function webhookSecretKey(secret: string): Buffer {
  if (!secret.startsWith(WEBHOOK_SECRET_PREFIX)) {
    throw new WebhookSecretError(`a webhook secret starts with ${WEBHOOK_SECRET_PREFIX}`);
  }
  const encoded = secret.slice(WEBHOOK_SECRET_PREFIX.length);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || encoded.length % 4 !== 0) {
    throw new WebhookSecretError(`a webhook secret is ${WEBHOOK_SECRET_PREFIX} followed by base64`);
  }
  const key = Buffer.from(encoded, 'base64');
  if (key.length < 16) {
    throw new WebhookSecretError('a webhook secret has at least 16 bytes of key');
  }
  return key;
}

/** The `webhook-timestamp` value: whole seconds since the epoch. */
export function webhookTimestamp(at: Date): string {
  return String(Math.floor(at.getTime() / 1000));
}

export interface WebhookToSign {
  /** `webhook-id`: the same for every attempt of one event. */
  id: string;
  /** `webhook-timestamp`: when this attempt is made (receivers refuse old ones). */
  timestamp: Date;
  /** The exact body sent. */
  body: string;
  /** Current secret first, then any previous one still valid. */
  secrets: readonly string[];
}

/** The `webhook-signature` header value: one `v1,<base64>` per secret, space separated. */
export function signWebhook({ id, timestamp, body, secrets }: WebhookToSign): string {
  if (secrets.length === 0) throw new WebhookSecretError('at least one webhook secret is needed');
  const signed = `${id}.${webhookTimestamp(timestamp)}.${body}`;
  return secrets
    .map((secret) => {
      const mac = createHmac('sha256', webhookSecretKey(secret)).update(signed, 'utf8').digest('base64');
      return `v1,${mac}`;
    })
    .join(' ');
}
