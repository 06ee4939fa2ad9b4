// 1001Q 인증토큰 발급: POST /api/:companyId/login
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { login } from '../../accounts/access-tokens.ts';
import { MAX_EMAIL_LENGTH, MAX_LOGIN_FAILURES, withLoginGuard } from '../../accounts/login-guard.ts';
import { MAX_PASSWORD_LENGTH } from '../../security/hash-password.ts';
import type { Context } from '../../context.ts';
import { formatInOffset } from '../../domain/time.ts';
import { envelope } from './envelope.ts';
import { said } from '../../domain/said.ts';
import { rateLimited } from '../rate-limits.ts';
import { CompanyParams, Envelope, ResponseEnvelope } from './schemas.ts';
import { toCompanyId } from '../../domain/ids.ts';

export function loginRoute(scope: FastifyInstance, ctx: Context): void {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/api/:companyId/login',
    {
      schema: {
        summary: 'Log in (1001Q): an access token for 30 days',
        tags: ['eSignon'],
        params: CompanyParams,
        body: Envelope(
          '1001Q',
          Type.Object(
            {
              memb_email: Type.String({ maxLength: MAX_EMAIL_LENGTH, description: "the member's email" }),
              memb_pwd: Type.String({ maxLength: MAX_PASSWORD_LENGTH, description: "the member's password" }),
            },
            { additionalProperties: true },
          ),
        ),
        response: {
          200: ResponseEnvelope(
            Type.Object({
              access_token: Type.Optional(Type.String()),
              comp_id: Type.Optional(Type.String()),
              device_id: Type.Optional(Type.String()),
              expire_date: Type.Optional(Type.String()),
              memb_email: Type.Optional(Type.String()),
            }),
          ),
        },
      },
      config: { esignonCode: '1001A', public: true, rateLimit: rateLimited('login') },
    },
    async (request) => {
      const companyId = toCompanyId(request.params.companyId);
      const { memb_email, memb_pwd } = request.body.body;
      const outcome = await withLoginGuard(ctx, companyId, memb_email, request.ip, () => login(ctx, companyId, memb_email, memb_pwd));
      if (outcome.kind === 'locked') {
        return envelope(request, '1001A', '10', said('loginLocked', { failures: MAX_LOGIN_FAILURES, until: outcome.until }), {});
      }
      if (outcome.kind === 'refused') return envelope(request, '1001A', '10', said('loginRefused'), {});
      const result = outcome.value;
      const company = await ctx.db.selectFrom('companies').select('utc_offset').where('id', '=', companyId).executeTakeFirstOrThrow();
      return envelope(request, '1001A', '00', said('loggedIn'), {
        access_token: result.token,
        comp_id: companyId,
        device_id: '',
        expire_date: formatInOffset(result.expiresAt, company.utc_offset),
        memb_email: result.email,
      });
    },
  );
}
