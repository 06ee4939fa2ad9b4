// A random secret kept in the database (so every process sharing it agrees), for values the
// server signs rather than stores, such as preview links.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';

const cache = new WeakMap<Kysely<Database>, Buffer>();

export async function serverSecret(db: Kysely<Database>): Promise<Buffer> {
  const known = cache.get(db);
  if (known) return known;
  await db
    .insertInto('settings')
    .values({ key: 'server_secret', value: randomBytes(32).toString('base64') })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'server_secret').executeTakeFirstOrThrow();
  const secret = Buffer.from(row.value, 'base64');
  cache.set(db, secret);
  return secret;
}

/** `<base64url JSON>.<base64url HMAC>` */
export function signValue(secret: Buffer, value: unknown): string {
  const body = Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

export function openSignedValue(secret: Buffer, signed: string): unknown {
  const [body, mac] = signed.split('.');
  if (!body || !mac) return null;
  const expected = createHmac('sha256', secret).update(body).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
}
