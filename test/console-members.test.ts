// The company's members in the console's API, black-box over HTTP on both databases: admins add
// members who can then log in (console and 1001Q), change roles with effect on the next request,
// and remove members, whose API tokens and console sessions end at once while their contracts
// stay; a company always keeps an admin; members only list; another company sees and touches
// nothing; bad input is a 400.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCompanyId } from '../src/domain/ids.ts';
import { consoleFetch, consoleLogin, type ConsoleClient } from './console-support/console-client.ts';
import { testDatabases } from './support/databases.ts';
import { startTestServer, type TestCompany, type TestServer } from './support/dojang-server.ts';
import { createTestTemplate } from './support/templates.ts';

describe.each(testDatabases())("the console's members on %s", (kind) => {
  let server: TestServer;
  let acme: TestCompany;
  let globex: TestCompany;
  let admin: ConsoleClient;
  let intruder: ConsoleClient;
  let templateId: string;
  let adminId: number;

  beforeAll(async () => {
    server = await startTestServer(kind);
    acme = await server.company('acme', { name: '에이크미' });
    globex = await server.company('globex');
    templateId = await createTestTemplate(acme, 1, undefined, '근로계약서');
    admin = await consoleLogin(server.url, 'acme', acme.email, acme.password);
    intruder = await consoleLogin(server.url, 'globex', globex.email, globex.password);
    adminId = (await admin.get('/console/api/members')).json.members[0].id;
  });
  afterAll(() => server?.close());

  /** 1001Q: the access token, or null when refused. */
  async function apiLogin(email: string, password: string): Promise<string | null> {
    const answer = await fetch(`${server.url}/api/acme/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ header: { request_code: '1001Q' }, body: { memb_email: email, memb_pwd: password } }),
    });
    const json = await answer.json();
    return json.header.result_code === '00' ? (json.body.access_token as string) : null;
  }

  const consoleLoginStatus = async (email: string, password: string) =>
    (await consoleFetch(server.url, 'POST', '/console/api/login', { body: { company: 'acme', email, password } })).status;

  async function addMember(email: string, role: 'admin' | 'member' = 'member', password = 'initial password'): Promise<number> {
    const added = await admin.post('/console/api/members', { email, name: `이름 ${email.split('@')[0]}`, role, password });
    expect(added.status, JSON.stringify(added.json)).toBe(201);
    return added.json.member.id;
  }

  it('adds a member who can then log in to the console and with 1001Q, listed without a password hash', async () => {
    const added = await admin.post('/console/api/members', { email: ' Kim@Acme.Example.com ', name: ' 김직원 ', role: 'member', password: 'first password' });
    expect(added.status).toBe(201);
    expect(added.json.member).toEqual({
      id: expect.any(Number),
      email: 'kim@acme.example.com',
      name: '김직원',
      role: 'member',
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });

    const kim = await consoleLogin(server.url, 'acme', 'kim@acme.example.com', 'first password');
    expect((await kim.get('/console/api/session')).json.member).toMatchObject({ name: '김직원', role: 'member' });
    expect(await apiLogin('kim@acme.example.com', 'first password')).toMatch(/^[\w-]{43}$/);

    const listed = await kim.get('/console/api/members');
    expect(listed.status).toBe(200);
    expect(listed.json.members.map((m: { email: string; role: string }) => [m.email, m.role])).toEqual([
      [acme.email, 'admin'],
      ['kim@acme.example.com', 'member'],
    ]);
    expect(JSON.stringify(listed.json)).not.toMatch(/scrypt|password/);

    const again = await admin.post('/console/api/members', { email: 'KIM@acme.example.com', name: '또 김', role: 'admin', password: 'another password' });
    expect(again.status).toBe(409);
    expect(again.json.errors).toEqual([{ field: 'email', message: expect.stringContaining('already a member'), key: 'alreadyMemberEmail' }]);
  });

  it('answers 400 for bad bodies and parameters, naming the fields it can', async () => {
    const bad = await admin.post('/console/api/members', { email: 'not an email', name: ' ', role: 'member', password: 'short' });
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: { field: string }) => e.field)).toEqual(['email', 'password', 'name']);
    for (const body of [
      {},
      null,
      [],
      'x',
      { email: 'a@b.co', name: 'a', role: 'owner', password: 'long enough' },
      { email: 1, name: 'a', role: 'member', password: 'long enough' },
      { email: 'a@b.co', name: 'a', role: 'member' },
    ]) {
      expect((await admin.post('/console/api/members', body)).status, JSON.stringify(body)).toBe(400);
    }
    const someone = await addMember('params@acme.example.com');
    for (const body of [{}, { role: 'root' }, { role: null }]) expect((await admin.put(`/console/api/members/${someone}/role`, body)).status).toBe(400);
    for (const id of ['abc', '0', '-1', '1.5', '99999999999']) {
      expect((await admin.put(`/console/api/members/${id}/role`, { role: 'admin' })).status, id).toBe(400);
      expect((await admin.delete(`/console/api/members/${id}`)).status, id).toBe(400);
    }
    expect((await admin.put('/console/api/members/999999/role', { role: 'admin' })).status).toBe(404);
    expect((await admin.delete('/console/api/members/999999')).status).toBe(404);
  });

  it('lets members list but not add, change or remove (403)', async () => {
    const id = await addMember('clerk@acme.example.com');
    const clerk = await consoleLogin(server.url, 'acme', 'clerk@acme.example.com', 'initial password');
    expect((await clerk.get('/console/api/members')).status).toBe(200);
    for (const [method, path, body] of [
      ['POST', '/console/api/members', { email: 'sneaky@acme.example.com', name: '몰래', role: 'admin', password: 'sneaky password' }],
      ['PUT', `/console/api/members/${id}/role`, { role: 'admin' }],
      ['PUT', `/console/api/members/${adminId}/role`, { role: 'member' }],
      ['DELETE', `/console/api/members/${adminId}`, undefined],
    ] as const) {
      const answer = await clerk.request(method, path, body);
      expect(answer.status, `${method} ${path}`).toBe(403);
      expect(answer.json.title).toBe('forbidden');
    }
    const roles = (await admin.get('/console/api/members')).json.members.map((m: { email: string; role: string }) => `${m.email}:${m.role}`);
    expect(roles).toContain('clerk@acme.example.com:member');
    expect(roles).toContain(`${acme.email}:admin`);
    expect(roles.join()).not.toContain('sneaky');
  });

  it('changes a role with effect on the very next request of an open session', async () => {
    const id = await addMember('lee@acme.example.com');
    const lee = await consoleLogin(server.url, 'acme', 'lee@acme.example.com', 'initial password');
    expect((await lee.get('/console/api/tokens')).status).toBe(403);

    const promoted = await admin.put(`/console/api/members/${id}/role`, { role: 'admin' });
    expect(promoted.status).toBe(200);
    expect(promoted.json.member).toMatchObject({ id, role: 'admin' });
    expect((await lee.get('/console/api/tokens')).status).toBe(200);
    expect((await lee.get('/console/api/session')).json.member.role).toBe('admin');

    expect((await admin.put(`/console/api/members/${id}/role`, { role: 'member' })).status).toBe(200);
    expect((await lee.get('/console/api/tokens')).status).toBe(403);
    expect((await lee.post('/console/api/tokens', { label: 'ERP', days: 90 })).status).toBe(403);
    expect((await lee.post('/console/api/members', { email: 'x@acme.example.com', name: 'x', role: 'member', password: 'x password' })).status).toBe(403);
    expect((await lee.post('/console/api/webhook-secret/rotate')).status).toBe(403);
  });

  it('keeps the last admin: no demoting them, and no admin removes themself', async () => {
    const lastAdmin = await admin.put(`/console/api/members/${adminId}/role`, { role: 'member' });
    expect(lastAdmin.status).toBe(409);
    expect(lastAdmin.json.detail).toContain('last admin');
    const self = await admin.delete(`/console/api/members/${adminId}`);
    expect(self.status).toBe(409);
    expect(self.json.detail).toContain('cannot remove themself');

    // With a second admin, the first may step down; then the second is the last.
    const park = await addMember('park@acme.example.com', 'admin');
    const parkSession = await consoleLogin(server.url, 'acme', 'park@acme.example.com', 'initial password');
    expect((await admin.put(`/console/api/members/${adminId}/role`, { role: 'member' })).status).toBe(200);
    expect((await admin.get('/console/api/tokens')).status).toBe(403);
    expect((await parkSession.put(`/console/api/members/${park}/role`, { role: 'member' })).status).toBe(409);
    expect((await parkSession.put(`/console/api/members/${adminId}/role`, { role: 'admin' })).status).toBe(200);
    // Two admins demoting each other at once: one of them stays admin (the other is refused as
    // the last admin, or, when the first change came before its session was read, as no admin).
    const both = await Promise.all([
      admin.put(`/console/api/members/${park}/role`, { role: 'member' }),
      parkSession.put(`/console/api/members/${adminId}/role`, { role: 'member' }),
    ]);
    expect(both.filter((b) => b.status === 200)).toHaveLength(1);
    expect([403, 409]).toContain(both.find((b) => b.status !== 200)!.status);
    const admins = (await admin.get('/console/api/members')).json.members.filter((m: { role: string }) => m.role === 'admin');
    expect(admins).toHaveLength(1);
    // Back to: acme's first admin is an admin again.
    const stillAdmin = admins[0].id === adminId ? admin : parkSession;
    expect((await stillAdmin.put(`/console/api/members/${adminId}/role`, { role: 'admin' })).status).toBe(200);
    expect((await admin.put(`/console/api/members/${park}/role`, { role: 'member' })).status).toBe(200);
  });

  it('removes a member: tokens revoked, sessions ended, login refused, contracts kept; the email can be added again', async () => {
    const id = await addMember('choi@acme.example.com', 'admin', 'choi password 1');
    const choi = await consoleLogin(server.url, 'acme', 'choi@acme.example.com', 'choi password 1');
    const named = await choi.post('/console/api/tokens', { label: 'choi ERP', days: 90 });
    expect(named.status).toBe(201);
    const loginToken = (await apiLogin('choi@acme.example.com', 'choi password 1'))!;
    const start = await fetch(`${server.url}/api/acme/startsimple`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `esignon ${loginToken}` },
      body: JSON.stringify({
        header: { request_code: '5005Q' },
        body: { workflow_name: '최 계약', doc_id: templateId, player_list: [{ field_owner: '1', email: 'signer@example.com', name: '서명자' }] },
      }),
    });
    const workflowId = (await start.json()).body.workflow_id as string;
    expect(workflowId).toMatch(/^\d+$/);
    const call = async (token: string) =>
      (await fetch(`${server.url}/api/v2/workflows/${workflowId}`, { headers: { authorization: `esignon ${token}` } })).status;
    expect(await call(named.json.token)).toBe(200);
    expect(await call(loginToken)).toBe(200);

    expect((await admin.delete(`/console/api/members/${id}`)).status).toBe(204);
    expect(await call(named.json.token)).toBe(401);
    expect(await call(loginToken)).toBe(401);
    expect((await choi.get('/console/api/contracts')).status).toBe(401);
    expect(await consoleLoginStatus('choi@acme.example.com', 'choi password 1')).toBe(401);
    expect(await apiLogin('choi@acme.example.com', 'choi password 1')).toBeNull();
    expect((await admin.get('/console/api/members')).json.members.map((m: { email: string }) => m.email)).not.toContain('choi@acme.example.com');
    expect((await admin.get('/console/api/tokens')).json.tokens.find((t: { label: string }) => t.label === 'choi ERP')).toMatchObject({ state: 'revoked' });
    expect((await admin.delete(`/console/api/members/${id}`)).status).toBe(404);
    expect((await admin.put(`/console/api/members/${id}/role`, { role: 'member' })).status).toBe(404);
    // The contract stays, still saying who started it; a removed member cannot be named to start one.
    const contract = await admin.get(`/console/api/contracts/${workflowId}`);
    expect(contract.status).toBe(200);
    expect(JSON.stringify(contract.json)).toContain('choi@acme.example.com');
    const { json } = await acme.esignon('/api/acme/startsimple', '5005Q', {
      workflow_name: '대리 시작',
      doc_id: templateId,
      memb_email: 'choi@acme.example.com',
      player_list: [{ field_owner: '1', email: 'signer@example.com', name: '서명자' }],
    });
    expect(json.header.result_code).not.toBe('00');

    // Added again: the same member (its contracts are still its own), a new password and role.
    const again = await admin.post('/console/api/members', { email: 'choi@acme.example.com', name: '최 복귀', role: 'member', password: 'choi password 2' });
    expect(again.status).toBe(201);
    expect(again.json.member).toMatchObject({ id, name: '최 복귀', role: 'member' });
    expect(await consoleLoginStatus('choi@acme.example.com', 'choi password 1')).toBe(401);
    const back = await consoleLogin(server.url, 'acme', 'choi@acme.example.com', 'choi password 2');
    expect((await back.get('/console/api/session')).json.member.role).toBe('member');
    expect(await call(named.json.token)).toBe(401);
  });

  it("keeps one company's members from another company's admin", async () => {
    const id = await addMember('jung@acme.example.com');
    const before = await server.dojang.ctx.db.selectFrom('members').selectAll().where('company_id', '=', toCompanyId('acme')).orderBy('id').execute();
    const listed = (await intruder.get('/console/api/members')).json.members;
    expect(listed.map((m: { email: string }) => m.email)).toEqual([globex.email]);
    for (const target of [id, adminId]) {
      expect((await intruder.put(`/console/api/members/${target}/role`, { role: 'admin' })).status).toBe(404);
      expect((await intruder.put(`/console/api/members/${target}/role`, { role: 'member' })).status).toBe(404);
      expect((await intruder.delete(`/console/api/members/${target}`)).status).toBe(404);
    }
    // An email of acme's is free to be another company's member.
    expect(
      (await intruder.post('/console/api/members', { email: 'jung@acme.example.com', name: '정 글로벡스', role: 'member', password: 'globex password' }))
        .status,
    ).toBe(201);
    const after = await server.dojang.ctx.db.selectFrom('members').selectAll().where('company_id', '=', toCompanyId('acme')).orderBy('id').execute();
    expect(after).toEqual(before);
    expect(await consoleLoginStatus('jung@acme.example.com', 'initial password')).toBe(200);
  });
});
