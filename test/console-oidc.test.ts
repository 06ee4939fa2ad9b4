// Console sign-in through a real OpenID provider (the `oidc-provider` package on loopback, with
// its development login and consent pages) in a real Chromium: a known member gets their role; an
// unknown email is refused, or made a member when its domain is allowed; an email the provider
// has not verified is refused; a callback whose state was changed, or an ID token carrying
// another nonce, opens no session; the provider's own refusal is said in the console's words;
// logout ends the Dojang session; with passwords switched off the console takes none.
import { createServer, type Server } from 'node:http';
import Provider from 'oidc-provider';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember } from '../src/accounts/create-company.ts';
import { memberForIdentity } from '../src/console/oidc-sign-in.ts';
import { toCompanyId } from '../src/domain/ids.ts';
import { buildWeb } from '../scripts/build-web.ts';
import { CHROMIUM, CHROMIUM_ARGS, expectAccessible } from './console-support/browser-watch.ts';
import { testDatabases } from './support/databases.ts';
import { freePort, startTestServer, type TestServer } from './support/dojang-server.ts';

const CLIENT_ID = 'dojang-console';
const CLIENT_SECRET = 'a client secret long enough for HS256 at least';
const LABEL = '회사 계정';

/** The provider's people: the login typed on its page is the subject. */
const PEOPLE: Record<string, { email: string; email_verified: boolean; name: string }> = {
  kim: { email: 'kim.admin@acme.example.com', email_verified: true, name: '김관리' },
  lee: { email: 'Lee.Clerk@acme.example.com', email_verified: true, name: '이사원' },
  stranger: { email: 'someone@elsewhere.example.org', email_verified: true, name: '외부인' },
  newhire: { email: 'new.hire@acme.example.com', email_verified: true, name: '신입사원' },
  unverified: { email: 'lee.clerk@acme.example.com', email_verified: false, name: '사칭' },
};

interface RunningProvider {
  issuer: string;
  close(): Promise<void>;
}

async function startProvider(port: number, callback: string): Promise<RunningProvider> {
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [callback],
        token_endpoint_auth_method: 'client_secret_post',
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    async findAccount(_ctx, sub) {
      const person = PEOPLE[sub];
      return person ? { accountId: sub, claims: async () => ({ sub, ...person }) } : undefined;
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    cookies: { keys: ['a cookie key for the test provider'] },
    features: { devInteractions: { enabled: true } },
  });
  const server: Server = createServer(provider.callback());
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { issuer, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

beforeAll(() => buildWeb());

describe.each(testDatabases())('console sign-in through an OpenID provider on %s', (kind) => {
  let browser: Browser;
  let server: TestServer;
  let provider: RunningProvider;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    // Dojang finds the provider's metadata at the first sign-in, so the provider may start after it.
    const providerPort = await freePort();
    server = await startTestServer(kind, {
      DOJANG_OIDC_ISSUER: `http://127.0.0.1:${providerPort}`,
      DOJANG_OIDC_CLIENT_ID: CLIENT_ID,
      DOJANG_OIDC_CLIENT_SECRET: CLIENT_SECRET,
      DOJANG_OIDC_COMPANY: 'acme',
      DOJANG_OIDC_ALLOWED_DOMAINS: 'acme.example.com',
      DOJANG_OIDC_LABEL: LABEL,
    });
    await server.company('acme', { email: 'kim.admin@acme.example.com' });
    await addMember(server.dojang.ctx, {
      companyId: toCompanyId('acme'),
      email: 'lee.clerk@acme.example.com',
      password: 'lee password 1',
      name: '이사원',
      role: 'member',
    });
    provider = await startProvider(providerPort, `${server.url}/console/oidc/callback`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await provider?.close();
  });

  /** A browser of its own; the provider's page asks for a web font, which goes nowhere. */
  async function freshBrowser(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1100, height: 800 } });
    await context.route('**/*', (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort()));
    return { context, page: await context.newPage() };
  }

  /** The provider's login and consent pages, as a person fills them. */
  async function atProvider(page: Page, login: string): Promise<void> {
    await logInAtProvider(page, login);
    await page.getByRole('button', { name: 'Continue' }).click();
  }

  async function logInAtProvider(page: Page, login: string): Promise<void> {
    await page.locator('input[name=login]').fill(login);
    await page.locator('input[name=password]').fill('whatever the provider asks');
    await page.getByRole('button', { name: 'Sign-in' }).click();
  }

  async function signIn(login: string): Promise<{ context: BrowserContext; page: Page }> {
    const browsing = await freshBrowser();
    await browsing.page.goto(`${server.url}/console/`);
    await browsing.page.getByRole('link', { name: `${LABEL}(으)로 로그인` }).click();
    await atProvider(browsing.page, login);
    await browsing.page.waitForURL((url) => url.origin === server.url && !url.pathname.startsWith('/console/oidc'));
    return browsing;
  }

  async function sessionOf(context: BrowserContext): Promise<{ status: number; json: any }> {
    const answer = await context.request.get(`${server.url}/console/api/session`);
    return { status: answer.status(), json: answer.ok() ? await answer.json() : null };
  }

  async function loginAlert(page: Page): Promise<string> {
    await page.waitForURL(`${server.url}/console/login`);
    const alert = page.getByRole('alert').filter({ hasText: /\S/ });
    await expect.poll(() => alert.count()).toBe(1);
    return (await alert.textContent()) ?? '';
  }

  it('a known member signs in with their role, and logout ends the session', async () => {
    const { context, page } = await signIn('kim');
    await expect.poll(() => page.locator('.console-user .member').textContent()).toBe('관리자');
    const session = await sessionOf(context);
    expect(session.status).toBe(200);
    expect(session.json.member).toMatchObject({ email: 'kim.admin@acme.example.com', role: 'admin' });
    expect(session.json.company.id).toBe('acme');
    await expectAccessible(page, 'console after an OpenID sign-in');

    const cookie = (await context.cookies(`${server.url}/console/`)).find((c) => c.name === 'dojang_console')!;
    expect(cookie.httpOnly).toBe(true);
    await page.getByRole('button', { name: '로그아웃' }).click();
    await page.waitForURL(`${server.url}/console/login`);
    expect((await sessionOf(context)).status).toBe(401);
    // The session is over in the database too: the old cookie opens nothing.
    const replay = await fetch(`${server.url}/console/api/session`, { headers: { cookie: `${cookie.name}=${cookie.value}` } });
    expect(replay.status).toBe(401);
    await context.close();
  });

  it('a member signs in as a member, matched by a verified email in any case, and stays bound to the subject', async () => {
    const first = await signIn('lee');
    const session = await sessionOf(first.context);
    expect(session.json.member).toMatchObject({ email: 'lee.clerk@acme.example.com', role: 'member' });
    await first.context.close();

    // Another of the provider's accounts with the same email (unverified, too) cannot take the member over.
    const impostor = await signIn('unverified');
    expect(await loginAlert(impostor.page)).toContain('이메일 주소를 확인해 주지 않았습니다');
    expect((await sessionOf(impostor.context)).status).toBe(401);
    await impostor.context.close();
  });

  it("an email that is not a member is refused, in the page's language", async () => {
    const { context, page } = await signIn('stranger');
    expect(await loginAlert(page)).toContain('이 회사의 구성원이 아닙니다');
    expect((await sessionOf(context)).status).toBe(401);
    await expectAccessible(page, 'login after a refused OpenID sign-in');
    const members = await server.dojang.ctx.db.selectFrom('members').select('email').where('email', '=', 'someone@elsewhere.example.org').execute();
    expect(members).toEqual([]);
    await context.close();
  });

  it('an email of an allowed domain becomes a member at its first sign-in', async () => {
    const { context } = await signIn('newhire');
    const session = await sessionOf(context);
    expect(session.json.member).toMatchObject({ email: 'new.hire@acme.example.com', role: 'member', name: '신입사원' });
    await context.close();
    const again = await signIn('newhire');
    expect((await sessionOf(again.context)).json.member.email).toBe('new.hire@acme.example.com');
    const rows = await server.dojang.ctx.db.selectFrom('members').select('id').where('email', '=', 'new.hire@acme.example.com').execute();
    expect(rows).toHaveLength(1);
    await again.context.close();
  });

  it('a callback whose state was changed opens no session', async () => {
    const { context, page } = await freshBrowser();
    await page.goto(`${server.url}/console/`);
    await page.getByRole('link', { name: `${LABEL}(으)로 로그인` }).click();
    await logInAtProvider(page, 'kim');
    // The consent is given from this browser's cookie jar, and the provider's redirects followed
    // by hand up to the callback it sends the browser to; the browser then opens it with the state changed.
    const consent = new URL((await page.locator('form').getAttribute('action'))!, page.url());
    let answer = await context.request.post(consent.href, { form: { prompt: 'consent' }, maxRedirects: 0 });
    let callback = new URL(answer.headers().location!, consent);
    for (let hops = 0; callback.origin !== server.url && hops < 5; hops++) {
      answer = await context.request.get(callback.href, { maxRedirects: 0 });
      callback = new URL(answer.headers().location!, callback);
    }
    expect(callback.pathname).toBe('/console/oidc/callback');
    expect(callback.searchParams.get('code')).toBeTruthy();
    callback.searchParams.set('state', `${callback.searchParams.get('state')}x`);
    await page.goto(callback.href);
    expect(await loginAlert(page)).toContain('중간에 끊겼거나');
    expect((await sessionOf(context)).status).toBe(401);
    await context.close();
  });

  it('an ID token for another nonce opens no session', async () => {
    const { context, page } = await freshBrowser();
    // The flow starts in this browser (its cookie holds the nonce); the request to the provider carries another.
    const start = await context.request.get(`${server.url}/console/oidc/login`, { maxRedirects: 0 });
    expect(start.status()).toBe(302);
    const authorize = new URL(start.headers().location!);
    expect(authorize.origin).toBe(provider.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('state')).toBeTruthy();
    authorize.searchParams.set('nonce', `${authorize.searchParams.get('nonce')}-other`);
    await page.goto(authorize.href);
    await atProvider(page, 'kim');
    expect(await loginAlert(page)).toContain('응답을 확인하지 못해');
    expect((await sessionOf(context)).status).toBe(401);
    await context.close();
  });

  it('a sign-in cancelled at the provider comes back refused, and a callback without its flow is refused', async () => {
    const { context, page } = await freshBrowser();
    await page.goto(`${server.url}/console/`);
    await page.getByRole('link', { name: `${LABEL}(으)로 로그인` }).click();
    await page.getByRole('link', { name: '[ Cancel ]' }).click();
    expect(await loginAlert(page)).toContain('로그인을 거절했습니다');
    // A callback this browser never started (no flow cookie): refused without asking the provider.
    await page.goto(`${server.url}/console/oidc/callback?code=made-up&state=made-up`);
    expect(await loginAlert(page)).toContain('중간에 끊겼거나');
    expect((await sessionOf(context)).status).toBe(401);
    await context.close();
  });

  it('refuses, without an error, a new member for a company that does not exist', async () => {
    const oidc = { ...server.dojang.ctx.config.oidc!, company: toCompanyId('never-made') };
    const identity = { issuer: provider.issuer, subject: 'ghost', email: 'ghost@acme.example.com', emailVerified: true, name: null };
    expect(await memberForIdentity(server.dojang.ctx, oidc, identity)).toEqual({ kind: 'refused', reason: 'not-a-member' });
  });

  it('says how members log in', async () => {
    const methods = await (await fetch(`${server.url}/console/api/login-methods`)).json();
    expect(methods).toEqual({ password: true, oidc: { label: LABEL, url: '/console/oidc/login' } });
  });
});

describe('the console with password login switched off', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', {
      DOJANG_OIDC_ISSUER: 'http://127.0.0.1:9',
      DOJANG_OIDC_CLIENT_ID: CLIENT_ID,
      DOJANG_OIDC_COMPANY: 'acme',
      DOJANG_CONSOLE_PASSWORD_LOGIN: 'false',
    });
  });
  afterAll(() => server?.close());

  it('takes no password, says so, and reports an unreachable provider in words', async () => {
    const acme = await server.company('acme');
    const login = await fetch(`${server.url}/console/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ company: 'acme', email: acme.email, password: acme.password }),
    });
    expect(login.status).toBe(403);
    expect((await login.json()).title).toBe('password-login-off');
    const methods = await (await fetch(`${server.url}/console/api/login-methods`)).json();
    expect(methods).toEqual({ password: false, oidc: { label: 'SSO', url: '/console/oidc/login' } });
    // Integrations still log in with 1001Q (server.company did, above).
    expect(acme.token).toBeTruthy();
    // Nothing listens at the provider's address: back to the login with a reason, not a 5xx.
    const start = await fetch(`${server.url}/console/oidc/login`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    expect(start.headers.get('location')).toBe('/console/?login_error=provider-unreachable');
  });
});
