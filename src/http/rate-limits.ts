// Rate limits of the endpoints anyone can reach: login, the signing link's API, document links,
// previews and verification (@fastify/rate-limit, counting in the database so that every process
// sharing it counts together). Each limit keys on the credential the request carries (the link,
// the email), not the address alone: an integrator's server sends everything from one address,
// and an office's signers share one. Only verification, which carries no credential, counts by
// address. Checked when the request arrives, before its body is read.
import rateLimit, { type FastifyRateLimitStore, type RateLimitOptions } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Context } from '../context.ts';
import { DojangError } from '../errors.ts';
import { said } from '../domain/said.ts';
import { countInWindow } from '../security/count-in-window.ts';
import { sha256Hex } from '../security/random-token.ts';
import { textAt } from './shared/unvalidated-fields.ts';

const MINUTE = 60_000;

/** A key that holds no secret: the kind of limit and a hash of what it counts. */
const keyOf = (kind: string, ...parts: string[]) => `${kind}:${sha256Hex(parts.join('\n'))}`;
// Counted before validation: the request's parts are read as whatever the client sent.
const tokenParam = (request: FastifyRequest) => textAt(request.params, 'token');
const tokenQuery = (request: FastifyRequest) => textAt(request.query, 'token');
const emailOf = (text: string) => text.trim().toLowerCase();

export type RateLimitKind = 'login' | 'console-login' | 'console-oidc' | 'signing-page' | 'signing-link' | 'document-link' | 'preview' | 'verify';

/** Each kind's limit per minute, and what it counts. */
const LIMITS: Record<RateLimitKind, { max: number; key: (request: FastifyRequest) => string }> = {
  // The lockout (accounts/login-guard.ts) counts wrong passwords; this bounds the work of trying.
  login: {
    max: 30,
    key: (request) => keyOf('login', textAt(request.params, 'companyId'), emailOf(textAt(request.body, 'body', 'memb_email')), request.ip),
  },
  'console-login': {
    max: 30,
    key: (request) => keyOf('login', textAt(request.body, 'company'), emailOf(textAt(request.body, 'email')), request.ip),
  },
  // Sign-ins through the company's OpenID provider carry no credential of ours until the session
  // opens, so by address: loose enough for an office behind one address signing in at nine (two
  // requests each), tight enough that a script cannot make Dojang hammer the provider's token endpoint.
  'console-oidc': { max: 600, key: (request) => keyOf('oidc', request.ip) },
  // A signing page makes a handful of calls per visit; a server acting through the link, more.
  'signing-link': { max: 300, key: (request) => keyOf('sign', tokenParam(request)) },
  // The page itself, opened (and reloaded) by its signer.
  'signing-page': { max: 120, key: (request) => keyOf('sign-page', tokenQuery(request)) },
  'document-link': { max: 60, key: (request) => keyOf('document', tokenParam(request)) },
  preview: { max: 120, key: (request) => keyOf('preview', tokenQuery(request)) },
  // Verification reads a whole PDF and checks a signature, and carries no credential.
  verify: { max: 20, key: (request) => keyOf('verify', request.ip) },
};

/** A login's limit needs its body (the email), so it is counted once the body is read. */
const AFTER_BODY: ReadonlySet<RateLimitKind> = new Set(['login', 'console-login']);

/** The route option that puts a route under a kind of limit: `config: { rateLimit: rateLimited('…') }`. */
export function rateLimited(kind: RateLimitKind): RateLimitOptions {
  const limit = LIMITS[kind];
  return { max: limit.max, timeWindow: MINUTE, keyGenerator: limit.key, hook: AFTER_BODY.has(kind) ? 'preValidation' : 'onRequest' };
}

/** Registers the limits (for the routes that ask for one) with counts kept in the database. */
export async function installRateLimits(app: FastifyInstance, ctx: Pick<Context, 'db' | 'clock'>): Promise<void> {
  class DatabaseStore implements FastifyRateLimitStore {
    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      const now = ctx.clock();
      countInWindow(ctx.db, key, timeWindow, now).then(
        ({ count, windowEnds }) => callback(null, { current: count, ttl: Math.max(0, windowEnds.getTime() - now.getTime()) }),
        (error: Error) => callback(error),
      );
    }

    child(): FastifyRateLimitStore {
      // Keys already say which limit they count; every route shares this store.
      return this;
    }
  }
  await app.register(rateLimit, {
    global: false,
    store: DatabaseStore,
    errorResponseBuilder: (_request, context) => new DojangError('rate-limited', said('tooManyRequests', { seconds: Math.ceil(context.ttl / 1000) })),
  });
}
