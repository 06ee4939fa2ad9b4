// Search by field value (5008Q) and by period (5009Q), through the typed client, on both
// databases: exact matches, company and template scoping, newest first, paging, day
// boundaries in the company's time zone, START and END, and the pages' failure codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DojangClient } from '../src/client/dojang-client.ts';
import { clientFor, movableClock } from './support/client.ts';
import { testDatabases } from './support/databases.ts';
import { startTestServer, type TestServer } from './support/dojang-server.ts';
import { createTestTemplate, players } from './support/templates.ts';

describe.each(testDatabases())('search on %s', (kind) => {
  const clock = movableClock('2026-03-01T14:30:00.000Z'); // 2026-03-01 23:30 in Seoul
  let server: TestServer;
  let acme: DojangClient;
  let other: DojangClient;
  let contract: string;
  let notice: string;
  const ids: Record<string, string> = {};

  const fields = [
    { name: 'contract_no', type: 'TextBox' as const, owner: 1 },
    { name: 'customer', type: 'TextBox' as const, owner: 1 },
    { name: 'agree', type: 'CheckBox' as const, owner: 1 },
  ];

  async function start(client: DojangClient, companyId: string, docId: string, name: string, values: Record<string, string>) {
    const { header, body } = await client.startsimple(companyId, {
      workflow_name: name,
      doc_id: docId,
      player_list: players(1),
      field_list: Object.entries(values).map(([field_name, field_value]) => ({ field_name, field_value })),
    });
    expect(header.result_code, header.result_msg).toBe('00');
    return body.workflow_id!;
  }

  beforeAll(async () => {
    server = await startTestServer(kind, {}, { clock });
    const acmeCompany = await server.company('acme');
    const otherCompany = await server.company('other');
    acme = clientFor(server, acmeCompany);
    other = clientFor(server, otherCompany);
    contract = await createTestTemplate(acmeCompany, 1, fields, '계약서');
    notice = await createTestTemplate(acmeCompany, 1, fields, '안내문');
    const otherTemplate = await createTestTemplate(otherCompany, 1, fields);

    ids.late = await start(acme, 'acme', contract, '3월 1일 계약', { contract_no: 'C-001', customer: '홍길동' });
    clock.set('2026-03-01T15:30:00.000Z'); // 2026-03-02 00:30 in Seoul
    ids.early = await start(acme, 'acme', contract, '3월 2일 계약', { contract_no: 'C-002', customer: '홍길동', agree: 'Y' });
    ids.notice = await start(acme, 'acme', notice, '3월 2일 안내', { contract_no: 'N-001', customer: '홍길동' });
    clock.set('2026-03-03T01:00:00.000Z');
    for (let i = 3; i <= 7; i++) ids[`c${i}`] = await start(acme, 'acme', contract, `계약 ${i}`, { contract_no: `C-00${i}`, customer: '김철수' });
    await start(other, 'other', otherTemplate, '남의 계약', { contract_no: 'C-001', customer: '홍길동' });

    // c3 completes on 2026-03-04 (Seoul); c4 is canceled and then deleted.
    clock.set('2026-03-04T02:00:00.000Z');
    const cf = await acme.action('acme', { memb_email: 'signer1@example.com', action_id: '1', workflow_id: ids.c3!, command: 'CF' });
    expect(cf.header.result_code, cf.header.result_msg).toBe('00');
    expect((await acme.companyCommand({ workflow_id: ids.c4!, command: 'CANCEL' })).header.result_code).toBe('00');
    expect((await acme.companyCommand({ workflow_id: ids.c4!, command: 'DELETE' })).header.result_code).toBe('00');
  });
  afterAll(() => server?.close());

  describe('by field value (5008Q)', () => {
    it('finds the workflow with exactly that value, shaped as the page shows', async () => {
      const { header, body } = await acme.searchByField('acme', {
        comp_id: 'acme',
        field_list: [{ doc_uid: contract, field_name: 'contract_no', field_value: 'C-002' }],
      });
      expect(header).toMatchObject({ response_code: '5008A', result_code: '00', result_msg: '필드 상태가 검색되었습니다.' });
      expect(body.comp_id).toBe('acme');
      expect(body.wf_list).toEqual([
        {
          doc_uid: contract,
          end_date: '',
          total_process_count: '1',
          wf_manager_name: '관리자',
          wf_manager_email: 'admin@acme.example.com',
          wf_status: 'Playing',
          field_value: 'C-002',
          wfuid: ids.early,
          current_process_no: '1',
          wf_title: '3월 2일 계약',
          start_date: '2026-03-02 00:30:00',
          field_name: 'contract_no',
        },
      ]);
      expect(body).toMatchObject({ page: '1', rows: '1000', has_more: 'N' });
    });

    it('lists every match newest first, within the template, the company, and not deleted ones', async () => {
      const hong = await acme.searchByField('acme', { field_list: [{ doc_uid: contract, field_name: 'customer', field_value: '홍길동' }] });
      expect(hong.body.wf_list!.map((w) => w.wfuid)).toEqual([ids.early, ids.late]);
      const anyTemplate = await acme.searchByField('acme', { field_list: [{ field_name: 'customer', field_value: '홍길동' }] });
      expect(anyTemplate.body.wf_list!.map((w) => w.wfuid)).toEqual([ids.notice, ids.early, ids.late]);
      const kim = await acme.searchByField('acme', { field_list: [{ doc_uid: contract, field_name: 'customer', field_value: '김철수' }] });
      expect(kim.body.wf_list!.map((w) => w.wfuid)).toEqual([ids.c7, ids.c6, ids.c5, ids.c3]);
      expect(kim.body.wf_list!.find((w) => w.wfuid === ids.c3)).toMatchObject({ wf_status: 'Complete', end_date: '2026-03-04 11:00:00' });
      const theirs = await other.searchByField('other', { field_list: [{ field_name: 'contract_no', field_value: 'C-001' }] });
      expect(theirs.body.wf_list).toHaveLength(1);
      expect(theirs.body.wf_list![0]!.wfuid).not.toBe(ids.late);
    });

    it('is exact: no prefix, no other case, no partial match', async () => {
      for (const value of ['C-00', 'c-002', 'C-0021', '홍길']) {
        const { body } = await acme.searchByField('acme', { field_list: [{ field_name: 'contract_no', field_value: value }] });
        expect(body.wf_list, value).toEqual([]);
      }
    });

    it('answers each condition in turn', async () => {
      const { body } = await acme.searchByField('acme', {
        field_list: [
          { doc_uid: contract, field_name: 'contract_no', field_value: 'C-005' },
          { doc_uid: contract, field_name: 'agree', field_value: 'Y' },
        ],
      });
      expect(body.wf_list!.map((w) => [w.wfuid, w.field_name, w.field_value])).toEqual([
        [ids.c5, 'contract_no', 'C-005'],
        [ids.early, 'agree', 'Y'],
      ]);
    });

    it('pages with page and rows, saying whether more follows', async () => {
      const pageOf = async (page: number) =>
        (await acme.searchByField('acme', { page: String(page), rows: '2', field_list: [{ field_name: 'customer', field_value: '김철수' }] })).body;
      const [one, two, three] = [await pageOf(1), await pageOf(2), await pageOf(3)];
      expect(one.wf_list!.map((w) => w.wfuid)).toEqual([ids.c7, ids.c6]);
      expect(one.has_more).toBe('Y');
      expect(two.wf_list!.map((w) => w.wfuid)).toEqual([ids.c5, ids.c3]);
      expect(two.has_more).toBe('N');
      expect(three.wf_list).toEqual([]);
    });

    it('refuses what the page refuses: "18" without conditions, "17" without a value', async () => {
      expect((await acme.searchByField('acme', { field_list: [] })).header).toMatchObject({ response_code: '5008A', result_code: '18' });
      expect((await acme.searchByField('acme', { field_list: [{ field_name: 'customer' } as never] })).header.result_code).toBe('17');
      expect((await acme.searchByField('acme', { rows: '5000', field_list: [{ field_name: 'customer', field_value: 'x' }] })).header.result_code).toBe('-1');
    });
  });

  describe('by period (5009Q)', () => {
    it("START: workflows started in the days given, in the company's time zone", async () => {
      const { header, body } = await acme.searchByPeriod('acme', {
        search_date_type: 'START',
        start_date: '2026-03-02',
        end_date: '2026-03-02',
        field_list: [{ doc_uid: contract, field_name: 'contract_no' }],
      });
      expect(header).toMatchObject({ response_code: '5009A', result_code: '00' });
      expect(body.wf_list!.map((w) => [w.wfuid, w.field_name, w.field_value, w.start_date])).toEqual([
        [ids.early, 'contract_no', 'C-002', '2026-03-02 00:30:00'],
      ]);
      const march1 = await acme.searchByPeriod('acme', {
        search_date_type: 'START',
        start_date: '2026-03-01',
        end_date: '2026-03-01',
        field_list: [{ doc_uid: contract }],
      });
      expect(march1.body.wf_list!.map((w) => [w.wfuid, w.field_name, w.field_value])).toEqual([[ids.late, '', '']]);
    });

    it('START over several days and templates, newest first, deleted ones left out', async () => {
      const { body } = await acme.searchByPeriod('acme', {
        search_date_type: 'START',
        start_date: '2026-03-01',
        end_date: '2026-03-31',
        field_list: [
          { doc_uid: contract, field_name: 'customer' },
          { doc_uid: notice, field_name: 'contract_no' },
        ],
      });
      expect(body.wf_list!.map((w) => w.wfuid)).toEqual([ids.c7, ids.c6, ids.c5, ids.c3, ids.notice, ids.early, ids.late]);
      expect(body.wf_list!.find((w) => w.wfuid === ids.notice)).toMatchObject({ field_name: 'contract_no', field_value: 'N-001', doc_uid: notice });
    });

    it('END (the default): workflows completed in the days given', async () => {
      const { body } = await acme.searchByPeriod('acme', {
        start_date: '2026-03-04',
        end_date: '2026-03-04',
        field_list: [{ doc_uid: contract, field_name: 'customer' }],
      });
      expect(body.wf_list!.map((w) => [w.wfuid, w.wf_status, w.end_date, w.field_value])).toEqual([[ids.c3, 'Complete', '2026-03-04 11:00:00', '김철수']]);
      const before = await acme.searchByPeriod('acme', {
        search_date_type: 'END',
        start_date: '2026-03-01',
        end_date: '2026-03-03',
        field_list: [{ doc_uid: contract }],
      });
      expect(before.body.wf_list).toEqual([]);
    });

    it('takes the template from body.doc_uid as the older page sends it', async () => {
      const { body } = await acme.searchByPeriod('acme', { search_date_type: 'START', doc_uid: notice, start_date: '2026-03-01', end_date: '2026-03-10' });
      expect(body.wf_list!.map((w) => w.wfuid)).toEqual([ids.notice]);
    });

    it('pages', async () => {
      const query = { search_date_type: 'START' as const, start_date: '2026-03-01', end_date: '2026-03-31', field_list: [{ doc_uid: contract }], rows: '3' };
      const one = await acme.searchByPeriod('acme', { ...query, page: '1' });
      const two = await acme.searchByPeriod('acme', { ...query, page: '2' });
      expect(one.body.wf_list!.map((w) => w.wfuid)).toEqual([ids.c7, ids.c6, ids.c5]);
      expect(one.body.has_more).toBe('Y');
      expect(two.body.wf_list!.map((w) => w.wfuid)).toEqual([ids.c3, ids.early, ids.late]);
      expect(two.body.has_more).toBe('N');
    });

    it('refuses what the page refuses: "17" without dates, "19" for a bad date', async () => {
      expect((await acme.searchByPeriod('acme', { start_date: '', end_date: '2026-03-01' })).header).toMatchObject({
        response_code: '5009A',
        result_code: '17',
      });
      expect((await acme.searchByPeriod('acme', { start_date: '2026/03/01', end_date: '2026-03-01' })).header.result_code).toBe('19');
      expect((await acme.searchByPeriod('acme', { start_date: '2026-02-30', end_date: '2026-03-01' })).header.result_code).toBe('19');
      expect((await acme.searchByPeriod('acme', { start_date: '2026-03-05', end_date: '2026-03-01' })).header.result_code).toBe('-1');
    });
  });

  it("needs a token, and only shows the token's company", async () => {
    const anonymous = await acme.request('POST', '/api/acme/search', { header: { request_code: '5008Q' }, body: { field_list: [] } }, { authorization: '' });
    expect(anonymous.status).toBe(401);
    const foreign = await acme.searchByField('other', { field_list: [{ field_name: 'contract_no', field_value: 'C-001' }] });
    expect(foreign.status).toBe(403);
  });
});
