// GET /worklists/new through the typed client, on both databases: paging, totals, and `step`
// (Myturn / Progress / Complete) from the caller's point of view.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember } from '../src/accounts/create-company.ts';
import { DojangClient } from '../src/client/dojang-client.ts';
import { clientFor, movableClock } from './support/client.ts';
import { testDatabases } from './support/databases.ts';
import { startTestServer, type TestServer } from './support/dojang-server.ts';
import { createTestTemplate, players } from './support/templates.ts';
import { toCompanyId } from '../src/domain/ids.ts';

describe.each(testDatabases())('worklists on %s', (kind) => {
  const clock = movableClock('2026-05-10T01:00:00.000Z');
  let server: TestServer;
  let admin: DojangClient;
  let member: DojangClient;
  const ADMIN = 'admin@acme.example.com';
  const MEMBER = 'clerk@acme.example.com';
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer(kind, {}, { clock });
    const acme = await server.company('acme');
    admin = clientFor(server, acme);
    await addMember(server.dojang.ctx, { companyId: toCompanyId('acme'), email: MEMBER, password: 'clerk password', name: '직원' });
    member = new DojangClient({ baseUrl: server.url });
    expect((await member.login('acme', MEMBER, 'clerk password')).header.result_code).toBe('00');
    const twoSteps = await createTestTemplate(acme, 2, [
      { name: 'a', type: 'TextBox', owner: 1 },
      { name: 'b', type: 'TextBox', owner: 2 },
    ]);
    const start = async (key: string, first: string, second: string) => {
      clock.advance(60_000);
      const { header, body } = await admin.startsimple('acme', {
        workflow_name: `계약 ${key}`,
        doc_id: twoSteps,
        player_list: players(2, [
          { email: first, name: '첫째' },
          { email: second, name: '둘째' },
        ]),
      });
      expect(header.result_code, header.result_msg).toBe('00');
      ids[key] = body.workflow_id!;
    };
    await start('adminFirst', ADMIN, 'kim@example.com');
    await start('memberFirst', MEMBER, 'kim@example.com');
    await start('adminSecond', 'kim@example.com', 'Admin@ACME.example.com');
    await start('complete', 'kim@example.com', 'lee@example.com');
    await start('deleted', 'kim@example.com', 'lee@example.com');
    const act = (id: string, step: number, email: string) =>
      admin.action('acme', { memb_email: email, action_id: String(step), workflow_id: id, command: 'CF' });
    clock.advance(60_000);
    expect((await act(ids.adminSecond!, 1, 'kim@example.com')).header.result_code).toBe('00');
    expect((await act(ids.complete!, 1, 'kim@example.com')).header.result_code).toBe('00');
    expect((await act(ids.complete!, 2, 'lee@example.com')).header.result_code).toBe('00');
    expect((await admin.companyCommand({ workflow_id: ids.deleted!, command: 'CANCEL' })).header.result_code).toBe('00');
    expect((await admin.companyCommand({ workflow_id: ids.deleted!, command: 'DELETE' })).header.result_code).toBe('00');
  });
  afterAll(() => server?.close());

  it("lists the company's workflows newest first, shaped as the page shows", async () => {
    const { header, body } = await admin.worklist();
    expect(header).toMatchObject({ response_code: '/worklists/new', result_code: '00', result_msg: '' });
    expect(body).toMatchObject({ comp_id: 'acme', isManager: true, memb_email: ADMIN, page: '1', rows: '50', total: '4' });
    expect(body.workflow_list!.map((w) => w.wfuid)).toEqual([ids.complete, ids.adminSecond, ids.memberFirst, ids.adminFirst]);
    expect(body.workflow_list!.find((w) => w.wfuid === ids.complete)).toEqual({
      wfuid: ids.complete,
      wfname: '계약 complete',
      wftype: 'NORMAL',
      status: 'Complete',
      step: 'Complete',
      nickname: '관리자',
      currentactionid: '2',
      email: ADMIN,
      startdate: '2026-05-10 10:04:00',
      totalprocesscount: '2',
      currentprocesscount: '2',
      confirmdate: '2026-05-10 10:06:00',
      preactionid: '1',
      preactionemail: 'kim@example.com',
    });
  });

  it('says Myturn where the current signer is the caller, Progress where it is someone else', async () => {
    const steps = (list: { wfuid: string; step: string }[]) => Object.fromEntries(list.map((w) => [w.wfuid, w.step]));
    const mine = steps((await admin.worklist()).body.workflow_list!);
    expect(mine).toEqual({ [ids.adminFirst!]: 'Myturn', [ids.memberFirst!]: 'Progress', [ids.adminSecond!]: 'Myturn', [ids.complete!]: 'Complete' });
    const theirs = await member.worklist();
    expect(theirs.body).toMatchObject({ isManager: false, memb_email: MEMBER, total: '4' });
    expect(steps(theirs.body.workflow_list!)).toEqual({
      [ids.adminFirst!]: 'Progress',
      [ids.memberFirst!]: 'Myturn',
      [ids.adminSecond!]: 'Progress',
      [ids.complete!]: 'Complete',
    });
    const playing = (await admin.worklist()).body.workflow_list!.find((w) => w.wfuid === ids.adminSecond)!;
    expect(playing).toMatchObject({ currentactionid: '2', currentprocesscount: '1', confirmdate: '', preactionid: '1', preactionemail: 'kim@example.com' });
    const fresh = (await admin.worklist()).body.workflow_list!.find((w) => w.wfuid === ids.adminFirst)!;
    expect(fresh).toMatchObject({ currentactionid: '1', currentprocesscount: '0', preactionid: '', preactionemail: '' });
  });

  it('pages with page and rows; the total counts every page', async () => {
    const one = await admin.worklist({ page: 1, rows: 3 });
    const two = await admin.worklist({ page: 2, rows: 3 });
    const three = await admin.worklist({ page: 3, rows: 3 });
    expect(one.body).toMatchObject({ page: '1', rows: '3', total: '4' });
    expect(one.body.workflow_list!.map((w) => w.wfuid)).toEqual([ids.complete, ids.adminSecond, ids.memberFirst]);
    expect(two.body.workflow_list!.map((w) => w.wfuid)).toEqual([ids.adminFirst]);
    expect(three.body.workflow_list).toEqual([]);
  });

  it('shows dates in ?offset= when given', async () => {
    const { body } = await admin.worklist({ rows: 1, offset: '+00:00' });
    expect(body.workflow_list![0]!.startdate).toBe('2026-05-10 01:04:00');
  });

  it('refuses a bad page or rows with "-1", and a missing token with 401', async () => {
    expect((await admin.request('GET', '/worklists/new?page=0')).json).toMatchObject({ header: { result_code: '-1' } });
    expect((await admin.request('GET', '/worklists/new?rows=abc')).json).toMatchObject({ header: { result_code: '-1' } });
    expect((await admin.request('GET', '/worklists/new?rows=501')).json).toMatchObject({ header: { result_code: '-1' } });
    expect((await new DojangClient({ baseUrl: server.url }).request('GET', '/worklists/new')).status).toBe(401);
  });
});
