// Stopping Dojang (SIGTERM) while an export attempt is in flight, and /readyz. An attempt that
// finishes within the grace period is recorded as it went; one that does not is cut short and
// its job given back, not counted as an attempt, and delivered by the next process with the same
// webhook-id. Either way the process exits 0 within ten seconds. /readyz answers 503 while the
// database does not answer, and 200 again once it does.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../src/exports/test-support/start-receiver.ts';
import { openDatabase } from '../src/store/open-database.ts';
import { scratchDatabase, testDatabases, type ScratchDatabase } from './support/databases.ts';
import { startChildServer, type ChildServer } from './support/child-server.ts';
import { ACME_ENV, acmeAdmin } from './support/child-contracts.ts';
import { waitFor } from './support/wait-for.ts';
import { inject } from 'vitest';

describe.each(testDatabases())('shutdown on %s', (kind) => {
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
      // Longer than the grace period: an attempt to a receiver that never answers is still in flight when it ends.
      DOJANG_EXPORT_TIMEOUT_MS: '30000',
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

  /** Uploads a one-step template and approves a contract whose export goes to `hook`; answers the workflow id. */
  async function approveWithExportTo(server: ChildServer, hook: string): Promise<string> {
    const admin = await acmeAdmin(server);
    const workflowId = await admin.start(await admin.template('종료 시험'), '종료', hook);
    expect(await admin.approve(workflowId)).toBe('00');
    return workflowId;
  }

  /** SIGTERM; answers the exit code and how long the exit took. */
  async function terminate(server: ChildServer): Promise<{ code: number | null; ms: number }> {
    const started = Date.now();
    const exited = new Promise<number | null>((resolve) => server.process.once('exit', (code) => resolve(code)));
    server.process.kill('SIGTERM');
    return { code: await exited, ms: Date.now() - started };
  }

  /** The export job of a workflow and its recorded attempts, read from the database while no server runs. */
  async function exportJob(workflowId: string) {
    const store = await openDatabase(kind === 'sqlite' ? { kind, file: scratch.url.slice('sqlite:'.length) } : { kind, url: scratch.url });
    try {
      const job = await store.db
        .selectFrom('jobs')
        .selectAll()
        .where('queue', '=', 'export')
        .where('workflow_id', '=', Number(workflowId) as never)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      const attempts = await store.db.selectFrom('job_attempts').selectAll().where('job_id', '=', job.id).execute();
      return { job, attempts };
    } finally {
      await store.close();
    }
  }

  it('lets an attempt that ends within the grace period finish and records it, then exits 0', async () => {
    const receiver = await startReceiver((_req, res) => {
      setTimeout(() => res.writeHead(200).end('ok'), 1500);
    });
    receivers.push(receiver);
    const server = await start();
    const workflowId = await approveWithExportTo(server, `${receiver.origin}/slow`);
    await waitFor(() => receiver.requests.length >= 1, 'the attempt to arrive');
    const { code, ms } = await terminate(server);
    expect(code).toBe(0);
    expect(ms).toBeGreaterThanOrEqual(1000);
    expect(ms).toBeLessThan(10_000);
    const { job, attempts } = await exportJob(workflowId);
    expect(job.status).toBe('succeeded');
    expect(attempts.map((a) => a.ok)).toEqual([1]);
  });

  it('cuts short an attempt still running when the grace period ends, gives its job back, and the next process delivers it', async () => {
    let hang = true;
    const receiver = await startReceiver((_req, res) => {
      if (!hang) res.writeHead(200).end('ok');
    });
    receivers.push(receiver);
    const server = await start();
    const workflowId = await approveWithExportTo(server, `${receiver.origin}/never`);
    await waitFor(() => receiver.requests.length >= 1, 'the attempt to arrive');
    const { code, ms } = await terminate(server);
    expect(code).toBe(0);
    expect(ms).toBeGreaterThanOrEqual(7_500);
    expect(ms).toBeLessThan(10_000);
    // Given back: due again, no attempt recorded or counted, no owner.
    const { job, attempts } = await exportJob(workflowId);
    expect(job).toMatchObject({ status: 'pending', attempts: 0, lease_owner: null });
    expect(attempts).toEqual([]);

    hang = false;
    await start();
    await waitFor(() => receiver.requests.length >= 2, 'the delivery by the next process', 30_000);
    const [cut, delivered] = receiver.requests;
    expect(delivered!.headers['webhook-id']).toBe(cut!.headers['webhook-id']);
    expect(JSON.parse(delivered!.body.toString()).body).toMatchObject({ wfuid: workflowId, processid: '1' });
  }, 60_000);

  it('is ready only with the database answering, every migration run and the workers running', async () => {
    const server = await start();
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: { database: 'ok', migrations: 'ok', shutdown: 'ok', 'worker export': 'ok', 'worker notify': 'ok', 'worker document': 'ok' },
    });
    // A process without workers serves HTTP only: ready without them.
    const httpOnly = await start({ DOJANG_WORKERS: 'false' });
    expect((await (await fetch(`${httpOnly.url}/readyz`)).json()).checks).toEqual({ database: 'ok', migrations: 'ok', shutdown: 'ok' });
    if (kind !== 'postgres') return;

    // The database stops taking connections and drops those open: not ready, then ready again.
    const database = new URL(scratch.url).pathname.slice(1);
    const admin = new pg.Client({ connectionString: inject('postgresAdminUrl')! });
    await admin.connect();
    try {
      await admin.query(`alter database ${database} allow_connections false`);
      await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [database]);
      const down = await waitFor(async () => {
        const response = await fetch(`${server.url}/readyz`).catch((error) => {
          throw new Error(`${error}\n${server.output()}`);
        });
        return response.status === 503 ? response : null;
      }, '/readyz to fail');
      expect((await down.json()).checks.database).toBe('unreachable');
      const health = await fetch(`${server.url}/healthz`).catch((error) => {
        throw new Error(`${error}\n${server.output()}`);
      });
      expect(health.status).toBe(503);
    } finally {
      await admin.query(`alter database ${database} allow_connections true`);
      await admin.end();
    }
    await waitFor(async () => (await fetch(`${server.url}/readyz`)).status === 200, '/readyz to recover');
  });
});
