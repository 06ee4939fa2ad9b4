// Headers of every HTML page that carries a token (signing, preview, document viewer) and of
// the signer's API: no inline script at all, embedding as configured (DOJANG_FRAME_ANCESTORS),
// no Referer (the token is in the URL), nothing cached.
import type { FastifyReply } from 'fastify';
import type { Config } from '../../config.ts';

export function contentSecurityPolicy(config: Pick<Config, 'frameAncestors'>): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${config.frameAncestors}`,
  ].join('; ');
}

/** For token-bearing responses that are not pages (JSON, PDFs, redirects). */
export function noStoreHeaders(reply: FastifyReply): FastifyReply {
  return reply.headers({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer', 'x-content-type-options': 'nosniff' });
}

export function pageHeaders(reply: FastifyReply, config: Pick<Config, 'frameAncestors'>): FastifyReply {
  return noStoreHeaders(reply).headers({ 'content-security-policy': contentSecurityPolicy(config) });
}
