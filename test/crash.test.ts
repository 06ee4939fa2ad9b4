// kill -9 at the worst moments, then a restart on the same database: nothing committed is lost.
// An export in flight is delivered after the restart with the same webhook-id and processid;
// a completed workflow whose document job never ran gets its documents.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../src/exports/test-support/start-receiver.ts';
import { scratchDatabase, testDatabases, type ScratchDatabase } from './support/databases.ts';
import { startChildServer, type ChildServer } from './support/child-server.ts';
import { makeTestPdf } from './support/templates.ts';
import { waitFor } from './support/wait-for.ts';

describe.each(testDatabases())('crashes on %s', (kind) => {
  let scratch: ScratchDatabase;
  let env: Record<string, string>;
  const children: ChildServer[] = [];
  const receivers: Receiver[] = [];

  beforeAll(async () => {
    scratch = await scratchDatabase(kind);
    env = {
      DATABASE_URL: scratch.url,
      DATA_DIR: scratch.dataDir,
      DOJANG_BOOTSTRAP_COMPANY: 'acme',
      DOJANG_BOOTSTRAP_EMAIL: 'admin@acme.example.com',
      DOJANG_BOOTSTRAP_PASSWORD: 'correct horse',
      DOJANG_EXPORT_TIMEOUT_MS: '1000',
      DOJANG_EXPORT_RETRY_SCHEDULE: '0,0.5,0.5,0.5',
      DOJANG_SIGNING_RSA_BITS: '2048',
    };
  });
  afterAll(async () => {
    await Promise.all(children.map((c) => c.stop()));
    await Promise.all(receivers.map((r) => r.close()));
    await scratch?.drop();
  });

  async function start(extra: Record<string, string> = {}) {
    const child = await startChildServer({ ...env, ...extra });
    children.push(child);
    return child;
  }

  async function client(server: ChildServer) {
    const call = async (path: string, body: unknown, token?: string) => {
      const response = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `esignon ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      return response.json();
    };
    const login = await call('/api/acme/login', {
      header: { request_code: '1001Q' },
      body: { memb_email: 'admin@acme.example.com', memb_pwd: 'correct horse' },
    });
    const token = login.body.access_token as string;
    return { call: (path: string, body: unknown) => call(path, body, token), token };
  }

  async function template(server: ChildServer, token: string) {
    const response = await fetch(`${server.url}/api/v1/templates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        name: '충돌 시험',
        steps: 1,
        pdf: Buffer.from(await makeTestPdf()).toString('base64'),
        fields: [{ name: 'who', type: 'TextBox', owner: 1, required: true, page: 1, x: 60, y: 100, width: 200, height: 24 }],
      }),
    });
    return (await response.json()).doc_id as string;
  }

  it('delivers an export that was in flight when the process was killed, with the same webhook-id', async () => {
    let hang = true;
    const receiver = await startReceiver((_req, res) => {
      if (hang) return; // never answers: the attempt is in flight when the process dies
      res.writeHead(200).end('ok');
    });
    receivers.push(receiver);
    const first = await start();
    const { call, token } = await client(first);
    const docId = await template(first, token);
    const started = await call('/api/acme/startsimple', {
      header: { request_code: '5005Q' },
      body: {
        workflow_name: '충돌',
        doc_id: docId,
        player_list: [{ field_owner: '1', email: 'kim@example.com', name: '김철수' }],
        export_api_info: { api_type: 'ALL', url: `${receiver.origin}/hook` },
      },
    });
    const workflowId = started.body.workflow_id;
    await call('/api/acme/action', {
      header: { request_code: '5010Q' },
      body: {
        memb_email: 'kim@example.com',
        action_id: '1',
        workflow_id: workflowId,
        command: 'CF',
        field_list: [{ field_name: 'who', field_value: '김철수' }],
      },
    });
    await waitFor(() => receiver.requests.length >= 1, 'the first attempt to arrive');
    await first.kill9();

    hang = false;
    await start();
    await waitFor(() => receiver.requests.length >= 2, 'the delivery after the restart', 30_000);
    const [before, after] = receiver.requests;
    expect(after!.headers['webhook-id']).toBe(before!.headers['webhook-id']);
    expect(JSON.parse(after!.body.toString()).body).toMatchObject({ processid: '1', wfuid: workflowId, status: 'Complete' });
  });

  it('produces the documents of a workflow completed by a process that died before its document job ran', async () => {
    // Workers off: the final CF commits its document job, and nothing runs it.
    const noWorkers = await start({ DOJANG_WORKERS: 'false' });
    const { call, token } = await client(noWorkers);
    const docId = await template(noWorkers, token);
    const started = await call('/api/acme/startsimple', {
      header: { request_code: '5005Q' },
      body: { workflow_name: '문서 시험', doc_id: docId, player_list: [{ field_owner: '1', email: 'kim@example.com', name: '김철수' }] },
    });
    const workflowId = started.body.workflow_id;
    const acted = await call('/api/acme/action', {
      header: { request_code: '5010Q' },
      body: {
        memb_email: 'kim@example.com',
        action_id: '1',
        workflow_id: workflowId,
        command: 'CF',
        field_list: [{ field_name: 'who', field_value: '김철수' }],
      },
    });
    expect(acted.header.result_code).toBe('00');
    await noWorkers.kill9();

    const restarted = await start();
    const again = await client(restarted);
    const info = await waitFor(
      async () => {
        const response = await fetch(`${restarted.url}/api/v2/workflows/${workflowId}`, { headers: { authorization: `esignon ${again.token}` } });
        const body = (await response.json()).body;
        return body.documents.state === 'ready' ? body : null;
      },
      'the documents',
      30_000,
    );
    const pdf = await fetch(info.download_url);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
  });
});
