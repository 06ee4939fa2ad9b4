// /exportfield, /workflow/download and /api/v2/company through the typed client, on both
// databases: values and defaults, five-minute download URLs that really download, usage
// counted for the company's calendar month.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DojangClient } from '../src/client/dojang-client.ts';
import { clientFor, movableClock } from './support/client.ts';
import { testDatabases } from './support/databases.ts';
import { startTestServer, type TestServer } from './support/dojang-server.ts';
import { waitFor } from './support/wait-for.ts';
import { createTestTemplate, players } from './support/templates.ts';

describe.each(testDatabases())('exportfield, download, company on %s', (kind) => {
  const clock = movableClock('2026-03-31T14:00:00.000Z'); // 2026-03-31 23:00 in Seoul
  let server: TestServer;
  let acme: DojangClient;
  let other: DojangClient;
  let docId: string;
  let playing: string;
  let complete: string;

  beforeAll(async () => {
    server = await startTestServer(kind, {}, { clock });
    const company = await server.company('acme');
    acme = clientFor(server, company);
    other = clientFor(server, await server.company('other'));
    docId = await createTestTemplate(company, 1, [
      { name: 'customer', type: 'TextBox', owner: 1 },
      { name: 'notice', type: 'LabelBox', default: '약관 안내' },
      { name: 'agree', type: 'CheckBox', owner: 1 },
    ]);
    const start = async (values: { field_name: string; field_value: string }[]) => {
      const { header, body } = await acme.startsimple('acme', { workflow_name: '정보 조회 계약', doc_id: docId, player_list: players(1), field_list: values });
      expect(header.result_code, header.result_msg).toBe('00');
      return body.workflow_id!;
    };
    playing = await start([{ field_name: 'customer', field_value: '홍길동' }]);
    complete = await start([]);
    clock.set('2026-03-31T16:00:00.000Z'); // 2026-04-01 01:00 in Seoul: a new month
    const cf = await acme.action('acme', {
      memb_email: 'signer1@example.com',
      action_id: '1',
      workflow_id: complete,
      command: 'CF',
      field_list: [{ field_name: 'agree', field_value: 'Y' }],
    });
    expect(cf.header.result_code, cf.header.result_msg).toBe('00');
  });
  afterAll(() => server?.close());

  describe('/exportfield', () => {
    it('answers every field: its value, else the template\'s default, else ""', async () => {
      const { header, body } = await acme.exportField(playing);
      expect(header).toMatchObject({ result_code: '00', result_msg: 'Success' });
      expect(body).toEqual({
        field_data: { customer: '홍길동', notice: '약관 안내', agree: '' },
        sender_email: 'admin@acme.example.com',
        start_date: '2026-03-31 23:00:00',
        status: 'Playing',
        workflow_id: playing,
        workflow_name: '정보 조회 계약',
        doc_uid: docId,
      });
      expect((await acme.exportField(complete)).body).toMatchObject({ status: 'Complete', field_data: { agree: 'Y' } });
    });

    it("reads an envelope too, and refuses what is not the caller's", async () => {
      const enveloped = await acme.request<{ body: { workflow_id: string } }>('POST', '/exportfield', {
        header: { request_code: '' },
        body: { workflow_id: playing },
      });
      expect(enveloped.json.body.workflow_id).toBe(playing);
      expect((await other.exportField(playing)).header.result_code).toBe('10');
      expect((await acme.exportField('999999')).header.result_code).toBe('10');
      expect((await acme.request<{ header: { result_code: string } }>('POST', '/exportfield', {})).json.header.result_code).toBe('-1');
      expect(
        (await acme.request<{ header: { result_code: string } }>('POST', '/exportfield', { workflow_id: playing, comp_id: 'other' })).json.header.result_code,
      ).toBe('95');
    });
  });

  describe('/workflow/download', () => {
    it('answers download URLs of the completed PDF and certificate that stop working after five minutes', async () => {
      const { header, body } = await acme.downloadUrls(complete);
      expect(header).toMatchObject({ response_code: '/workflow/download', result_code: '00', result_msg: 'Success' });
      expect(body).toMatchObject({ workflow_name: '정보 조회 계약', wfname: '정보 조회 계약' });
      expect(body.result_url).toBe(body.doc_url);
      // Like every other date of the API: YYYY-MM-DD HH:mm:ss in the company's offset (+09:00).
      const expires = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)$/.exec(body.expire_date!)!;
      expect(expires).not.toBeNull();
      expect(Date.parse(`${expires[1]}T${expires[2]}+09:00`) - Math.floor(clock().getTime() / 1000) * 1000).toBe(5 * 60_000);
      // The document job runs in the background: the link answers the PDF once it is made.
      await waitFor(async () => (await fetch(body.doc_url!)).headers.get('content-type')?.includes('application/pdf') ?? false, 'the completed PDF', 30_000);
      const pdf = await fetch(body.doc_url!);
      expect(pdf.status).toBe(200);
      expect(
        Buffer.from(await pdf.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
      const certificate = await fetch(body.cert_url!);
      expect(certificate.status).toBe(200);
      clock.advance(5 * 60_000 + 1000);
      expect((await fetch(body.doc_url!)).status).toBe(410);
      expect((await fetch(body.cert_url!)).status).toBe(410);
      clock.advance(-(5 * 60_000 + 1000));
    });

    it("takes the older page's body (wfuid, comp_id, client_id)", async () => {
      const { json } = await acme.request<{ header: { result_code: string }; body: { result_url: string; wfname: string } }>('POST', '/workflow/download', {
        comp_id: 'acme',
        wfuid: complete,
        client_id: 'x',
      });
      expect(json.header.result_code).toBe('00');
      expect(json.body.result_url).toContain('/documents/');
    });

    it("refuses a workflow that is not complete, or not the caller's", async () => {
      const notYet = await acme.downloadUrls(playing);
      expect(notYet.header.result_code).toBe('10');
      expect(notYet.header.result_msg).toContain('Playing');
      expect((await other.downloadUrls(complete)).header.result_code).toBe('10');
    });
  });

  describe('/api/v2/company', () => {
    it("answers the page's keys; usage counts this month in the company's time zone", async () => {
      const { header, body } = await acme.company();
      expect(header).toMatchObject({ response_code: '/api/v2/company', result_code: '00', result_msg: 'Success' });
      expect(body).toMatchObject({
        name: 'acme 주식회사',
        contract_company_name: 'acme 주식회사',
        create_email: 'admin@acme.example.com',
        country_code: 'KR',
        workflow_capacity: 'unlimited',
        allow_list: [],
        expiry_date: '',
        workflow_charge_list: [],
        sign_up_type: 'company',
        grade_code: '',
        create_date: '2026-03-31 23:00:00',
      });
      // Both workflows started on March 31st (Seoul); it is April 1st now, so none this month; one completed.
      expect(body.workflow_usage).toBe('0');
      expect(body.usage).toEqual({
        period_start: '2026-04-01 00:00:00',
        period_end: '2026-05-01 00:00:00',
        workflows_started: '0',
        workflows_completed: '1',
        members: '1',
        templates: '1',
      });
      const { body: started } = await acme.startsimple('acme', { workflow_name: '4월 계약', doc_id: docId, player_list: players(1) });
      expect(started.workflow_id).toBeDefined();
      expect((await acme.company()).body.workflow_usage).toBe('1');
      expect((await other.company()).body.workflow_usage).toBe('0');
      expect((await acme.company({ offset: '+00:00' })).body.usage!.period_start).toBe('2026-03-31 15:00:00');
    });
  });
});
