// Who may call the console's JSON API: a member with a live session cookie, and for every
// change, a request that came from the console's own page: the CSRF token (derived from the
// session, sent back as X-Dojang-CSRF) must match, and an Origin, when sent, must be ours.
// Login has no session yet, so it relies on the Origin check and on JSON (which a cross-site
// form cannot send without a preflight that the console never grants).
import type {} from '@fastify/cookie';
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import type { Context } from '../../context.ts';
import { csrfTokenOf, findConsoleSession, SESSION_MAX_HOURS, type ConsoleSession } from '../../console/console-sessions.ts';
import { said } from '../../domain/said.ts';
import { sendSaidProblem } from '../v1/problem.ts';

export const SESSION_COOKIE = 'dojang_console';
export const CSRF_HEADER = 'x-dojang-csrf';
const COOKIE_PATH = '/console';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A console route that needs no session (login, the page itself). */
    consolePublic?: boolean;
  }
  interface FastifyRequest {
    consoleSession?: ConsoleSession;
  }
}

export function consoleSessionOf(request: FastifyRequest): ConsoleSession {
  if (!request.consoleSession) throw new Error('console route without a session');
  return request.consoleSession;
}

export function setSessionCookie(reply: FastifyReply, config: Pick<Config, 'publicUrl'>, secret: string): void {
  reply.setCookie(SESSION_COOKIE, secret, {
    path: COOKIE_PATH,
    httpOnly: true,
    sameSite: 'lax',
    secure: config.publicUrl.startsWith('https:'),
    maxAge: SESSION_MAX_HOURS * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Pick<Config, 'publicUrl'>): void {
  reply.clearCookie(SESSION_COOKIE, { path: COOKIE_PATH, httpOnly: true, sameSite: 'lax', secure: config.publicUrl.startsWith('https:') });
}

export const sessionSecretOf = (request: FastifyRequest): string | null => request.cookies?.[SESSION_COOKIE] ?? null;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** True when the request comes from our own origin, or from no browser page at all (curl, servers). */
export function fromOurOrigin(request: FastifyRequest, config: Pick<Config, 'publicUrl'>): boolean {
  const ours = new Set([new URL(config.publicUrl).origin, `${request.protocol}://${request.host}`]);
  const origin = request.headers.origin;
  if (typeof origin === 'string' && origin !== '') return ours.has(origin);
  // Sec-Fetch-Site is sent by every current browser; "same-origin" is the console's own page.
  const site = request.headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin' || site === 'none';
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function installConsoleSecurity(app: FastifyInstance, ctx: Context): void {
  // Before the body is read: a caller without a session or a token learns so at once.
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/console/api/')) return;
    const changing = !SAFE_METHODS.has(request.method);
    if (changing && !fromOurOrigin(request, ctx.config)) {
      return sendSaidProblem(request, reply, 403, 'forbidden', said('crossSiteRefused'));
    }
    if (request.routeOptions.config.consolePublic) return;
    const secret = sessionSecretOf(request);
    const session = await findConsoleSession(ctx, secret);
    if (!session || !secret) return sendSaidProblem(request, reply, 401, 'unauthorized', said('consoleLogInFirst'));
    if (changing) {
      const given = request.headers[CSRF_HEADER];
      if (typeof given !== 'string' || !sameSecret(given, await csrfTokenOf(ctx, secret))) {
        return sendSaidProblem(request, reply, 403, 'csrf', said('csrfTokenRequired', { header: CSRF_HEADER }));
      }
    }
    request.consoleSession = session;
  });
}
