// Browser clients: a page on another origin calls 1001Q and 5005Q with fetch, as eSignon's
// JavaScript library does (JSON, Authorization: esignon <token>): allowed when DOJANG_CORS_ORIGINS
// names that origin, blocked by the browser without it. The preflight is answered for the token
// APIs only, before any token check, and the headers go on their errors too (401, 413, 429).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS } from './console-support/browser-watch.ts';
import { testDatabases } from './support/databases.ts';
import { startTestServer, type TestCompany, type TestServer } from './support/dojang-server.ts';
import { createTestTemplate } from './support/templates.ts';

/** A page on its own origin that calls Dojang the way the JavaScript client does, and reports what came back. */
function integratorPage(): Promise<{ origin: string; close(): Promise<void> }> {
  const html = `<!doctype html><meta charset="utf-8"><title>integrator</title><script>
    window.callDojang = async (base, company, email, password, docId) => {
      const post = async (path, header, body, token) => {
        const response = await fetch(base + path, { method: 'POST', headers: Object.assign({ 'Content-Type': 'application/json' }, token ? { Authorization: 'esignon ' + token } : {}), body: JSON.stringify({ header, body }) });
        return response.json();
      };
      try {
        const login = await post('/api/' + company + '/login?lang=ko', { request_code: '1001Q', version: '9.9.99' }, { memb_email: email, memb_pwd: password });
        const started = await post('/api/' + company + '/startsimple?lang=ko', { request_code: '5005Q', version: '9.9.99' }, {
          memb_email: email, biz_id: '0', workflow_name: '브라우저 계약', doc_id: docId, language: 'ko-KR',
          player_list: [{ field_owner: 1, email: 'kim@example.com', name: '김철수', language: 'ko-KR' }],
        }, login.body.access_token);
        return { login: login.header.result_code, start: started.header.result_code, workflow: started.body.workflow_id };
      } catch (error) {
        return { error: String(error) };
      }
    };
  </script>`;
  const server = http.createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ origin: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(() => done())) });
    }),
  );
}

describe.each(testDatabases())('CORS on %s', (kind) => {
  let page: { origin: string; close(): Promise<void> };
  let open: TestServer;
  let closed: TestServer;
  let acme: TestCompany;
  let docId: string;
  let browser: Browser;

  beforeAll(async () => {
    page = await integratorPage();
    open = await startTestServer(kind, { DOJANG_CORS_ORIGINS: `${page.origin}, https://app.example.com` });
    closed = await startTestServer(kind);
    acme = await open.company('acme');
    docId = await createTestTemplate(acme, 1);
    await closed.company('acme');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await open?.close();
    await closed?.close();
    await page?.close();
  });

  const callFrom = async (server: TestServer) => {
    const context = await browser.newContext();
    try {
      const tab = await context.newPage();
      await tab.goto(page.origin);
      return await tab.evaluate(
        ([base, company, email, password, template]) =>
          (window as unknown as { callDojang: (...args: string[]) => Promise<Record<string, string>> }).callDojang(
            base!,
            company!,
            email!,
            password!,
            template!,
          ),
        [server.url, 'acme', 'admin@acme.example.com', 'correct horse battery', docId],
      );
    } finally {
      await context.close();
    }
  };

  it('lets a page on an allowed origin log in and start a contract, as the JavaScript client does', async () => {
    expect(await callFrom(open)).toMatchObject({ login: '00', start: '00', workflow: expect.stringMatching(/^\d+$/) });
  });

  it('is blocked by the browser without DOJANG_CORS_ORIGINS', async () => {
    expect((await callFrom(closed)).error).toMatch(/Failed to fetch/);
  });

  const preflight = (server: TestServer, path: string, origin = page.origin) =>
    fetch(`${server.url}${path}`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });

  it('answers the preflight of the token APIs only, and only for the listed origins, without credentials', async () => {
    for (const path of ['/api/acme/login', '/api/acme/startsimple', '/JEDOC/Common.do', '/api/v2/workflows/1', '/api/v1/templates', '/exportfield']) {
      const answer = await preflight(open, path);
      expect(answer.status, path).toBe(204);
      expect(answer.headers.get('access-control-allow-origin'), path).toBe(page.origin);
      expect(answer.headers.get('access-control-allow-headers')?.toLowerCase(), path).toContain('authorization');
      expect(answer.headers.get('access-control-allow-credentials'), path).toBeNull();
    }
    for (const path of ['/console/api/login', '/api/sign/some-token/complete', '/documents/x', '/sign']) {
      const answer = await preflight(open, path);
      expect(answer.status, path).toBe(404);
      expect(answer.headers.get('access-control-allow-origin'), path).toBeNull();
    }
    expect((await preflight(open, '/api/acme/login', 'https://evil.example.com')).headers.get('access-control-allow-origin')).toBeNull();
    expect((await preflight(closed, '/api/acme/login')).status).toBe(404);
  });

  it('puts the headers on errors too: 401, 413 and 429', async () => {
    const from = { origin: page.origin, 'content-type': 'application/json' };
    const unauthorized = await fetch(`${open.url}/api/acme/startsimple`, { method: 'POST', headers: from, body: '{}' });
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get('access-control-allow-origin')).toBe(page.origin);
    const tooLarge = await fetch(`${open.url}/api/acme/search`, {
      method: 'POST',
      headers: { ...from, authorization: `esignon ${acme.token}` },
      body: JSON.stringify({ x: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers.get('access-control-allow-origin')).toBe(page.origin);
    let limited: Response | undefined;
    for (let i = 0; i < 40 && limited?.status !== 429; i++) {
      limited = await fetch(`${open.url}/api/acme/login`, {
        method: 'POST',
        headers: from,
        body: JSON.stringify({ header: { request_code: '1001Q' }, body: { memb_email: 'nobody@acme.example.com', memb_pwd: 'x' } }),
      });
    }
    expect(limited!.status).toBe(429);
    expect(limited!.headers.get('access-control-allow-origin')).toBe(page.origin);
    expect(limited!.headers.get('access-control-expose-headers')).toContain('Retry-After');
  });
});
