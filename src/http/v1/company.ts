// The company's webhook signing secret (the key of every export's webhook-signature): shown to
// members, rotated by admins.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Context } from '../../context.ts';
import { rotateWebhookSecret, ROTATION_GRACE_HOURS } from '../../exports/company-webhook-secrets.ts';
import { callerFrom } from '../shared/token-caller.ts';
import { toTimestamp } from '../../domain/time.ts';
import type { CompanyId } from '../../domain/ids.ts';
import type { WebhookSecret } from './delivery-answers.ts';

export const SecretAnswer = Type.Object({
  secret: Type.String({ description: 'whsec_…: verify webhook-signature with it (Standard Webhooks)' }),
  previous_secret: Type.Union([Type.String(), Type.Null()]),
  previous_valid_until: Type.Union([Type.String(), Type.Null()], { description: 'until then, exports carry a signature with each secret' }),
});

/** The company's signing secrets as the API shows them (v1 and console). */
export async function webhookSecretAnswer(ctx: Pick<Context, 'db' | 'clock'>, companyId: CompanyId): Promise<WebhookSecret> {
  const company = await ctx.db
    .selectFrom('companies')
    .select(['webhook_secret', 'webhook_secret_previous', 'webhook_secret_previous_until'])
    .where('id', '=', companyId)
    .executeTakeFirstOrThrow();
  const previousValid = company.webhook_secret_previous_until !== null && company.webhook_secret_previous_until > toTimestamp(ctx.clock());
  return {
    secret: company.webhook_secret,
    previous_secret: previousValid ? company.webhook_secret_previous : null,
    previous_valid_until: previousValid ? company.webhook_secret_previous_until : null,
  };
}

export function companyRoutes(app: FastifyInstance, ctx: Context): void {
  const answer = (companyId: CompanyId) => webhookSecretAnswer(ctx, companyId);

  app.get(
    '/api/v1/company/webhook-secret',
    { schema: { summary: 'The secret exports are signed with', tags: ['Dojang'], response: { 200: SecretAnswer } } },
    async (request) => answer(callerFrom(request).companyId),
  );

  app.post(
    '/api/v1/company/webhook-secret/rotate',
    {
      schema: {
        summary: `A new signing secret; the old one keeps signing alongside it for ${ROTATION_GRACE_HOURS} hours`,
        tags: ['Dojang'],
        response: { 200: SecretAnswer },
      },
    },
    async (request) => {
      const caller = callerFrom(request);
      await rotateWebhookSecret(ctx.db, caller, ctx.clock());
      return answer(caller.companyId);
    },
  );
}
