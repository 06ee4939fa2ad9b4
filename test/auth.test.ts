// Tokens and tenants: a token sees only its own company; bad tokens get 401; the envelope holds
// for bodies that are not JSON.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember } from '../src/accounts/create-company.ts';
import { LOGIN_LOCK_MINUTES, MAX_EMAIL_FAILURES, MAX_LOGIN_FAILURES, sweepLoginGuards } from '../src/accounts/login-guard.ts';
import { toCompanyId } from '../src/domain/ids.ts';
import { testDatabases } from './support/databases.ts';
import { startTestServer, type TestCompany, type TestServer } from './support/dojang-server.ts';
import { createTestTemplate, players } from './support/templates.ts';
import { loginFrom } from './support/login-from.ts';

describe.each(testDatabases())('authentication and isolation on %s', (kind) => {
  let server: TestServer;
  let acme: TestCompany;
  let globex: TestCompany;
  let acmeTemplate: string;
  let acmeWorkflow: string;

  beforeAll(async () => {
    server = await startTestServer(kind);
    acme = await server.company('acme');
    globex = await server.company('globex');
    acmeTemplate = await createTestTemplate(acme, 1);
    const { json } = await acme.esignon('/api/acme/startsimple', '5005Q', { workflow_name: '비밀 계약', doc_id: acmeTemplate, player_list: players(1) });
    acmeWorkflow = json.body.workflow_id;
  });
  afterAll(() => server?.close());

  const raw = (path: string, init: RequestInit) => fetch(`${server.url}${path}`, init);

  it('logs in with the page\'s shape and refuses wrong credentials with "10"', async () => {
    const login = (company: string, email: string, password: string) =>
      raw(`/api/${company}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ header: { request_code: '1001Q' }, body: { memb_email: email, memb_pwd: password } }),
      }).then((r) => r.json());
    const ok = await login('acme', acme.email.toUpperCase(), acme.password);
    expect(ok.header).toMatchObject({ response_code: '1001A', result_code: '00', result_msg: '성공적으로 로그인되었습니다.' });
    expect(ok.body).toMatchObject({ comp_id: 'acme', memb_email: acme.email, device_id: '' });
    expect(ok.body.access_token).toMatch(/^[\w-]{43}$/);
    expect(ok.body.expire_date).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect((await login('acme', acme.email, 'wrong password')).header.result_code).toBe('10');
    expect((await login('globex', acme.email, acme.password)).header.result_code).toBe('10');
    expect((await login('nobody', acme.email, acme.password)).header.result_code).toBe('10');
  });

  it('locks an email after five wrong passwords, for 1001Q and the console alike', async () => {
    await addMember(server.dojang.ctx, { companyId: toCompanyId('acme'), email: 'guessed@acme.example.com', password: 'the right one' });
    const login = (password: string) =>
      raw('/api/acme/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ header: { request_code: '1001Q' }, body: { memb_email: 'Guessed@acme.example.com', memb_pwd: password } }),
      }).then((r) => r.json());
    for (let i = 0; i < 4; i++) expect((await login(`guess ${i}`)).header.result_msg).toBe('로그인 정보가 정확하지 않습니다.');
    const fifth = (await login('guess 5')).header;
    expect(fifth.result_code).toBe('10');
    expect(fifth.result_msg).toMatch(/^로그인 실패가 5번 이어져 \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\(UTC\)까지 로그인할 수 없습니다\.$/);
    // Locked even for the right password, and in the console too: one count for every way in.
    expect((await login('the right one')).header.result_msg).toContain('로그인할 수 없습니다');
    const consoleLogin = await raw('/console/api/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ company: 'acme', email: 'guessed@acme.example.com', password: 'the right one' }),
    });
    expect(consoleLogin.status).toBe(429);
    // Other members log in as before.
    const other = await raw('/api/acme/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ header: { request_code: '1001Q' }, body: { memb_email: acme.email, memb_pwd: acme.password } }),
    }).then((r) => r.json());
    expect(other.header.result_code).toBe('00');
  });

  describe('the login guard cannot be grown, or turned against an integration, by strangers', () => {
    const login = async (address: string, company: string, email: string, password: string) =>
      (await loginFrom(address, server.url, company, email, password)).header;
    const guardRows = () => server.dojang.ctx.db.selectFrom('login_guards').select(['company_id', 'email', 'client', 'failures']).execute();

    it('refuses an email longer than an email can be as an input error, and counts nothing for strangers', async () => {
      const before = await guardRows();
      const long = await login('127.0.0.1', 'acme', `${'x'.repeat(320)}@acme.example.com`, 'whatever');
      expect(long.result_code).toBe('-1');
      expect(long.result_msg).toContain('memb_email');
      for (const [company, email] of [
        ['no-such-company', 'kim@example.com'],
        ['acme', 'nobody@acme.example.com'],
      ] as const) {
        for (let i = 0; i < 3; i++) expect((await login('127.0.0.1', company, email, `guess ${i}`)).result_code).toBe('10');
      }
      expect(await guardRows()).toEqual(before);
    });

    it('locks an email for the address that guesses, and for everyone only past a looser ceiling', async () => {
      await addMember(server.dojang.ctx, { companyId: toCompanyId('acme'), email: 'integration@acme.example.com', password: "the integration's own" });
      const integration = (address: string, password = "the integration's own") => login(address, 'acme', 'integration@acme.example.com', password);
      for (let i = 0; i < MAX_LOGIN_FAILURES; i++) await integration('127.0.0.2', `guess ${i}`);
      expect((await integration('127.0.0.2')).result_msg).toContain('로그인할 수 없습니다');
      // The integration's server, elsewhere, goes on logging in.
      expect(await integration('127.0.0.1')).toMatchObject({ result_code: '00' });
      // Guessing from enough addresses locks the email for every address.
      const addresses = Array.from({ length: Math.ceil(MAX_EMAIL_FAILURES / MAX_LOGIN_FAILURES) }, (_, i) => `127.0.1.${i + 1}`);
      for (const address of addresses) for (let i = 0; i < MAX_LOGIN_FAILURES; i++) await integration(address, `guess ${i}`);
      expect((await integration('127.0.0.1')).result_msg).toContain('로그인할 수 없습니다');
      // Counts expire: the sweep removes every one whose window and lock are over.
      const later = () => new Date(Date.now() + 2 * LOGIN_LOCK_MINUTES * 60_000);
      expect(await sweepLoginGuards({ db: server.dojang.ctx.db, clock: later })).toBeGreaterThan(addresses.length);
      expect((await guardRows()).filter((row) => row.email === 'integration@acme.example.com')).toEqual([]);
    });
  });

  it('stores access tokens hashed', async () => {
    const rows = await server.dojang.ctx.db.selectFrom('access_tokens').select('token_hash').execute();
    expect(rows.some((r) => r.token_hash === acme.token)).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
  });

  it.each([
    ['no Authorization header', undefined],
    ['an unknown token', 'esignon not-a-token'],
    ['a malformed header', 'esignon'],
  ])('answers 401 with the envelope for %s', async (_case, authorization) => {
    const response = await raw('/api/acme/startsimple', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify({ header: { request_code: '5005Q' }, body: {} }),
    });
    expect(response.status).toBe(401);
    const json = await response.json();
    expect(json.header).toMatchObject({ response_code: '5005A', result_code: '94' });
    const v1 = await raw('/api/v1/templates', { headers: authorization ? { authorization } : {} });
    expect(v1.status).toBe(401);
    expect(v1.headers.get('content-type')).toContain('application/problem+json');
  });

  it('accepts Bearer as well as esignon', async () => {
    const response = await raw('/api/v1/templates', { headers: { authorization: `Bearer ${acme.token}` } });
    expect(response.status).toBe(200);
  });

  it('keeps companies apart', async () => {
    expect((await globex.get(`/api/v2/workflows/${acmeWorkflow}`)).json.header.result_code).toBe('10');
    expect((await globex.get(`/api/v2/docs/${acmeTemplate}`)).json.header.result_code).toBe('11');
    const foreignPath = await globex.esignon('/api/acme/startsimple', '5005Q', { workflow_name: 'x', doc_id: acmeTemplate, player_list: players(1) });
    expect(foreignPath.status).toBe(403);
    expect(foreignPath.json.header.result_code).toBe('95');
    const foreignTemplate = await globex.esignon('/api/globex/startsimple', '5005Q', { workflow_name: 'x', doc_id: acmeTemplate, player_list: players(1) });
    expect(foreignTemplate.json.header.result_code).toBe('-1');
    const cancel = await globex.esignon('/JEDOC/Common.do', '1510Q', { workflow_id: acmeWorkflow, command: 'CANCEL' });
    expect(cancel.json.header.result_code).toBe('10');
    const claimed = await globex.esignon('/JEDOC/Common.do', '1510Q', { comp_id: 'acme', workflow_id: acmeWorkflow, command: 'CANCEL' });
    expect(claimed.status).toBe(403);
    const act = await globex.esignon('/api/globex/action', '5010Q', {
      memb_email: 'signer1@example.com',
      action_id: '1',
      workflow_id: acmeWorkflow,
      command: 'RT',
      comment: 'x',
    });
    expect(act.json.header.result_code).toBe('10');
    expect((await globex.get(`/api/v1/workflows/${acmeWorkflow}/exports`)).status).toBe(404);
    const list = await globex.esignon('/JEDOC/Common.do', '1123Q', { search_dir_id: 'all', display_order_mode: '2' });
    expect(list.json.body.file_list).toEqual([]);
    expect((await acme.get(`/api/v2/workflows/${acmeWorkflow}`)).json.body.workflow_status).toBe('Playing');
  });

  it('answers a body that is not JSON with 400 and "12"', async () => {
    for (const [contentType, body] of [
      ['application/json', '{"header": '],
      ['text/plain', 'hello'],
      ['application/json', ''],
    ] as const) {
      const response = await raw('/api/acme/startsimple', {
        method: 'POST',
        headers: { 'content-type': contentType, authorization: `esignon ${acme.token}` },
        body,
      });
      expect(response.status, `${contentType} ${body}`).toBe(400);
      const json = await response.json();
      expect(json.header.result_code).toBe('12');
      expect(json.header.response_code).toBe('5005A');
    }
  });

  it('refuses the NUL character anywhere, naming where', async () => {
    const { status, json } = await acme.esignon('/api/acme/startsimple', '5005Q', { workflow_name: 'a\u0000b', doc_id: acmeTemplate, player_list: players(1) });
    expect(status).toBe(200);
    expect(json.header.result_code).toBe('-1');
    expect(json.header.result_msg).toContain('body.body.workflow_name');
    const v1 = await acme.post('/api/v1/templates', { name: 'x\u0000', steps: 1, pdf: '', fields: [] });
    expect(v1.status).toBe(400);
  });

  it('answers a missing envelope part with "-1" naming it', async () => {
    const response = await raw('/api/acme/startsimple', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `esignon ${acme.token}` },
      body: JSON.stringify({ header: { request_code: '5005Q' } }),
    });
    expect(response.status).toBe(200);
    const json = await response.json();
    expect(json.header.result_code).toBe('-1');
    expect(json.header.result_msg).toContain('body');
  });
});
