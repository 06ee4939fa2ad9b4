// Two containers of the image on one PostgreSQL database (the machine's, through the host
// network; a scratch database made and dropped here), sharing /data as compose.yaml has them
// share a volume: approvals through both, every export delivered once and in order, and each
// one's documents verified by the other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../../src/exports/test-support/start-receiver.ts';
import { scratchDatabase, testDatabases, type ScratchDatabase } from '../support/databases.ts';
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
  startContract,
  uniqueName,
  verify,
} from './contract-calls.ts';
import { runDojang, type DojangContainer } from './podman.ts';

const WORKFLOWS = 20;

describe.runIf(testDatabases().includes('postgres'))('two containers on one PostgreSQL database', () => {
  let scratch: ScratchDatabase;
  let receiver: Receiver;
  const containers: DojangContainer[] = [];

  beforeAll(async () => {
    scratch = await scratchDatabase('postgres');
    // Both share /data, which holds only the sealing keys here: the PDFs are in the database.
    await dataFolder(scratch.dataDir);
    receiver = await startReceiver((_request, response) => setTimeout(() => response.writeHead(200).end(), Math.random() * 20));
    const env = {
      DATABASE_URL: scratch.url,
      DOJANG_BOOTSTRAP_COMPANY: 'acme',
      DOJANG_BOOTSTRAP_EMAIL: ADMIN.email,
      DOJANG_BOOTSTRAP_PASSWORD: ADMIN.password,
      ...LOOPBACK_EXPORTS,
    };
    // As compose.yaml starts them: the second once the first is ready.
    for (const what of ['pg-a', 'pg-b']) {
      containers.push(await runDojang({ name: uniqueName(what), port: await freePort(), dataDir: scratch.dataDir, env }));
    }
  });
  afterAll(async () => {
    for (const container of containers) await container.remove();
    await receiver?.close();
    await scratch?.drop();
  });

  it('takes approvals through both, delivers every export once and in order, and seals alike', async () => {
    const clients = await Promise.all(containers.map((c) => loggedIn(c.url)));
    const client = (i: number) => clients[i % clients.length]!;
    const docId = await createTemplate(clients[0]!);
    const workflows = await Promise.all(
      Array.from({ length: WORKFLOWS }, async (_, i) => {
        const workflowId = await startContract(client(i), docId, `${receiver.origin}/hooks`, `계약 ${i}`);
        await approve(client(i + 1), workflowId, 1, `고객 ${i}`);
        await approve(client(i + 2), workflowId, 2, `담당 ${i}`);
        return workflowId;
      }),
    );
    await waitFor(() => receiver.requests.length >= WORKFLOWS * 2, `${WORKFLOWS * 2} deliveries`, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 2000)); // time for a second delivery, were there one

    const ids = receiver.requests.map((r) => String(r.headers['webhook-id']));
    expect(ids).toHaveLength(WORKFLOWS * 2);
    expect(new Set(ids).size).toBe(WORKFLOWS * 2);
    const order = new Map<string, string[]>();
    for (const body of exportBodies(receiver)) order.set(body.wfuid!, [...(order.get(body.wfuid!) ?? []), body.processid!]);
    expect([...order.keys()].sort()).toEqual([...workflows].sort());
    expect([...order.values()].every((steps) => steps.join() === '1,2')).toBe(true);

    // Each document verifies on both containers: they seal with the one key in the shared /data.
    for (const [i, workflowId] of workflows.slice(0, 4).entries()) {
      const pdf = await completedPdf(client(i), workflowId);
      for (const container of containers) {
        expect(await verify(container.url, pdf)).toMatchObject({ sealed: true, intact: true, on_record: true, workflow_id: workflowId });
      }
    }

    for (const container of containers) {
      const { exitCode, ms } = await container.stop();
      expect(exitCode, `${container.name}'s exit code`).toBe(0);
      expect(ms).toBeLessThan(10_000);
    }
  });
});
