// The console's JSON API, black-box over HTTP on both databases: login, the session cookie and
// its end, the CSRF token and the Origin check on every change, roles, one company never seeing
// or touching another's data on any console route, templates saved in place or as a new
// version, the contract list's filters, starting with startsimple's messages, named API tokens
// (members: console-members.test.ts).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember } from '../src/accounts/create-company.ts';
import { hashToken } from '../src/security/random-token.ts';
import { consoleFetch, consoleLogin, cookieOf, type ConsoleClient } from './console-support/console-client.ts';
import { testDatabases } from './support/databases.ts';
import { startTestServer, type TestCompany, type TestServer } from './support/dojang-server.ts';
import { createTestTemplate, layout, makeTestPdf } from './support/templates.ts';
import { waitFor } from './support/wait-for.ts';
import { toCompanyId, toJobId, toTemplateId, toWorkflowId } from '../src/domain/ids.ts';

const MEMBER_PASSWORD = 'member password 1';

/** The status of an answer whose body is read to the end (an unread body keeps its connection busy). */
async function statusOf(response: Promise<Response>): Promise<number> {
  const answer = await response;
  await answer.arrayBuffer();
  return answer.status;
}

describe.each(testDatabases())('the console API on %s', (kind) => {
  let server: TestServer;
  let acme: TestCompany;
  let globex: TestCompany;
  let admin: ConsoleClient;
  let member: ConsoleClient;
  let intruder: ConsoleClient;
  let receiver: Server;
  let receiverUrl: string;
  let templateId: string;
  let workflowId: string;
  let eventId: string;
  let memberId: number;
  const memberEmail = 'member@acme.example.com';

  beforeAll(async () => {
    server = await startTestServer(kind, { DOJANG_EXPORT_RETRY_SCHEDULE: '0' });
    acme = await server.company('acme', { name: '에이크미' });
    globex = await server.company('globex');
    memberId = await addMember(server.dojang.ctx, { companyId: toCompanyId('acme'), email: memberEmail, password: MEMBER_PASSWORD, name: '김멤버' });
    receiver = createServer((request, response) => {
      request.resume();
      request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

    templateId = await createTestTemplate(acme, 1, undefined, '근로계약서');
    const { json } = await acme.esignon('/api/acme/startsimple', '5005Q', {
      workflow_name: '홍길동 근로계약',
      doc_id: templateId,
      player_list: [{ field_owner: '1', email: 'hong@example.com', name: '홍길동' }],
      field_list: [{ field_name: 'name_1', field_value: '사번-7731' }],
      export_api_info: { api_type: 'ALL', url: receiverUrl, request_code: 'embed' },
    });
    expect(json.header.result_code, json.header.result_msg).toBe('00');
    workflowId = json.body.workflow_id;
    const token = new URL(json.body.play_url).searchParams.get('token')!;
    const done = fetch(`${server.url}/api/sign/${token}/complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ command: 'CF', fields: [{ field_name: 'agree_1', field_value: 'Y' }] }),
    });
    expect(await statusOf(done)).toBe(200);
    const events = await waitFor(async () => {
      const found = (await acme.get(`/api/v1/workflows/${workflowId}/exports`)).json.events;
      return found.length > 0 && found[0].status === 'delivered' ? found : null;
    }, 'the export to be delivered');
    eventId = events[0].event_id;

    admin = await consoleLogin(server.url, 'acme', acme.email, acme.password);
    member = await consoleLogin(server.url, 'acme', memberEmail, MEMBER_PASSWORD);
    intruder = await consoleLogin(server.url, 'globex', globex.email, globex.password);
  });
  afterAll(async () => {
    receiver?.close();
    await server?.close();
  });

  const anonymous = (method: string, path: string, options: { body?: unknown; headers?: Record<string, string> } = {}) =>
    consoleFetch(server.url, method, path, options);

  describe('login and the session', () => {
    it("serves the page with the pages' security headers, unframeable", async () => {
      for (const path of ['/console', '/console/contracts/1', '/console/templates/new']) {
        const response = await fetch(`${server.url}${path}`);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toContain('text/html');
        expect(response.headers.get('content-security-policy')).toContain("script-src 'self';");
        expect(response.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'$/);
        expect(response.headers.get('x-frame-options')).toBe('DENY');
        expect(response.headers.get('cache-control')).toBe('no-store');
        const html = await response.text();
        expect(html).toMatch(/<script type="module" src="\/assets\/console-[A-Z0-9]{8}\.js"><\/script>/);
        expect(html).toMatch(/<link rel="stylesheet" href="\/assets\/console-[A-Z0-9]{8}\.css">/);
        expect(html).toContain('<html lang="ko">');
      }
      expect((await anonymous('GET', '/console/api/nothing-here')).status).toBe(404);
    });

    it('logs in with company id, email and password into an HttpOnly, SameSite=Lax cookie stored hashed', async () => {
      const login = await anonymous('POST', '/console/api/login', { body: { company: 'acme', email: acme.email.toUpperCase(), password: acme.password } });
      expect(login.status).toBe(200);
      expect(login.json).toMatchObject({ company: { id: 'acme', name: '에이크미' }, member: { email: acme.email, role: 'admin' } });
      expect(login.json.csrf_token).toMatch(/^[\w-]{43}$/);
      const setCookie = login.headers.get('set-cookie')!;
      expect(setCookie).toMatch(/^dojang_console=[\w-]{43};/);
      expect(setCookie).toContain('HttpOnly');
      expect(setCookie).toContain('SameSite=Lax');
      expect(setCookie).toContain('Path=/console');
      expect(setCookie).not.toContain('Secure');
      const secret = cookieOf(setCookie).split('=')[1]!;
      const rows = await server.dojang.ctx.db.selectFrom('console_sessions').select('session_hash').execute();
      expect(rows.map((r) => r.session_hash)).toContain(hashToken(secret));
      expect(rows.map((r) => r.session_hash)).not.toContain(secret);
      const session = await anonymous('GET', '/console/api/session', { headers: { cookie: cookieOf(setCookie) } });
      expect(session.status).toBe(200);
      expect(session.json.csrf_token).toBe(login.json.csrf_token);
    });

    it('refuses wrong credentials alike, and answers 401 without a session', async () => {
      for (const body of [
        { company: 'acme', email: acme.email, password: 'wrong password' },
        { company: 'globex', email: acme.email, password: acme.password },
        { company: 'nobody', email: acme.email, password: acme.password },
      ]) {
        const refused = await anonymous('POST', '/console/api/login', { body });
        expect(refused.status).toBe(401);
        expect(refused.headers.get('set-cookie')).toBeNull();
        expect(refused.headers.get('content-type')).toContain('application/problem+json');
      }
      expect((await anonymous('GET', '/console/api/session')).status).toBe(401);
      expect((await anonymous('GET', '/console/api/contracts', { headers: { cookie: 'dojang_console=forged' } })).status).toBe(401);
    });

    it('locks an email after five wrong passwords, even for the right one', async () => {
      await addMember(server.dojang.ctx, { companyId: toCompanyId('acme'), email: 'guessed@acme.example.com', password: 'the right one' });
      for (let i = 0; i < 4; i++)
        expect(
          (await anonymous('POST', '/console/api/login', { body: { company: 'acme', email: 'guessed@acme.example.com', password: `guess ${i}` } })).status,
        ).toBe(401);
      const fifth = await anonymous('POST', '/console/api/login', { body: { company: 'acme', email: 'guessed@acme.example.com', password: 'guess 5' } });
      expect(fifth.status).toBe(429);
      expect(Number(fifth.headers.get('retry-after'))).toBeGreaterThan(800);
      expect(
        (await anonymous('POST', '/console/api/login', { body: { company: 'acme', email: 'guessed@acme.example.com', password: 'the right one' } })).status,
      ).toBe(429);
      // Another email of the same company is not held up.
      expect((await anonymous('POST', '/console/api/login', { body: { company: 'acme', email: memberEmail, password: MEMBER_PASSWORD } })).status).toBe(200);
    });

    it('ends the session on logout', async () => {
      const session = await consoleLogin(server.url, 'acme', acme.email, acme.password);
      expect((await session.get('/console/api/contracts')).status).toBe(200);
      const out = await session.post('/console/api/logout');
      expect(out.status).toBe(204);
      expect(out.headers.get('set-cookie')).toMatch(/^dojang_console=;/);
      expect((await session.get('/console/api/contracts')).status).toBe(401);
    });
  });

  describe('CSRF', () => {
    it("refuses a change without the session's token, with another session's, or from another origin", async () => {
      const path = `/console/api/exports/${eventId}/redeliver`;
      const missing = await anonymous('POST', path, { body: {}, headers: { cookie: admin.cookie } });
      expect(missing.status).toBe(403);
      expect(missing.json.title).toBe('csrf');
      expect((await anonymous('POST', path, { body: {}, headers: { cookie: admin.cookie, 'x-dojang-csrf': member.csrf } })).status).toBe(403);
      const crossSite = await admin.request('POST', path, {}, { origin: 'https://evil.example' });
      expect(crossSite.status).toBe(403);
      expect((await admin.request('POST', path, {}, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
      // A cross-site form can only send text/plain (no preflight): not parsed at all.
      expect(
        await statusOf(
          fetch(`${server.url}${path}`, {
            method: 'POST',
            headers: { cookie: admin.cookie, 'content-type': 'text/plain', 'x-dojang-csrf': admin.csrf },
            body: '{}',
          }),
        ),
      ).toBe(415);
      // Login too refuses another origin.
      expect(
        (
          await anonymous('POST', '/console/api/login', {
            body: { company: 'acme', email: acme.email, password: acme.password },
            headers: { origin: 'https://evil.example' },
          })
        ).status,
      ).toBe(403);
      // The same request from our own origin, with the token, goes through.
      expect((await admin.request('POST', path, {}, { origin: server.url })).status).toBe(202);
    });

    it('lets reads through without the token', async () => {
      expect((await anonymous('GET', '/console/api/contracts', { headers: { cookie: admin.cookie } })).status).toBe(200);
    });
  });

  describe('roles', () => {
    it("keeps API tokens, the secret's rotation and disposal to admins", async () => {
      for (const [method, path, body] of [
        ['GET', '/console/api/tokens', undefined],
        ['POST', '/console/api/tokens', { label: 'ERP', days: 90 }],
        ['POST', '/console/api/webhook-secret/rotate', {}],
        ['POST', `/console/api/contracts/${workflowId}/dispose`, { reason: '보존 기간 경과' }],
      ] as const) {
        const answer = await member.request(method, path, body);
        expect(answer.status, `${method} ${path}`).toBe(403);
        expect(answer.json.title).toBe('forbidden');
      }
      const session = await member.get('/console/api/session');
      expect(session.json.member).toMatchObject({ role: 'member', name: '김멤버' });
    });

    it('lets members see contracts, templates and exports, and redeliver', async () => {
      expect((await member.get('/console/api/contracts')).json.contracts.map((c: { workflow_id: string }) => c.workflow_id)).toContain(workflowId);
      expect((await member.get(`/console/api/contracts/${workflowId}`)).json.can).toMatchObject({ dispose: false });
      expect((await admin.get(`/console/api/contracts/${workflowId}`)).json.can).toMatchObject({ dispose: true, cancel: false, resend: false });
      expect((await member.post(`/console/api/exports/${eventId}/redeliver`)).status).toBe(202);
      expect((await member.get('/console/api/webhook-secret')).json.secret).toMatch(/^whsec_/);
    });
  });

  describe('isolation between companies', () => {
    /** Every console API route with acme's ids: globex's session must get nothing of acme's. */
    const acmeRoutes = () => {
      const tokenId = 'a'.repeat(64);
      return [
        { method: 'GET', path: `/console/api/templates/${templateId}` },
        { method: 'GET', path: `/console/api/templates/${templateId}/document.pdf` },
        { method: 'PUT', path: `/console/api/templates/${templateId}`, body: { name: 'taken over', steps: 1, fields: [] } },
        { method: 'GET', path: `/console/api/contracts/${workflowId}` },
        { method: 'GET', path: `/console/api/contracts/${workflowId}/document.pdf` },
        { method: 'GET', path: `/console/api/contracts/${workflowId}/exports` },
        { method: 'GET', path: `/console/api/contracts/${workflowId}/notifications` },
        { method: 'POST', path: `/console/api/contracts/${workflowId}/cancel`, body: { reason: 'x' } },
        { method: 'POST', path: `/console/api/contracts/${workflowId}/resend`, body: {} },
        { method: 'POST', path: `/console/api/contracts/${workflowId}/dispose`, body: { reason: 'x' } },
        { method: 'POST', path: `/console/api/exports/${eventId}/redeliver`, body: {} },
        { method: 'DELETE', path: `/console/api/tokens/${tokenId}` },
        { method: 'PUT', path: `/console/api/members/${memberId}/role`, body: { role: 'admin' } },
        { method: 'DELETE', path: `/console/api/members/${memberId}` },
      ];
    };

    it("answers 404 for every route that names one of another company's things", async () => {
      // Earlier tests redelivered the event: let that settle first.
      await waitFor(
        async () =>
          (
            await server.dojang.ctx.db
              .selectFrom('jobs')
              .select('status')
              .where('id', '=', toJobId(Number(eventId)))
              .executeTakeFirstOrThrow()
          ).status === 'succeeded',
        'the redelivered event',
      );
      const before = await server.dojang.ctx.db
        .selectFrom('workflows')
        .select(['status', 'version'])
        .where('id', '=', toWorkflowId(Number(workflowId)))
        .executeTakeFirstOrThrow();
      const jobBefore = await server.dojang.ctx.db
        .selectFrom('jobs')
        .select(['status', 'attempts', 'run_at'])
        .where('id', '=', toJobId(Number(eventId)))
        .executeTakeFirstOrThrow();
      for (const route of acmeRoutes()) {
        const answer = await intruder.request(route.method, route.path, route.body);
        expect(answer.status, `${route.method} ${route.path}`).toBe(404);
        expect(JSON.stringify(answer.json)).not.toContain('홍길동');
      }
      const after = await server.dojang.ctx.db
        .selectFrom('workflows')
        .select(['status', 'version'])
        .where('id', '=', toWorkflowId(Number(workflowId)))
        .executeTakeFirstOrThrow();
      expect(after).toEqual(before);
      const jobAfter = await server.dojang.ctx.db
        .selectFrom('jobs')
        .select(['status', 'attempts', 'run_at'])
        .where('id', '=', toJobId(Number(eventId)))
        .executeTakeFirstOrThrow();
      expect(jobAfter).toEqual(jobBefore);
      const template = await server.dojang.ctx.db
        .selectFrom('templates')
        .select('name')
        .where('id', '=', toTemplateId(Number(templateId)))
        .executeTakeFirstOrThrow();
      expect(template.name).toBe('근로계약서');
      expect((await member.get('/console/api/session')).json.member.role).toBe('member');
    });

    it("lists only its own company's things", async () => {
      const lists = await Promise.all([
        intruder.get('/console/api/contracts'),
        intruder.get(`/console/api/contracts?q=${encodeURIComponent('홍길동')}`),
        intruder.get(`/console/api/contracts?template=${templateId}`),
        intruder.get('/console/api/templates?include_replaced=true'),
        intruder.get('/console/api/exports'),
        intruder.get('/console/api/tokens'),
        intruder.get('/console/api/members'),
      ]);
      expect(lists.map((l) => l.status)).toEqual([200, 200, 200, 200, 200, 200, 200]);
      expect(lists[0]!.json.contracts).toEqual([]);
      expect(lists[1]!.json.contracts).toEqual([]);
      expect(lists[2]!.json.contracts).toEqual([]);
      expect(lists[3]!.json.templates).toEqual([]);
      expect(lists[4]!.json.events).toEqual([]);
      expect(lists[5]!.json.tokens).toEqual([]);
      expect(lists[6]!.json.members.map((m: { email: string }) => m.email)).toEqual([globex.email]);
      // Its secret is its own, and so is a start with another company's template.
      const acmeSecret = (await admin.get('/console/api/webhook-secret')).json.secret;
      expect((await intruder.get('/console/api/webhook-secret')).json.secret).not.toBe(acmeSecret);
      const start = await intruder.post('/console/api/contracts', {
        workflow_name: '가로채기',
        doc_id: templateId,
        player_list: [{ field_owner: '1', email: 'x@example.com', name: '엑스' }],
      });
      expect(start.status).toBe(400);
      expect(start.json.errors).toContainEqual({
        field: 'doc_id',
        message: expect.stringContaining(`no template ${templateId} in this company`),
        key: 'noTemplateInCompany',
      });
      // Redelivering "all failed" touches only its own events.
      expect((await intruder.post('/console/api/exports/redeliver-failed', { since: '2000-01-01T00:00:00Z' })).json).toEqual({ requeued: 0, busy: 0 });
    });

    it('covers every console API route in the OpenAPI document', async () => {
      const doc = await (await fetch(`${server.url}/openapi.json`)).json();
      const documented = Object.entries(doc.paths as Record<string, Record<string, { tags?: string[] }>>)
        .filter(([path]) => path.startsWith('/console/api/'))
        .flatMap(([path, operations]) => Object.entries(operations).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, tags: op.tags })));
      expect(documented.every((d) => d.tags?.includes('Console'))).toBe(true);
      const covered = new Set([
        ...acmeRoutes().map(
          (r) =>
            `${r.method} ${r.path
              .replace(/members\/\d+/, 'members/{id}')
              .replace(templateId, '{id}')
              .replace(workflowId, '{id}')
              .replace(eventId, '{id}')
              .replace(/a{64}/, '{tokenId}')}`,
        ),
        // Scoped by the session alone (no id of another company to name): checked by "lists only its own".
        'GET /console/api/contracts',
        'GET /console/api/templates',
        'GET /console/api/exports',
        'GET /console/api/tokens',
        'GET /console/api/webhook-secret',
        'GET /console/api/members',
        'POST /console/api/contracts',
        'POST /console/api/templates',
        // Reads the PDF sent with it and stores nothing: checked by console-text-tags.test.ts.
        'POST /console/api/templates/text-tags',
        'POST /console/api/tokens',
        'POST /console/api/exports/redeliver-failed',
        'POST /console/api/webhook-secret/rotate',
        'POST /console/api/members',
        'POST /console/api/login',
        'POST /console/api/logout',
        'GET /console/api/session',
        // The same for every company: checked by console-oidc.test.ts.
        'GET /console/api/login-methods',
      ]);
      expect(documented.map((d) => d.route).filter((r) => !covered.has(r))).toEqual([]);
    });
  });

  describe('templates', () => {
    const fields = () =>
      layout([
        { name: '성명', type: 'TextBox', required: true },
        { name: '동의', type: 'CheckBox' },
        { name: '서명', type: 'SignBox', required: true },
      ]);

    it("creates a template from the editor's JSON and names each bad box", async () => {
      const pdf = Buffer.from(await makeTestPdf(2)).toString('base64');
      const bad = await admin.post('/console/api/templates', {
        name: '위임장',
        steps: 1,
        pdf,
        fields: [
          { ...fields()[0], owner: 3 },
          { ...fields()[1], page: 9 },
        ],
      });
      expect(bad.status).toBe(400);
      expect(bad.json.errors.map((e: { field: string }) => e.field)).toEqual(['fields[0].owner', 'fields[1].page']);
      const noPdf = await admin.post('/console/api/templates', { name: '위임장', steps: 1, fields: [] });
      expect(noPdf.json.errors).toEqual([{ field: 'pdf', message: expect.any(String), key: 'newTemplateNeedsPdf' }]);

      const created = await admin.post('/console/api/templates', { name: '위임장', steps: 1, pdf, fields: fields() });
      expect(created.status).toBe(201);
      const detail = (await admin.get(`/console/api/templates/${created.json.doc_id}`)).json;
      expect(detail).toMatchObject({
        name: '위임장',
        steps: 1,
        workflow_count: 0,
        replaced_by: null,
        pages: [
          { width: 595.28, height: 841.89 },
          { width: 595.28, height: 841.89 },
        ],
      });
      expect(detail.fields.map((f: { name: string }) => f.name)).toEqual(['성명', '동의', '서명']);
      const pdfAnswer = await fetch(`${server.url}/console/api/templates/${created.json.doc_id}/document.pdf`, { headers: { cookie: admin.cookie } });
      expect(pdfAnswer.headers.get('content-type')).toBe('application/pdf');
      expect(
        Buffer.from(await pdfAnswer.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
    });

    it('edits an unused template in place, and a used one as a new version', async () => {
      const pdf = Buffer.from(await makeTestPdf()).toString('base64');
      const id = (await admin.post('/console/api/templates', { name: '견적서', steps: 1, pdf, fields: fields() })).json.doc_id as string;
      const moved = fields().map((f, i) => (i === 0 ? { ...f, x: f.x + 10 } : f));
      const inPlace = await member.put(`/console/api/templates/${id}`, { name: '견적서 v1', steps: 1, fields: moved });
      expect(inPlace.json).toEqual({ doc_id: id, replaced: null });

      const started = await admin.post('/console/api/contracts', {
        workflow_name: '견적 1',
        doc_id: id,
        player_list: [{ field_owner: '1', email: 'buyer@example.com', name: '구매자' }],
      });
      expect(started.status).toBe(201);
      const versioned = await admin.put(`/console/api/templates/${id}`, {
        name: '견적서 v2',
        steps: 2,
        fields: [...moved, { ...moved[0]!, name: '확인', owner: 2, y: 400 }],
      });
      expect(versioned.status).toBe(200);
      expect(versioned.json.replaced).toBe(id);
      expect(versioned.json.doc_id).not.toBe(id);
      // The workflow keeps the template it started with.
      const workflow = (await admin.get(`/console/api/contracts/${started.json.workflow_id}`)).json;
      expect(workflow.template).toEqual({ id, name: '견적서 v1' });
      expect(workflow.total_steps).toBe(1);
      const list = (await admin.get('/console/api/templates')).json.templates.map((t: { doc_id: string }) => t.doc_id);
      expect(list).toContain(versioned.json.doc_id);
      expect(list).not.toContain(id);
      const all = (await admin.get('/console/api/templates?include_replaced=true')).json.templates;
      expect(all.find((t: { doc_id: string }) => t.doc_id === id)).toMatchObject({ replaced_by: versioned.json.doc_id, in_use: true });
      expect(all.find((t: { doc_id: string }) => t.doc_id === versioned.json.doc_id)).toMatchObject({ replaces: id, steps: 2 });
      const again = await admin.put(`/console/api/templates/${id}`, { name: '견적서 v3', steps: 1, fields: moved });
      expect(again.status).toBe(409);
    });
  });

  describe('contracts', () => {
    it("starts a contract with startsimple's rules and names each bad field", async () => {
      const bad = await admin.post('/console/api/contracts', {
        workflow_name: 'a/b',
        doc_id: templateId,
        player_list: [
          { field_owner: '1', email: 'not-an-email', name: '' },
          { field_owner: '2', email: 'x@example.com', name: '둘' },
        ],
        field_list: [{ field_name: '없는필드', field_value: 'x' }],
        export_api_info: { api_type: 'ALL', url: 'ftp://example.com' },
      });
      expect(bad.status).toBe(400);
      expect(bad.json.errors.map((e: { field: string }) => e.field).sort()).toEqual(
        ['workflow_name', 'player_list[0].email', 'player_list[0].name', 'player_list', 'field_list.없는필드', 'export_api_info.url'].sort(),
      );
      const past = await admin.post('/console/api/contracts', {
        workflow_name: '지난 기한',
        doc_id: templateId,
        expireddate: '2001-01-01',
        player_list: [{ field_owner: '1', email: 'x@example.com', name: '엑스' }],
      });
      expect(past.status).toBe(400);
      expect(past.json.title).toBe('expiry-past');

      const embed = await member.post('/console/api/contracts', {
        workflow_name: '임베드 계약',
        doc_id: templateId,
        player_list: [{ field_owner: '1', email: '010-1234-5678', name: '이영희' }],
        export_api_info: { api_type: 'ALL', url: receiverUrl, request_code: 'embed' },
        // The console's starter is the member logged in, whatever the body says.
        memb_email: acme.email,
      });
      expect(embed.status).toBe(201);
      expect(embed.json).toMatchObject({ embed: true, next_play_user: '010-1234-5678', next_play_user_name: '이영희' });
      expect(embed.json.play_url).toMatch(new RegExp(`^${server.url}/sign\\?token=`));
      const view = (await member.get(`/console/api/contracts/${embed.json.workflow_id}`)).json;
      expect(view.starter.email).toBe(memberEmail);
      expect(view.export).toEqual({ url: receiverUrl, api_type: 'ALL', request_code: 'embed', embed: true });
      expect(view.signers).toEqual([expect.objectContaining({ step: 1, name: '이영희', state: 'due' })]);
      expect(view.can).toEqual({ cancel: true, resend: false, dispose: false });

      const plain = await member.post('/console/api/contracts', {
        workflow_name: '메일 계약',
        doc_id: templateId,
        player_list: [{ field_owner: '1', email: 'mail@example.com', name: '메일' }],
      });
      expect(plain.json).toMatchObject({ embed: false, play_url: null });
      expect((await member.post(`/console/api/contracts/${plain.json.workflow_id}/resend`)).status).toBe(200);
      expect((await member.post(`/console/api/contracts/${plain.json.workflow_id}/cancel`, { reason: '고객 요청' })).status).toBe(200);
      const canceled = (await member.get(`/console/api/contracts/${plain.json.workflow_id}`)).json;
      expect(canceled.status).toBe('Canceled');
      expect(canceled.history.map((h: { step_code: string }) => h.step_code)).toEqual(['WORKFLOW_START', 'SIGN_REQ', 'RESEND', 'WORKFLOW_CANCEL']);
      expect(canceled.history.at(-1)).toMatchObject({ actor_name: '김멤버', comment: '고객 요청' });
      expect((await member.post(`/console/api/contracts/${plain.json.workflow_id}/cancel`, {})).status).toBe(409);
    });

    it('lists with filters and pages by keyset', async () => {
      const ids: string[] = [];
      for (let i = 1; i <= 5; i++) {
        const started = await admin.post('/console/api/contracts', {
          workflow_name: `페이지 계약 ${i}`,
          doc_id: templateId,
          player_list: [{ field_owner: '1', email: `page${i}@example.com`, name: `서명자${i}` }],
          field_list: [{ field_name: 'name_1', field_value: `값-${i}` }],
        });
        ids.push(started.json.workflow_id);
      }
      const byName = (await admin.get(`/console/api/contracts?q=${encodeURIComponent('페이지 계약')}&limit=2`)).json;
      expect(byName.contracts.map((c: { workflow_id: string }) => c.workflow_id)).toEqual([ids[4], ids[3]]);
      expect(byName.next_before).toBe(ids[3]);
      const next = (await admin.get(`/console/api/contracts?q=${encodeURIComponent('페이지 계약')}&limit=2&before=${byName.next_before}`)).json;
      expect(next.contracts.map((c: { workflow_id: string }) => c.workflow_id)).toEqual([ids[2], ids[1]]);
      const last = (await admin.get(`/console/api/contracts?q=${encodeURIComponent('페이지 계약')}&limit=2&before=${next.next_before}`)).json;
      expect(last).toEqual({
        contracts: [expect.objectContaining({ workflow_id: ids[0], current_signer: '서명자1', status: 'Playing', template_name: '근로계약서' })],
        next_before: null,
      });

      const q = async (query: string) => (await admin.get(`/console/api/contracts?${query}`)).json.contracts.map((c: { workflow_id: string }) => c.workflow_id);
      expect(await q(`q=${encodeURIComponent('값-3')}`)).toEqual([ids[2]]);
      expect(await q(`q=${encodeURIComponent('서명자4')}`)).toEqual([ids[3]]);
      expect(await q(`q=${encodeURIComponent('page2@example.com')}`)).toEqual([ids[1]]);
      // A number is also a contract number (and "5" is in some names too).
      expect(await q(`q=${ids[0]}`)).toContain(ids[0]);
      // Digits no id can have are still a search, not a comparison PostgreSQL refuses (a 500 before).
      expect(await q('q=9999999999')).toEqual([]);
      expect(await q(`q=${encodeURIComponent('사번-7731')}`)).toEqual([workflowId]);
      expect(await q('q=100%25')).toEqual([]);
      expect(await q(`status=Complete&template=${templateId}`)).toEqual([workflowId]);
      const today = new Date().toISOString().slice(0, 10);
      expect(await q(`from=2000-01-01&to=2000-12-31`)).toEqual([]);
      expect((await q(`from=${today}&q=${encodeURIComponent('페이지')}`)).length).toBe(5);
      expect((await admin.get('/console/api/contracts?from=2026-02-31')).status).toBe(400);
      expect((await admin.get('/console/api/contracts?status=Truncate')).status).toBe(400);
    });

    it("shows a contract's document, history, exports and messages", async () => {
      const view = (await admin.get(`/console/api/contracts/${workflowId}`)).json;
      expect(view).toMatchObject({ name: '홍길동 근로계약', status: 'Complete', template: { id: templateId, name: '근로계약서' } });
      expect(view.signers).toEqual([expect.objectContaining({ step: 1, name: '홍길동', identity: 'hong@example.com', state: 'signed' })]);
      expect(view.history.map((h: { step_code: string }) => h.step_code)).toEqual(
        expect.arrayContaining(['WORKFLOW_START', 'SIGN_REQ', 'SIGN_START', 'SIGN_COMPLETE', 'WORKFLOW_COMPLETE']),
      );
      expect(view.history[0].at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(view.fields).toContainEqual({ name: 'name_1', type: 'TextBox', step: 1, value: '사번-7731', filled: true });
      expect(view.documents.download_url).toMatch(new RegExp(`^${server.url}/documents/`));
      const pdf = await fetch(`${server.url}/console/api/contracts/${workflowId}/document.pdf`, { headers: { cookie: admin.cookie } });
      expect(pdf.status).toBe(200);
      expect(
        Buffer.from(await pdf.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
      const exports = (await admin.get(`/console/api/contracts/${workflowId}/exports`)).json.events;
      expect(exports[0]).toMatchObject({ event_id: eventId, processid: '1', url: receiverUrl });
      expect(exports[0].attempts[0]).toMatchObject({ ok: true, status_code: 200, response_excerpt: '{"ok":true}' });
      expect((await admin.get(`/console/api/contracts/${workflowId}/notifications`)).json.notifications).toEqual([]);
      const company = (await admin.get('/console/api/exports?limit=1')).json;
      expect(company.events).toHaveLength(1);
    });
  });

  describe('API tokens', () => {
    it('makes a named token shown once, lists it, and a revoked one gets 401 on the eSignon API', async () => {
      const made = await admin.post('/console/api/tokens', { label: 'ERP 연동', days: 365 });
      expect(made.status).toBe(201);
      expect(made.json.token).toMatch(/^[\w-]{43}$/);
      expect(new Date(made.json.expires_at).getTime() - Date.now()).toBeGreaterThan(360 * 86_400_000);
      const rows = await server.dojang.ctx.db.selectFrom('access_tokens').select(['token_hash', 'label']).where('label', '=', 'ERP 연동').execute();
      expect(rows).toEqual([{ token_hash: hashToken(made.json.token), label: 'ERP 연동' }]);

      const call = (token: string) => fetch(`${server.url}/api/v2/workflows/${workflowId}`, { headers: { authorization: `esignon ${token}` } });
      expect(await statusOf(call(made.json.token))).toBe(200);
      const listed = (await admin.get('/console/api/tokens')).json.tokens;
      expect(listed).toEqual([
        expect.objectContaining({ label: 'ERP 연동', state: 'active', member: { name: '관리자', email: acme.email }, token_id: hashToken(made.json.token) }),
      ]);
      expect(JSON.stringify(listed)).not.toContain(made.json.token);

      expect((await admin.post('/console/api/tokens', { label: '', days: 7 })).json.errors.map((e: { field: string }) => e.field)).toEqual(['label', 'days']);
      expect((await intruder.delete(`/console/api/tokens/${hashToken(made.json.token)}`)).status).toBe(404);
      expect(await statusOf(call(made.json.token))).toBe(200);

      expect((await admin.delete(`/console/api/tokens/${hashToken(made.json.token)}`)).status).toBe(204);
      const refused = await call(made.json.token);
      expect(refused.status).toBe(401);
      expect((await refused.json()).header.result_code).toBe('94');
      expect(
        await statusOf(
          fetch(`${server.url}/api/acme/startsimple`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `esignon ${made.json.token}` },
            body: JSON.stringify({ header: { request_code: '5005Q' }, body: {} }),
          }),
        ),
      ).toBe(401);
      expect(await statusOf(fetch(`${server.url}/api/v1/templates`, { headers: { authorization: `Bearer ${made.json.token}` } }))).toBe(401);
      expect((await admin.get('/console/api/tokens')).json.tokens[0]).toMatchObject({ state: 'revoked' });
    });
  });

  describe('the webhook secret', () => {
    it('is rotated by an admin, the previous one still signing for a day', async () => {
      const before = (await admin.get('/console/api/webhook-secret')).json;
      const rotated = await admin.post('/console/api/webhook-secret/rotate');
      expect(rotated.status).toBe(200);
      expect(rotated.json.secret).not.toBe(before.secret);
      expect(rotated.json.previous_secret).toBe(before.secret);
      expect(new Date(rotated.json.previous_valid_until).getTime() - Date.now()).toBeGreaterThan(23 * 3_600_000);
    });
  });
});

describe('the console cookie behind https', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { PUBLIC_URL: 'https://dojang.example.com' });
    await server.company('acme');
  });
  afterAll(() => server?.close());

  it('is Secure when PUBLIC_URL is https', async () => {
    const login = await consoleFetch(server.url, 'POST', '/console/api/login', {
      body: { company: 'acme', email: 'admin@acme.example.com', password: 'correct horse battery' },
    });
    expect(login.status).toBe(200);
    expect(login.headers.get('set-cookie')).toMatch(/; Secure/);
    // Requests from the public origin pass the Origin check.
    const session = await consoleFetch(server.url, 'POST', '/console/api/logout', {
      headers: { cookie: cookieOf(login.headers.get('set-cookie')), 'x-dojang-csrf': login.json.csrf_token, origin: 'https://dojang.example.com' },
    });
    expect(session.status).toBe(204);
  });
});
