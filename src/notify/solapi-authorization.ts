// SOLAPI's API-key authentication (docs: authentication/api-key):
//   Authorization: HMAC-SHA256 apiKey=<key>, date=<ISO 8601>, salt=<12–64 random chars>,
//                  signature=<hex HMAC-SHA256 of date+salt keyed with the API secret>
// The server refuses a date more than 15 minutes off and any signature seen before,
// so every request gets a fresh salt.

import { createHmac, randomBytes } from 'node:crypto';

export function solapiSignature(apiSecret: string, date: string, salt: string): string {
  return createHmac('sha256', apiSecret)
    .update(date + salt)
    .digest('hex');
}

export function solapiAuthorization(apiKey: string, apiSecret: string, now: Date = new Date(), salt: string = randomBytes(16).toString('hex')): string {
  // Whole seconds, as in SOLAPI's own examples (2019-07-01T00:41:48Z).
  const date = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `HMAC-SHA256 apiKey=${apiKey}, date=${date}, salt=${salt}, signature=${solapiSignature(apiSecret, date, salt)}`;
}
