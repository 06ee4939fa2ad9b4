// Logging in and out of the console, and who is logged in (with the CSRF token to send back).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Context } from '../../context.ts';
import { closeConsoleSession, csrfTokenOf, findConsoleSession, type ConsoleSession } from '../../console/console-sessions.ts';
import { logInMember } from '../../console/log-in-member.ts';
import { origin } from '../shared/request-origin.ts';
import { said } from '../../domain/said.ts';
import { sendSaidProblem } from '../v1/problem.ts';
import { rateLimited } from '../rate-limits.ts';
import { NoBody } from '../shared/schema-builders.ts';
import { clearSessionCookie, consoleSessionOf, sessionSecretOf, setSessionCookie } from './console-security.ts';
import { problems, SECURITY, TAGS } from './schemas.ts';

const SessionAnswer = Type.Object({
  company: Type.Object({ id: Type.String(), name: Type.String() }),
  member: Type.Object({ name: Type.String(), email: Type.String(), role: Type.Union([Type.Literal('admin'), Type.Literal('member')]) }),
  csrf_token: Type.String({ description: 'send it back as X-Dojang-CSRF with every change' }),
  expires_at: Type.String(),
});

async function sessionAnswer(ctx: Context, session: ConsoleSession, secret: string) {
  return {
    company: { id: session.caller.companyId, name: session.companyName },
    member: { name: session.caller.memberName, email: session.caller.memberEmail, role: session.caller.role },
    csrf_token: await csrfTokenOf(ctx, secret),
    expires_at: session.expiresAt,
  };
}

export function sessionRoutes(scope: FastifyInstance, ctx: Context): void {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/console/api/login',
    {
      schema: {
        summary: 'Log in to the console: company id, email and password; sets the session cookie',
        tags: TAGS,
        security: [],
        body: Type.Object({
          company: Type.String({ minLength: 1, maxLength: 64 }),
          email: Type.String({ minLength: 1, maxLength: 254 }),
          password: Type.String({ minLength: 1, maxLength: 1024 }),
        }),
        response: { 200: SessionAnswer, ...problems(400, 401, 403, 429) },
      },
      config: { consolePublic: true, rateLimit: rateLimited('console-login') },
    },
    async (request, reply) => {
      // Switched off (DOJANG_CONSOLE_PASSWORD_LOGIN=false): members sign in through the company's
      // OpenID provider. 1001Q, which integrations use, still takes passwords.
      if (!ctx.config.consolePasswordLogin) return sendSaidProblem(request, reply, 403, 'password-login-off', said('consolePasswordLoginOff'));
      const outcome = await logInMember(ctx, request.body, origin(request));
      if (outcome.kind === 'locked') {
        const seconds = Math.max(1, Math.ceil((new Date(outcome.until).getTime() - ctx.clock().getTime()) / 1000));
        reply.header('retry-after', String(seconds));
        return sendSaidProblem(request, reply, 429, 'locked', said('consoleLoginLocked', { until: outcome.until }), { locked_until: outcome.until });
      }
      if (outcome.kind === 'refused') return sendSaidProblem(request, reply, 401, 'unauthorized', said('consoleLoginRefused'));
      const session = await findConsoleSession(ctx, outcome.secret);
      if (!session) throw new Error('the session just opened is missing');
      setSessionCookie(reply, ctx.config, outcome.secret);
      return sessionAnswer(ctx, session, outcome.secret);
    },
  );

  app.get(
    '/console/api/session',
    {
      schema: {
        summary: 'Who is logged in, and the CSRF token of the session',
        tags: TAGS,
        security: SECURITY,
        response: { 200: SessionAnswer, ...problems(401) },
      },
    },
    async (request) => sessionAnswer(ctx, consoleSessionOf(request), sessionSecretOf(request)!),
  );

  app.post(
    '/console/api/logout',
    { schema: { summary: 'End the session', tags: TAGS, security: SECURITY, response: { 204: NoBody(), ...problems(401, 403) } } },
    async (request, reply) => {
      await closeConsoleSession(ctx, sessionSecretOf(request)!);
      clearSessionCookie(reply, ctx.config);
      return reply.code(204).send();
    },
  );
}
