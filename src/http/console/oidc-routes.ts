// Console sign-in through the company's OpenID provider (openid-client): the authorization code
// flow with PKCE, state and nonce. /console/oidc/login sends the browser to the provider with a
// short-lived cookie holding the flow's secrets (signed with the server's secret, so any process
// sharing the database takes the callback); /console/oidc/callback checks the state against that
// cookie, exchanges the code, checks the ID token (signature, issuer, audience, nonce), finds the
// member (console/oidc-sign-in.ts) and opens a console session. Every failure sends the browser
// back to the console's login with a code the page says in its languages, never a stack.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as client from 'openid-client';
import { Type } from 'typebox';
import type { OidcConfig } from '../../config.ts';
import type { Context } from '../../context.ts';
import { openConsoleSession } from '../../console/console-sessions.ts';
import { LoginMethods, type OidcFailure } from '../../console/console-answers.ts';
import { memberForIdentity, type OidcIdentity } from '../../console/oidc-sign-in.ts';
import { serverSecret } from '../../security/server-secret.ts';
import { origin } from '../shared/request-origin.ts';
import { rateLimited } from '../rate-limits.ts';
import { setSessionCookie } from './console-security.ts';
import { TAGS } from './schemas.ts';

const FLOW_COOKIE = 'dojang_oidc';
const FLOW_PATH = '/console/oidc';
/** How long the provider's page may take: the flow's cookie and secrets last this long. */
const FLOW_MINUTES = 10;

interface Flow {
  state: string;
  nonce: string;
  verifier: string;
  /** ms since the epoch. */
  expires: number;
}

export function oidcRoutes(scope: FastifyInstance, ctx: Context): void {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/console/api/login-methods',
    {
      schema: {
        summary: "How members log in to the console: password, the company's OpenID provider, or both",
        tags: TAGS,
        security: [],
        response: { 200: LoginMethods },
      },
      config: { consolePublic: true },
    },
    async () => ({ password: ctx.config.consolePasswordLogin, oidc: ctx.config.oidc ? { label: ctx.config.oidc.label, url: `${FLOW_PATH}/login` } : null }),
  );

  const oidc = ctx.config.oidc;
  if (!oidc) return;
  const redirectUri = new URL(`${FLOW_PATH}/callback`, ctx.config.publicUrl);
  const provider = providerConfiguration(oidc);

  app.get(
    `${FLOW_PATH}/login`,
    {
      schema: { summary: "Start signing in through the company's OpenID provider (a redirect to it)", tags: TAGS, security: [] },
      config: { rateLimit: rateLimited('console-oidc') },
    },
    async (request, reply) => {
      let configuration: client.Configuration;
      try {
        configuration = await provider();
      } catch (error) {
        request.log.warn({ err: error, issuer: oidc.issuer.href }, 'the OpenID provider could not be reached');
        return backToLogin(reply, 'provider-unreachable');
      }
      const flow: Flow = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        verifier: client.randomPKCECodeVerifier(),
        expires: ctx.clock().getTime() + FLOW_MINUTES * 60_000,
      };
      const url = client.buildAuthorizationUrl(configuration, {
        redirect_uri: redirectUri.href,
        scope: 'openid email profile',
        state: flow.state,
        nonce: flow.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
        code_challenge_method: 'S256',
      });
      reply.setCookie(FLOW_COOKIE, await sealFlow(ctx, flow), {
        path: FLOW_PATH,
        httpOnly: true,
        sameSite: 'lax',
        secure: ctx.config.publicUrl.startsWith('https:'),
        maxAge: FLOW_MINUTES * 60,
      });
      return reply.header('cache-control', 'no-store').redirect(url.href, 302);
    },
  );

  app.get(
    `${FLOW_PATH}/callback`,
    {
      schema: {
        summary: 'Where the OpenID provider sends the browser back: the member is signed in to the console',
        tags: TAGS,
        security: [],
        querystring: Type.Object(
          {
            code: Type.Optional(Type.String({ maxLength: 4096 })),
            state: Type.Optional(Type.String({ maxLength: 512 })),
            error: Type.Optional(Type.String({ maxLength: 256 })),
          },
          { additionalProperties: true },
        ),
      },
      config: { rateLimit: rateLimited('console-oidc') },
    },
    async (request, reply) => {
      reply.clearCookie(FLOW_COOKIE, { path: FLOW_PATH, httpOnly: true, sameSite: 'lax', secure: ctx.config.publicUrl.startsWith('https:') });
      const { query } = request;
      const flow = await openFlow(ctx, request.cookies?.[FLOW_COOKIE]);
      if (!flow) return backToLogin(reply, 'flow-expired');
      if (query.state === undefined || !sameText(query.state, flow.state)) return backToLogin(reply, 'state-mismatch');
      if (query.error !== undefined) {
        request.log.info({ error: query.error }, 'the OpenID provider refused the sign-in');
        return backToLogin(reply, 'provider-refused');
      }
      let identity: OidcIdentity;
      try {
        identity = await exchange(await provider(), request, redirectUri, flow);
      } catch (error) {
        const unreachable = error instanceof TypeError || (error as { code?: string }).code === 'OAUTH_RESPONSE_IS_NOT_CONFORM';
        request.log.warn({ err: error }, 'the OpenID sign-in failed at the code exchange or the ID token check');
        return backToLogin(reply, unreachable ? 'provider-unreachable' : 'token-rejected');
      }
      const outcome = await memberForIdentity(ctx, oidc, identity);
      if (outcome.kind === 'refused') {
        request.log.info({ reason: outcome.reason, issuer: identity.issuer }, 'an OpenID sign-in was refused');
        return backToLogin(reply, outcome.reason);
      }
      const session = await openConsoleSession(ctx, { companyId: oidc.company, memberId: outcome.memberId }, origin(request));
      setSessionCookie(reply, ctx.config, session.secret);
      return reply.header('cache-control', 'no-store').redirect('/console/', 302);
    },
  );
}

/** The provider's metadata, discovered on first use (the provider may be down when Dojang starts) and kept once found. */
function providerConfiguration(oidc: OidcConfig): () => Promise<client.Configuration> {
  let found: Promise<client.Configuration> | null = null;
  return () => {
    found ??= client
      .discovery(oidc.issuer, oidc.clientId, undefined, oidc.clientSecret ? client.ClientSecretPost(oidc.clientSecret) : client.None(), {
        // A provider on this machine over plain http (config.ts allows it only for localhost).
        ...(oidc.issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : {}),
        timeout: 10,
      })
      .catch((error: unknown) => {
        found = null;
        throw error;
      });
    return found;
  };
}

/** The code for tokens; the ID token checked against the flow's nonce; its email completed from userinfo when it has none. */
async function exchange(configuration: client.Configuration, request: FastifyRequest, redirectUri: URL, flow: Flow): Promise<OidcIdentity> {
  // The URL the provider sent the browser to, as the provider knows it (behind a proxy, request.url alone is not).
  const current = new URL(redirectUri);
  current.search = new URL(request.url, redirectUri).search;
  const tokens = await client.authorizationCodeGrant(configuration, current, {
    pkceCodeVerifier: flow.verifier,
    expectedState: flow.state,
    expectedNonce: flow.nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims()!;
  let email = typeof claims.email === 'string' ? claims.email : null;
  let verified = claims.email_verified === true;
  let name = typeof claims.name === 'string' ? claims.name : null;
  if (email === null) {
    const info = await client.fetchUserInfo(configuration, tokens.access_token, claims.sub);
    email = typeof info.email === 'string' ? info.email : null;
    verified = info.email_verified === true;
    name ??= typeof info.name === 'string' ? info.name : null;
  }
  return { issuer: claims.iss, subject: claims.sub, email, emailVerified: verified, name };
}

function backToLogin(reply: FastifyReply, failure: OidcFailure): FastifyReply {
  return reply.header('cache-control', 'no-store').redirect(`/console/?login_error=${failure}`, 302);
}

/** The flow as a cookie value: its JSON and an HMAC of it with the server's secret. */
async function sealFlow(ctx: Pick<Context, 'db'>, flow: Flow): Promise<string> {
  const body = Buffer.from(JSON.stringify(flow)).toString('base64url');
  return `${body}.${await macOf(ctx, body)}`;
}

async function openFlow(ctx: Pick<Context, 'db' | 'clock'>, cookie: string | undefined): Promise<Flow | null> {
  if (!cookie || cookie.length > 2048) return null;
  const [body, mac] = cookie.split('.');
  if (!body || !mac || !sameText(mac, await macOf(ctx, body))) return null;
  try {
    const flow = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Flow;
    return flow.expires > ctx.clock().getTime() ? flow : null;
  } catch {
    return null;
  }
}

async function macOf(ctx: Pick<Context, 'db'>, body: string): Promise<string> {
  return createHmac('sha256', await serverSecret(ctx.db))
    .update(`console-oidc-flow:${body}`)
    .digest('base64url');
}

function sameText(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
