// The company's members: listed for everyone; added, given a role or removed by admins.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Context } from '../../context.ts';
import { addCompanyMember, changeMemberRole, listCompanyMembers, MEMBER_ROLES, removeCompanyMember } from '../../console/company-members.ts';
import { toMemberId } from '../../domain/ids.ts';
import { NoBody, OneOf } from '../shared/schema-builders.ts';
import { consoleSessionOf } from './console-security.ts';
import { problems, SECURITY, TAGS } from './schemas.ts';

const Role = OneOf(MEMBER_ROLES, { description: '`admin` manages members, API tokens and the webhook secret, and disposes of contracts' });

const MemberRow = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  name: Type.String(),
  role: Role,
  created_at: Type.String({ description: 'when the member was added' }),
});

// members.id is a 32-bit integer on PostgreSQL: a larger number is refused here, not by the database.
const MemberParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });

export function memberRoutes(scope: FastifyInstance, ctx: Context): void {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/console/api/members',
    {
      schema: {
        summary: "The company's members (removed ones are not listed).",
        tags: TAGS,
        security: SECURITY,
        response: { 200: Type.Object({ members: Type.Array(MemberRow) }), ...problems(401) },
      },
    },
    async (request) => ({ members: await listCompanyMembers(ctx, consoleSessionOf(request).caller) }),
  );

  app.post(
    '/console/api/members',
    {
      schema: {
        summary: "Add a member, who logs in with this email and password (console and 1001Q). A removed member's email may be added again. Admins only.",
        tags: TAGS,
        security: SECURITY,
        body: Type.Object({
          email: Type.String({ maxLength: 254 }),
          name: Type.String({ maxLength: 200 }),
          role: Role,
          password: Type.String({ maxLength: 200, description: 'the initial password, 8 characters at least' }),
        }),
        response: { 201: Type.Object({ member: MemberRow }), ...problems(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.code(201).send({ member: await addCompanyMember(ctx, consoleSessionOf(request).caller, request.body) }),
  );

  app.put(
    '/console/api/members/:id/role',
    {
      schema: {
        summary: "Change a member's role; it takes effect on their next request. The last admin stays admin. Admins only.",
        tags: TAGS,
        security: SECURITY,
        params: MemberParams,
        body: Type.Object({ role: Role }),
        response: { 200: Type.Object({ member: MemberRow }), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => ({ member: await changeMemberRole(ctx, consoleSessionOf(request).caller, toMemberId(request.params.id), request.body.role) }),
  );

  app.delete(
    '/console/api/members/:id',
    {
      schema: {
        summary:
          'Remove a member: they can no longer log in, their API tokens are revoked and their console sessions end; their contracts and templates stay. Not oneself, not the last admin. Admins only.',
        tags: TAGS,
        security: SECURITY,
        params: MemberParams,
        response: { 204: NoBody(), ...problems(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await removeCompanyMember(ctx, consoleSessionOf(request).caller, toMemberId(request.params.id));
      return reply.code(204).send();
    },
  );
}
