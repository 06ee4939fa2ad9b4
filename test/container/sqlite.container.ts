// The image on SQLite with a host folder as /data and a read-only root file system: a contract
// made through the API outlives its container, the server is node as PID 1 with uid 1000, and it
// stops on SIGTERM with 0 within 10 s.
import { readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfToText } from '../../src/documents/test-support/poppler.ts';
import { startReceiver, type Receiver } from '../../src/exports/test-support/start-receiver.ts';
import { freePort } from '../support/dojang-server.ts';
import { waitFor } from '../support/wait-for.ts';
import {
  ADMIN,
  LOOPBACK_EXPORTS,
  approve,
  completedPdf,
  createTemplate,
  dataFolder,
  exportBodies,
  loggedIn,
  sha256,
  startContract,
  uniqueName,
  verify,
} from './contract-calls.ts';
import { podman, runDojang, type DojangContainer } from './podman.ts';

describe('on SQLite, a host folder as /data', () => {
  let dataDir: string;
  let port: number;
  let receiver: Receiver;
  const containers: DojangContainer[] = [];
  /** The root file system read-only, without a tmpfs either: Dojang may write to /data only. */
  const start = async () => {
    const container = await runDojang({
      name: uniqueName('sqlite'),
      port,
      dataDir,
      env: LOOPBACK_EXPORTS,
      podmanOptions: ['--read-only', '--read-only-tmpfs=false'],
    });
    containers.push(container);
    return container;
  };
  let completed: { workflowId: string; pdf: Uint8Array };
  let halfway: string;

  beforeAll(async () => {
    dataDir = await dataFolder();
    port = await freePort();
    receiver = await startReceiver();
  });
  afterAll(async () => {
    for (const container of containers) await container.remove();
    await receiver?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('answers /healthz and /readyz, its server being node as PID 1 with uid 1000', async () => {
    const dojang = await start();
    expect((await fetch(`${dojang.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${dojang.url}/readyz`)).status).toBe(200);
    expect(await podman('healthcheck', 'run', dojang.name)).not.toMatch(/unhealthy/);
    expect((await dojang.exec('cat', '/proc/1/cmdline')).split('\0').filter(Boolean)).toEqual(['node', '--import', 'tsx', 'src/main.ts']);
    expect(await dojang.exec('grep', '^Uid:', '/proc/1/status')).toMatch(/^Uid:\s+1000\s+1000\s+1000\s+1000$/);
    expect(await dojang.exec('id', '-un')).toBe('node');
  });

  it('makes a contract started through the API, its sealed PDF in Korean, with everything under /data', async () => {
    const [dojang] = containers;
    expect(await dojang!.exec('dojang', 'company', 'add', 'acme', '--name', '주식회사 도장', '--email', ADMIN.email, '--password', ADMIN.password)).toContain(
      'Company acme created',
    );
    const client = await loggedIn(dojang!.url);
    const docId = await createTemplate(client);
    const workflowId = await startContract(client, docId, `${receiver.origin}/hooks`, '서비스 이용 계약');
    await approve(client, workflowId, 1, '홍길동');
    await approve(client, workflowId, 2, '이영희 팀장');
    const pdf = await completedPdf(client, workflowId);
    const text = await pdfToText(pdf);
    expect(text).toContain('홍길동');
    expect(text).toContain('이영희 팀장');
    expect(await verify(dojang!.url, pdf)).toMatchObject({ sealed: true, intact: true, on_record: true, workflow_id: workflowId });
    await waitFor(() => exportBodies(receiver).filter((b) => b.wfuid === workflowId).length === 2, 'both exports');
    completed = { workflowId, pdf };

    halfway = await startContract(client, docId, `${receiver.origin}/hooks`, '재시작 전후 계약');
    await approve(client, halfway, 1, '김철수');

    for (const entry of ['dojang.db', 'files', 'keys']) {
      expect((await stat(path.join(dataDir, entry))).uid, `${entry} belongs to uid 1000`).toBe(1000);
    }
  });

  it('stops on SIGTERM with exit code 0 within 10 s', async () => {
    const { exitCode, ms } = await containers[0]!.stop();
    expect(exitCode).toBe(0);
    expect(ms).toBeLessThan(10_000);
  });

  it('carries on in a new container on the same /data: the contracts, their documents and the seal', async () => {
    const caBefore = await readFile(path.join(dataDir, 'keys/ca.cert.pem'), 'utf8');
    await containers[0]!.remove();
    const dojang = await start();
    const client = await loggedIn(dojang.url);

    expect(sha256(await completedPdf(client, completed.workflowId))).toBe(sha256(completed.pdf));
    expect(await verify(dojang.url, completed.pdf)).toMatchObject({ sealed: true, intact: true, on_record: true });
    expect((await client.workflow(halfway)).body.workflow_status).toBe('Playing');
    await approve(client, halfway, 2, '이영희');
    expect(await verify(dojang.url, await completedPdf(client, halfway))).toMatchObject({ sealed: true, intact: true, on_record: true, workflow_id: halfway });
    expect(await readFile(path.join(dataDir, 'keys/ca.cert.pem'), 'utf8')).toBe(caBefore);

    const { exitCode, ms } = await dojang.stop();
    expect(exitCode).toBe(0);
    expect(ms).toBeLessThan(10_000);
  });
});
