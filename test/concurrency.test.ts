// Two simultaneous actions on one step: exactly one wins, the others get a clear error.
// On PostgreSQL a second server on the same database races the first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import { startDojang, type Dojang } from '../src/dojang.ts';
import { testDatabases } from './support/databases.ts';
import { freePort, startTestServer, type TestCompany, type TestServer } from './support/dojang-server.ts';
import { createTestTemplate, players } from './support/templates.ts';

describe.each(testDatabases())('concurrent actions on %s', (kind) => {
  let server: TestServer;
  let second: Dojang | null = null;
  let secondUrl = '';
  let acme: TestCompany;
  let docId: string;

  beforeAll(async () => {
    server = await startTestServer(kind);
    acme = await server.company('acme');
    docId = await createTestTemplate(acme, 2);
    if (kind === 'postgres') {
      const port = await freePort();
      second = await startDojang(
        loadConfig({
          PORT: String(port),
          HOST: '127.0.0.1',
          DATABASE_URL: server.databaseUrl,
          DATA_DIR: server.dataDir,
          DOJANG_DEMO: 'false',
          DOJANG_FILE_STORE: 'database',
        }),
        { logger: pino({ level: 'silent' }) },
      );
      secondUrl = `http://127.0.0.1:${port}`;
    }
  });
  afterAll(async () => {
    await second?.close();
    await server?.close();
  });

  it.each(['CF', 'RT'] as const)('ten parallel %s requests on one step: one wins', async (command) => {
    const { json } = await acme.esignon('/api/acme/startsimple', '5005Q', { workflow_name: '동시 요청', doc_id: docId, player_list: players(2) });
    const workflowId = json.body.workflow_id;
    const bodies = Array.from({ length: 10 }, () => ({
      header: { request_code: '5010Q' },
      body: {
        memb_email: 'signer1@example.com',
        action_id: '1',
        workflow_id: workflowId,
        command,
        comment: '동시',
        field_list: [{ field_name: 'name_1', field_value: '홍길동' }],
      },
    }));
    const answers = await Promise.all(
      bodies.map((body, i) =>
        fetch(`${i % 2 === 1 && secondUrl ? secondUrl : server.url}/api/acme/action`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `esignon ${acme.token}` },
          body: JSON.stringify(body),
        }).then(async (r) => ({ status: r.status, json: await r.json() })),
      ),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const codes = answers.map((a) => a.json.header.result_code);
    expect(codes.filter((c) => c === '00')).toHaveLength(1);
    expect(codes.filter((c) => c === '10')).toHaveLength(9);
    const info = (await acme.get(`/api/v2/workflows/${workflowId}`)).json.body;
    const completions = info.action_history_list.filter((h: { step_code: string }) => h.step_code === (command === 'CF' ? 'SIGN_COMPLETE' : 'SIGN_RETURN'));
    expect(completions).toHaveLength(1);
    expect(info.workflow_status).toBe(command === 'CF' ? 'Playing' : 'Canceled');
  });
});
