// kill -9 at the worst moments, then a restart on the same database: nothing committed is lost.
// An export in flight is delivered after the restart with the same webhook-id and processid;
// a completed workflow whose document job never ran gets its documents.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../src/exports/test-support/start-receiver.ts';
import { scratchDatabase, testDatabases, type ScratchDatabase } from './support/databases.ts';
import { startChildServer, type ChildServer } from './support/child-server.ts';
import { ACME_ENV, acmeAdmin } from './support/child-contracts.ts';
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
      ...ACME_ENV,
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

  it('delivers an export that was in flight when the process was killed, with the same webhook-id', async () => {
    let hang = true;
    const receiver = await startReceiver((_req, res) => {
      if (hang) return; // never answers: the attempt is in flight when the process dies
      res.writeHead(200).end('ok');
    });
    receivers.push(receiver);
    const first = await start();
    const admin = await acmeAdmin(first);
    const workflowId = await admin.start(await admin.template('충돌 시험'), '충돌', `${receiver.origin}/hook`);
    await admin.approve(workflowId);
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
    const admin = await acmeAdmin(noWorkers);
    const workflowId = await admin.start(await admin.template('충돌 시험'), '문서 시험');
    expect(await admin.approve(workflowId)).toBe('00');
    await noWorkers.kill9();

    const restarted = await start();
    const again = await acmeAdmin(restarted);
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
