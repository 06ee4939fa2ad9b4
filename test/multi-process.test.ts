// Three Dojang processes on one PostgreSQL database: every export delivered,
// none delivered twice, each workflow's events in processid order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../src/exports/test-support/start-receiver.ts';
import { scratchDatabase, testDatabases, type ScratchDatabase } from './support/databases.ts';
import { startChildServer, type ChildServer } from './support/child-server.ts';
import { makeTestPdf } from './support/templates.ts';
import { waitFor } from './support/wait-for.ts';

const WORKFLOWS = 30;

describe.runIf(testDatabases().includes('postgres'))('three processes on one PostgreSQL database', () => {
  let scratch: ScratchDatabase;
  let servers: ChildServer[] = [];
  let receiver: Receiver;

  beforeAll(async () => {
    scratch = await scratchDatabase('postgres');
    receiver = await startReceiver((_req, res) => setTimeout(() => res.writeHead(200).end(), Math.random() * 20));
    const env = {
      DATABASE_URL: scratch.url,
      DATA_DIR: scratch.dataDir,
      DOJANG_BOOTSTRAP_COMPANY: 'acme',
      DOJANG_BOOTSTRAP_EMAIL: 'admin@acme.example.com',
      DOJANG_BOOTSTRAP_PASSWORD: 'correct horse',
    };
    servers = [await startChildServer(env)];
    servers.push(...(await Promise.all([startChildServer(env), startChildServer(env)])));
  }, 120_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await receiver?.close();
    await scratch?.drop();
  });

  it('delivers every event exactly once, in order per workflow', async () => {
    const call = async (server: ChildServer, path: string, body: unknown, token?: string) =>
      (
        await fetch(`${server.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `esignon ${token}` } : {}) },
          body: JSON.stringify(body),
        })
      ).json();
    const login = await call(servers[0]!, '/api/acme/login', {
      header: { request_code: '1001Q' },
      body: { memb_email: 'admin@acme.example.com', memb_pwd: 'correct horse' },
    });
    const token = login.body.access_token;
    const template = await (
      await fetch(`${servers[0]!.url}/api/v1/templates`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ name: '다중 프로세스', steps: 2, pdf: Buffer.from(await makeTestPdf()).toString('base64'), fields: [] }),
      })
    ).json();

    const server = (i: number) => servers[i % servers.length]!;
    await Promise.all(
      Array.from({ length: WORKFLOWS }, async (_, i) => {
        const started = await call(
          server(i),
          '/api/acme/startsimple',
          {
            header: { request_code: '5005Q' },
            body: {
              workflow_name: `계약 ${i}`,
              doc_id: template.doc_id,
              player_list: [
                { field_owner: '1', email: 'a@example.com', name: '가' },
                { field_owner: '2', email: 'b@example.com', name: '나' },
              ],
              export_api_info: { api_type: 'ALL', url: `${receiver.origin}/hook` },
            },
          },
          token,
        );
        const id = started.body.workflow_id;
        for (const [step, who] of [
          [1, 'a@example.com'],
          [2, 'b@example.com'],
        ] as const) {
          const acted = await call(
            server(i + step),
            '/api/acme/action',
            { header: { request_code: '5010Q' }, body: { memb_email: who, action_id: String(step), workflow_id: id, command: 'CF' } },
            token,
          );
          expect(acted.header.result_code).toBe('00');
        }
      }),
    );
    await waitFor(() => receiver.requests.length >= WORKFLOWS * 2, `${WORKFLOWS * 2} deliveries`, 30_000);
    await new Promise((r) => setTimeout(r, 1500));
    const ids = receiver.requests.map((r) => String(r.headers['webhook-id']));
    expect(ids).toHaveLength(WORKFLOWS * 2);
    expect(new Set(ids).size).toBe(WORKFLOWS * 2);
    const byWorkflow = new Map<string, string[]>();
    for (const request of receiver.requests) {
      const body = JSON.parse(request.body.toString()).body;
      byWorkflow.set(body.wfuid, [...(byWorkflow.get(body.wfuid) ?? []), body.processid]);
    }
    expect([...byWorkflow.values()].every((order) => order.join() === '1,2')).toBe(true);
  });
});
