// The endpoints anyone can reach are rate-limited by the credential they carry (a signing link,
// a document link, an email), so one holder cannot flood them and nobody else is held up; the
// counts live in the database, so two processes on it count together. Repeated downloads by one
// document link are one history entry an hour, and the entry says so.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { startDojang, type Dojang } from '../src/dojang.ts';
import { makeSignaturePngDataUrl } from '../src/documents/test-support/sample-images.ts';
import { testDatabases } from './support/databases.ts';
import { freePort, startTestServer, type TestCompany, type TestServer } from './support/dojang-server.ts';
import { createTestTemplate } from './support/templates.ts';
import { waitFor } from './support/wait-for.ts';
import { loginFrom } from './support/login-from.ts';

describe.each(testDatabases())('rate limits on %s', (kind) => {
  let server: TestServer;
  let acme: TestCompany;
  let docId: string;

  beforeAll(async () => {
    server = await startTestServer(kind, { DOJANG_SIGNING_RSA_BITS: '2048' });
    acme = await server.company('acme');
    docId = await createTestTemplate(acme, 1, [{ name: 'sign', type: 'SignBox', owner: 1 }]);
  });
  afterAll(() => server?.close());

  const signingLink = async () => {
    const { json } = await acme.esignon('/api/acme/startsimple', '5005Q', {
      workflow_name: '한도 확인',
      doc_id: docId,
      player_list: [{ field_owner: '1', email: 'kim@example.com', name: '김철수' }],
      export_api_info: { api_type: 'ALL', url: 'http://127.0.0.1:9/hook', request_code: 'embed' },
    });
    return { workflowId: json.body.workflow_id as string, token: new URL(json.body.play_url).searchParams.get('token')! };
  };
  /** Sends `count` requests, a few at a time; answers the statuses in order. */
  const statuses = async (count: number, send: () => Promise<Response>) => {
    const out: number[] = [];
    for (let i = 0; i < count; i += 10) {
      const batch = await Promise.all(Array.from({ length: Math.min(10, count - i) }, async () => (await send()).status));
      out.push(...batch);
    }
    return out;
  };

  it('limits a signing link to 300 calls a minute, and no other link', async () => {
    const busy = await signingLink();
    const calm = await signingLink();
    const answers = await statuses(310, () => fetch(`${server.url}/api/sign/${busy.token}`));
    expect(answers.filter((s) => s === 200)).toHaveLength(300);
    expect(answers.filter((s) => s === 429)).toHaveLength(10);
    const refused = await fetch(`${server.url}/api/sign/${busy.token}`);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { code: string }).code).toBe('rate-limited');
    // Same address, another link: not held up.
    expect((await fetch(`${server.url}/api/sign/${calm.token}`)).status).toBe(200);
  });

  it('limits a document link to 60 downloads a minute, and records its downloads once an hour, saying so', async () => {
    const { workflowId, token } = await signingLink();
    const signed = await fetch(`${server.url}/api/sign/${token}/complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ command: 'CF', fields: [{ field_name: 'sign', field_value: makeSignaturePngDataUrl() }] }),
    });
    expect(signed.status).toBe(200);
    await waitFor(async () => (await acme.get(`/api/v2/workflows/${workflowId}`)).json.body.documents.state === 'ready', 'the documents', 30_000);
    const { doc_url } = (await acme.post('/workflow/download', { workflow_id: workflowId })).json.body as { doc_url: string };
    const answers = await statuses(65, () => fetch(doc_url));
    expect(answers.filter((s) => s === 200)).toHaveLength(60);
    expect(answers.filter((s) => s === 429)).toHaveLength(5);
    const history = (await acme.get(`/api/v2/workflows/${workflowId}`)).json.body.action_history_list as { step_code: string; comment?: string }[];
    const downloads = history.filter((h) => h.step_code === 'DOC_DOWN');
    expect(downloads).toHaveLength(1);
    const stored = await server.dojang.ctx.db
      .selectFrom('history')
      .select('comment')
      .where('workflow_id', '=', Number(workflowId) as never)
      .where('step_code', '=', 'DOC_DOWN')
      .execute();
    expect(stored[0]!.comment).toContain('recorded once');
  });

  it('limits logins per email and address: 1001Q answers 429 with the envelope; another address goes on', async () => {
    const login = (address: string) => loginFrom(address, server.url, 'acme', acme.email, acme.password);
    const answers: number[] = [];
    for (let i = 0; i < 31; i++) answers.push((await login('127.0.0.3')).status);
    expect(answers.slice(0, 30).every((s) => s === 200)).toBe(true);
    const refused = await login('127.0.0.3');
    expect(refused.status).toBe(429);
    expect(refused.header.result_code).toBe('10');
    expect((await login('127.0.0.4')).header.result_code).toBe('00');
  });

  it('limits verification, which carries no credential, by address', async () => {
    const answers = await statuses(22, () =>
      fetch(`${server.url}/api/v1/verify`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: '%PDF-1.7' }),
    );
    expect(answers.filter((s) => s === 200)).toHaveLength(20);
    expect(answers.filter((s) => s === 429)).toHaveLength(2);
  });

  it("counts in the database: a second process on it sees the first one's count", async () => {
    const port = await freePort();
    let second: Dojang | undefined;
    try {
      second = await startDojang(
        loadConfig({
          PORT: String(port),
          HOST: '127.0.0.1',
          PUBLIC_URL: `http://127.0.0.1:${port}`,
          DATABASE_URL: server.databaseUrl,
          DATA_DIR: server.dataDir,
          LOG_LEVEL: 'silent',
          DOJANG_DEMO: 'false',
          DOJANG_WORKERS: 'false',
        }),
        { logger: pino({ level: 'silent' }) },
      );
      const { token } = await signingLink();
      const first = await statuses(200, () => fetch(`${server.url}/api/sign/${token}`));
      const then = await statuses(110, () => fetch(`http://127.0.0.1:${port}/api/sign/${token}`));
      expect(first.every((s) => s === 200)).toBe(true);
      expect(then.filter((s) => s === 200)).toHaveLength(100);
      expect(then.filter((s) => s === 429)).toHaveLength(10);
    } finally {
      await second?.close();
    }
  });
});
