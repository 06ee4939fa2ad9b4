// The secrets an export is signed with: the company's current one, and the previous one for
// a while after a rotation, so receivers can switch over without dropping events.
import type { Kysely } from 'kysely';
import type { Company, Database } from '../store/schema.ts';
import { generateWebhookSecret } from './webhook-signature.ts';
import { toTimestamp } from '../domain/time.ts';
import type { Caller } from '../accounts/access-tokens.ts';
import { assertMay } from '../accounts/permissions.ts';

export const ROTATION_GRACE_HOURS = 24;

/** The secrets to sign with at `now`, from the company's row (read with what else the export needs). */
export function signingSecrets(company: Pick<Company, 'webhook_secret' | 'webhook_secret_previous' | 'webhook_secret_previous_until'>, now: Date): string[] {
  const previousValid =
    company.webhook_secret_previous !== null && company.webhook_secret_previous_until !== null && company.webhook_secret_previous_until > toTimestamp(now);
  return previousValid ? [company.webhook_secret, company.webhook_secret_previous!] : [company.webhook_secret];
}

/** A new secret; the old one keeps signing alongside it for ROTATION_GRACE_HOURS. */
export async function rotateWebhookSecret(db: Kysely<Database>, caller: Caller, now: Date): Promise<{ secret: string; previousValidUntil: Date }> {
  assertMay(caller, 'rotate the webhook secret');
  const { companyId } = caller;
  const secret = generateWebhookSecret();
  const previousValidUntil = new Date(now.getTime() + ROTATION_GRACE_HOURS * 3_600_000);
  await db.transaction().execute(async (trx) => {
    const company = await trx.selectFrom('companies').select('webhook_secret').where('id', '=', companyId).executeTakeFirstOrThrow();
    await trx
      .updateTable('companies')
      .set({ webhook_secret: secret, webhook_secret_previous: company.webhook_secret, webhook_secret_previous_until: toTimestamp(previousValidUntil) })
      .where('id', '=', companyId)
      .execute();
  });
  return { secret, previousValidUntil };
}
