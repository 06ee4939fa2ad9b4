// Browser clients (eSignon's JavaScript library runs in a page): DOJANG_CORS_ORIGINS lists the
// origins allowed to call the token APIs, eSignon's and Dojang's v1, from another origin
// (@fastify/cors). Those routes alone: never the console, the signing pages or anything a cookie
// authenticates, and never with credentials. The preflight is answered before any token check;
// the headers go on every answer of an allowed route, errors included.
import cors, { type FastifyCorsOptions } from '@fastify/cors';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** The URL patterns of the token APIs' routes, collected as they are registered. */
export class TokenApiRoutes {
  readonly #patterns = new Set<string>();
  readonly #matchers: RegExp[] = [];

  add(pattern: string): void {
    if (this.#patterns.has(pattern)) return;
    this.#patterns.add(pattern);
    const source = pattern
      .split('/')
      .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    this.#matchers.push(new RegExp(`^${source}/?$`));
  }

  /** Whether the request is for one of them: by its route, or (a preflight) by its path. */
  covers(request: FastifyRequest): boolean {
    const route = request.routeOptions.url;
    if (route !== undefined && this.#patterns.has(route)) return true;
    if (request.method !== 'OPTIONS') return false;
    const path = request.url.split('?')[0]!;
    return this.#matchers.some((matcher) => matcher.test(path));
  }
}

/** `origins`: exact origins, or '*' for any. */
export async function installCors(app: FastifyInstance, origins: string[] | '*', routes: TokenApiRoutes): Promise<void> {
  const allowed: FastifyCorsOptions = {
    origin: origins,
    methods: ['GET', 'POST'],
    allowedHeaders: ['Authorization', 'Content-Type'],
    exposedHeaders: ['Retry-After', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'],
    credentials: false,
    maxAge: 600,
  };
  await app.register(cors, {
    delegator: (request, callback) => callback(null, routes.covers(request) ? allowed : { origin: false }),
  });
}
