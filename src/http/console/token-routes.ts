// API tokens for integrations, managed by a company's admins: made (shown once), listed, revoked.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Context } from '../../context.ts';
import { createApiToken, listApiTokens, revokeApiToken, TOKEN_DAYS } from '../../console/api-tokens.ts';
import { NoBody } from '../shared/schema-builders.ts';
import { consoleSessionOf } from './console-security.ts';
import { Nullable, problems, SECURITY, TAGS } from './schemas.ts';

const TokenRow = Type.Object({
  token_id: Type.String({ description: 'the SHA-256 of the token: names it, cannot be used as one' }),
  label: Type.String(),
  member: Type.Object({ name: Type.String(), email: Type.String() }),
  created_at: Type.String(),
  expires_at: Type.String(),
  revoked_at: Nullable(Type.String()),
  state: Type.Union([Type.Literal('active'), Type.Literal('expired'), Type.Literal('revoked')]),
});

export function tokenRoutes(scope: FastifyInstance, ctx: Context): void {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/console/api/tokens',
    {
      schema: {
        summary: "The company's named API tokens. Admins only.",
        tags: TAGS,
        security: SECURITY,
        response: { 200: Type.Object({ tokens: Type.Array(TokenRow) }), ...problems(401, 403) },
      },
    },
    async (request) => ({ tokens: await listApiTokens(ctx, consoleSessionOf(request).caller) }),
  );

  app.post(
    '/console/api/tokens',
    {
      schema: {
        summary: 'A named API token for an integration; the token is in this answer only. Admins only.',
        tags: TAGS,
        security: SECURITY,
        body: Type.Object({ label: Type.String({ maxLength: 200 }), days: Type.Integer({ description: `how long it lives: ${TOKEN_DAYS.join(', ')} days` }) }),
        response: {
          201: Type.Object({
            token: Type.String({ description: 'send it as Authorization: esignon <token> or Bearer <token>' }),
            label: Type.String(),
            expires_at: Type.String(),
          }),
          ...problems(400, 401, 403),
        },
      },
    },
    async (request, reply) => reply.code(201).send(await createApiToken(ctx, consoleSessionOf(request).caller, request.body)),
  );

  app.delete(
    '/console/api/tokens/:tokenId',
    {
      schema: {
        summary: 'Revoke a named API token: it stops working at once. Admins only.',
        tags: TAGS,
        security: SECURITY,
        params: Type.Object({ tokenId: Type.String({ pattern: '^[0-9a-f]{64}$' }) }),
        response: { 204: NoBody(), ...problems(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await revokeApiToken(ctx, consoleSessionOf(request).caller, request.params.tokenId);
      return reply.code(204).send();
    },
  );
}
