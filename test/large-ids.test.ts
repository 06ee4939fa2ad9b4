// Ids are shared by every company of a server, so a busy one reaches six digits and more. The
// full flow, down to the completed documents' links, at workflow ids 100001 and 2147483000 (the
// ids are 32-bit on PostgreSQL: 2147483647 is the last): the signing link, the Complete export's
// download_url and cert_url (viewer pages and the files behind them), and /workflow/download.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSignaturePngDataUrl } from '../src/documents/test-support/sample-images.ts';
import { startReceiver, type Receiver } from '../src/exports/test-support/start-receiver.ts';
import { testDatabases } from './support/databases.ts';
import { startTestServer, type TestCompany, type TestServer } from './support/dojang-server.ts';
import { createTestTemplate } from './support/templates.ts';
import { waitFor } from './support/wait-for.ts';

/** Makes the next workflow's id `next`, as many earlier workflows would have. */
async function nextWorkflowIdIs(server: TestServer, next: number): Promise<void> {
  const { db, dialect } = server.dojang.ctx;
  if (dialect === 'postgres') {
    await sql`select setval(pg_get_serial_sequence('workflows', 'id'), ${next - 1})`.execute(db);
  } else {
    await sql`delete from sqlite_sequence where name = 'workflows'`.execute(db);
    await sql`insert into sqlite_sequence (name, seq) values ('workflows', ${next - 1})`.execute(db);
  }
}

describe.each(testDatabases())('workflow ids past 100,000 on %s', (kind) => {
  let server: TestServer;
  let acme: TestCompany;
  let receiver: Receiver;
  let docId: string;

  beforeAll(async () => {
    server = await startTestServer(kind, { DOJANG_SIGNING_RSA_BITS: '2048' });
    acme = await server.company('acme');
    receiver = await startReceiver();
    docId = await createTestTemplate(acme, 1, [
      { name: 'customer', type: 'TextBox', owner: 1, required: true },
      { name: 'sign', type: 'SignBox', owner: 1, required: true, y: 200, height: 60 },
    ]);
  });
  afterAll(async () => {
    await receiver?.close();
    await server?.close();
  });

  for (const id of [100_001, 2_147_483_000]) {
    it(`signs, completes and serves every link of workflow ${id}`, async () => {
      await nextWorkflowIdIs(server, id);
      const started = await acme.esignon('/api/acme/startsimple', '5005Q', {
        workflow_name: `계약 ${id}`,
        doc_id: docId,
        player_list: [{ field_owner: '1', email: 'kim@example.com', name: '김철수' }],
        export_api_info: { api_type: 'ALL', url: `${receiver.origin}/hook`, request_code: 'embed' },
      });
      expect(started.json.header.result_code).toBe('00');
      expect(started.json.body.workflow_id).toBe(String(id));

      // The signer, through the signing link's API.
      const token = new URL(started.json.body.play_url).searchParams.get('token')!;
      expect((await fetch(`${server.url}/api/sign/${token}`)).status).toBe(200);
      expect((await fetch(`${server.url}/api/sign/${token}/document.pdf`)).status).toBe(200);
      const signed = await fetch(`${server.url}/api/sign/${token}/complete`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          command: 'CF',
          fields: [
            { field_name: 'customer', field_value: '홍길동' },
            { field_name: 'sign', field_value: makeSignaturePngDataUrl() },
          ],
        }),
      });
      expect(signed.status).toBe(200);

      const complete = await waitFor(
        () => receiver.requests.map((r) => JSON.parse(r.body.toString()).body).find((b) => b.wfuid === String(id) && b.status === 'Complete'),
        'the Complete export',
      );
      await waitFor(async () => (await acme.get(`/api/v2/workflows/${id}`)).json.body.documents?.state === 'ready', 'the documents', 30_000);
      for (const url of [complete.download_url, complete.cert_url]) {
        expect(new URL(url).pathname.length).toBeGreaterThan(100);
        const page = await fetch(url);
        expect(page.status, url).toBe(200);
        const file = await fetch(`${url}/file`);
        expect(file.status, `${url}/file`).toBe(200);
        expect(file.headers.get('content-type')).toBe('application/pdf');
      }
      const download = await acme.post('/workflow/download', { workflow_id: String(id) });
      expect(download.json.header.result_code).toBe('00');
      for (const url of [download.json.body.doc_url, download.json.body.cert_url]) {
        const file = await fetch(url);
        expect(file.status, url).toBe(200);
        expect(new Uint8Array(await file.arrayBuffer()).subarray(0, 5)).toEqual(new TextEncoder().encode('%PDF-'));
      }
      expect((await acme.get(`/api/v2/workflows/${id}`)).json.header.result_code).toBe('00');
    });
  }
});
