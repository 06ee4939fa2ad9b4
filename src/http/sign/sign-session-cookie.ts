// A verified session travels as an HttpOnly cookie (same-site use) or as the header
// X-Dojang-Sign-Session (servers, and iframes where third-party cookies are blocked). The
// cookie's name is derived from the link, so one browser can hold sessions for several links.
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import type { SignLink } from '../../signing/open-sign-link.ts';
import { SESSION_MINUTES } from '../../signing/sign-sessions.ts';

export const SESSION_HEADER = 'x-dojang-sign-session';
const COOKIE_PATH = '/api/sign/';

const cookieName = (link: SignLink) => `dojang_sign_${link.tokenHash.slice(0, 16)}`;

export function sessionSecretOf(request: FastifyRequest, link: SignLink): string | null {
  const header = request.headers[SESSION_HEADER];
  if (typeof header === 'string' && header.trim() !== '') return header.trim();
  return request.cookies?.[cookieName(link)] ?? null;
}

export function setSessionCookie(reply: FastifyReply, config: Pick<Config, 'publicUrl'>, link: SignLink, secret: string): void {
  reply.setCookie(cookieName(link), secret, {
    path: COOKIE_PATH,
    httpOnly: true,
    sameSite: 'lax',
    secure: config.publicUrl.startsWith('https:'),
    maxAge: SESSION_MINUTES * 60,
  });
}
