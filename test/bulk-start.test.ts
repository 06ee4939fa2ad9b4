// Bulk start (1410Q) through the typed client, on both databases: one one-step workflow per
// unset_player_list entry, each with its own values and verification, a per-entry result, and
// one bad entry not sinking the others.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DojangClient } from '../src/client/dojang-client.ts';
import { clientFor } from './support/client.ts';
import { testDatabases } from './support/databases.ts';
import { startTestServer, type TestServer } from './support/dojang-server.ts';
import { createTestTemplate } from './support/templates.ts';

describe.each(testDatabases())('bulk start on %s', (kind) => {
  let server: TestServer;
  let acme: DojangClient;
  let oneStep: string;
  let twoSteps: string;
  let threeSteps: string;

  beforeAll(async () => {
    server = await startTestServer(kind);
    const company = await server.company('acme');
    acme = clientFor(server, company);
    oneStep = await createTestTemplate(
      company,
      1,
      [
        { name: 'customer', type: 'TextBox', owner: 1, required: true },
        { name: 'notice', type: 'LabelBox' },
        { name: 'agree', type: 'CheckBox', owner: 1 },
      ],
      '안내 동의서',
    );
    twoSteps = await createTestTemplate(company, 2);
    threeSteps = await createTestTemplate(company, 3);
  });
  afterAll(() => server?.close());

  it('starts one workflow per entry, each with its own values, answering each entry', async () => {
    const { header, body } = await acme.bulkStart({
      comp_id: 'acme',
      biz_id: '0',
      memb_email: 'admin@acme.example.com',
      workflow_lib_id: oneStep,
      workflow_name: '대량 안내',
      comment: '확인 부탁드립니다',
      field_list: [{ field_name: 'notice', field_value: '공통 안내' }],
      unset_player_list: [
        { memb_id_type: 'EMail', email: 'kim@example.com', name: '김철수', field_list: [{ doc_id: oneStep, field_name: 'customer', field_value: '김철수' }] },
        {
          memb_id_type: 'Mobile',
          email: '010-2345-6789',
          name: '이영희',
          language: 'en-US',
          workflow_name: '이영희 안내',
          enable_password_cert: 'true',
          password: 'pass1234',
          password_hint: '생일',
          enable_mobile_cert: 'true',
          mobile_number: '01023456789',
          field_list: [
            { doc_id: oneStep, field_name: 'customer', field_value: '이영희' },
            { doc_id: oneStep, field_name: 'notice', field_value: '개별 안내' },
          ],
        },
      ],
    });
    expect(header).toMatchObject({ response_code: '1410A', result_code: '00' });
    expect(body).toMatchObject({ comp_id: 'acme', biz_id: '0', memb_email: 'admin@acme.example.com', workflow_lib_id: oneStep });
    const [kim, lee] = body.workflow_list!;
    expect(kim).toMatchObject({
      unset_player_email: 'kim@example.com',
      unset_player_name: '김철수',
      result: 'OK',
      description: '',
      result_code: '00',
      workflow_name: '대량 안내',
      lang: 'ko-KR',
    });
    expect(lee).toMatchObject({ unset_player_email: '010-2345-6789', result: 'OK', workflow_name: '이영희 안내', lang: 'en-US' });
    for (const entry of [kim!, lee!]) {
      expect(entry.workflow_id).toMatch(/^\d+$/);
      expect(entry.token).toMatch(/^[\w-]{43}$/);
      expect(entry.reg_date).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    }
    expect((await acme.exportField(kim!.workflow_id)).body.field_data).toEqual({ customer: '김철수', notice: '공통 안내', agree: '' });
    expect((await acme.exportField(lee!.workflow_id)).body.field_data).toEqual({ customer: '이영희', notice: '개별 안내', agree: '' });

    const info = (await acme.workflow(lee!.workflow_id)).body;
    expect(info).toMatchObject({ workflow_type: 'BULKTYPE', workflow_name: '이영희 안내', total_action_count: '1' });
    expect(info.owner_list).toEqual([
      expect.objectContaining({ email: '010-2345-6789', cert_password_yn: 'Y', password_hint: '생일', cert_mobile_yn: 'Y', phone_number: '01023456789' }),
    ]);
    const listed = (await acme.worklist()).body.workflow_list!.find((w) => w.wfuid === kim!.workflow_id);
    expect(listed?.wftype).toBe('BULKWEB');
  });

  it('one bad entry does not sink the others', async () => {
    const { header, body } = await acme.bulkStart({
      workflow_lib_id: oneStep,
      workflow_name: '대량 안내',
      unset_player_list: [
        { email: 'good@example.com', name: '좋은', field_list: [{ field_name: 'customer', field_value: 'A' }] },
        { email: 'not-an-address', name: '나쁜' },
        { email: 'also-good@example.com', name: '좋은둘', field_list: [{ field_name: 'agree', field_value: 'maybe' }] },
        { email: 'fine@example.com', name: '괜찮은', enable_password_cert: 'false', password: 'x' },
      ],
    });
    expect(header.result_code).toBe('00');
    expect(header.result_msg).toContain('2/4');
    expect(body.workflow_list!.map((e) => e.result)).toEqual(['OK', 'FAIL', 'FAIL', 'OK']);
    expect(body.workflow_list![1]).toMatchObject({ workflow_id: '', token: '', result_code: '-1', unset_player_email: 'not-an-address' });
    expect(body.workflow_list![1]!.description).toContain('player_list[0].email');
    expect(body.workflow_list![2]!.description).toContain('field_list.agree');
    // The password was switched off: the short one is ignored, not refused.
    expect((await acme.workflow(body.workflow_list![3]!.workflow_id)).body.owner_list![0]!.cert_password_yn).toBe('N');
  });

  it('answers "11" with every entry\'s reason when none starts', async () => {
    const { header, body } = await acme.bulkStart({ workflow_lib_id: oneStep, workflow_name: 'x', unset_player_list: [{ email: 'bad', name: '' }] });
    expect(header.result_code).toBe('11');
    expect(body.workflow_list![0]!.result).toBe('FAIL');
  });

  it("starts a two-step template with customer_list as every workflow's second signer (2단계 C)", async () => {
    const { header, body } = await acme.bulkStart({
      workflow_lib_id: twoSteps,
      workflow_name: '2단계 C',
      unset_player_list: [
        { email: 'a@example.com', name: '고객A' },
        { email: 'b@example.com', name: '고객B' },
      ],
      customer_list: [{ memb_id_type: 'EMail', email: 'manager@example.com', name: '담당자' }],
    });
    expect(header.result_code, header.result_msg).toBe('00');
    for (const entry of body.workflow_list!) {
      const owners = (await acme.workflow(entry.workflow_id)).body.owner_list!;
      expect(owners.map((o) => o.email)).toEqual([entry.unset_player_email, 'manager@example.com']);
    }
  });

  it('gives step 2 of a two-step template to the creator (memb_email) when there is no customer_list, as eSignon does', async () => {
    for (const customers of [undefined, [{ email: '', name: '' }]]) {
      const { header, body } = await acme.bulkStart({
        workflow_lib_id: twoSteps,
        unset_player_list: [{ email: 'a@example.com', name: 'A' }],
        ...(customers ? { customer_list: customers } : {}),
      });
      expect(header.result_code, header.result_msg).toBe('00');
      const owners = (await acme.workflow(body.workflow_list![0]!.workflow_id)).body.owner_list!;
      expect(owners.map((o) => o.email)).toEqual(['a@example.com', 'admin@acme.example.com']);
    }
    // The creator must be an active member of the company.
    expect(
      (await acme.bulkStart({ workflow_lib_id: twoSteps, memb_email: 'stranger@example.com', unset_player_list: [{ email: 'a@example.com', name: 'A' }] }))
        .header.result_code,
    ).toBe('15');
  });

  it('refuses the call as a whole for an unknown template ("10"), a template it cannot fill ("15") or no entries ("-1")', async () => {
    expect((await acme.bulkStart({ workflow_lib_id: '99999', unset_player_list: [{ email: 'a@example.com', name: 'A' }] })).header).toMatchObject({
      response_code: '1410A',
      result_code: '10',
    });
    expect((await acme.bulkStart({ workflow_lib_id: threeSteps, unset_player_list: [{ email: 'a@example.com', name: 'A' }] })).header.result_code).toBe('15');
    expect((await acme.bulkStart({ workflow_lib_id: oneStep, unset_player_list: [] })).header.result_code).toBe('-1');
  });

  it("accepts the older page's request_code 5004Q for the same call", async () => {
    const { json } = await acme.request<{ header: { response_code: string; result_code: string }; body: { workflow_list: unknown[] } }>(
      'POST',
      '/JEDOC/Common.do',
      {
        header: { request_code: '5004Q', api_name: 'start api', session_id: 'S1001', version: '9.9.99' },
        body: {
          comp_id: 'acme',
          biz_id: '0',
          workflow_lib_id: oneStep,
          workflow_name: '예전 방식',
          unset_player_list: [{ email: 'old@example.com', name: '옛날' }],
        },
      },
    );
    expect(json.header).toMatchObject({ response_code: '5004A', result_code: '00' });
    expect(json.body.workflow_list).toHaveLength(1);
  });
});
