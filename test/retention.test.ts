// Retention (DOJANG_RETENTION_DAYS): once finished exports and messages are older than the
// period, what they carried (the payload, the receiver's answers, the recipient) is cleared;
// every attempt stays listed with its time, outcome, status and duration, and the contract
// itself keeps its values. A cleared event cannot be sent again, and says why.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../src/exports/test-support/start-receiver.ts';
import { clearExpiredDeliveries } from '../src/jobs/retention.ts';
import { testDatabases } from './support/databases.ts';
import { startTestServer, type TestCompany, type TestServer } from './support/dojang-server.ts';
import { createTestTemplate, players } from './support/templates.ts';
import { waitFor } from './support/wait-for.ts';

const DAY = 86_400_000;

describe.each(testDatabases())('retention on %s', (kind) => {
  let server: TestServer;
  let acme: TestCompany;
  let receiver: Receiver;
  let failing: Receiver;
  /** The server's clock runs this far ahead of the wall clock. */
  let ahead = 0;

  beforeAll(async () => {
    server = await startTestServer(kind, { DOJANG_RETENTION_DAYS: '2', DOJANG_EXPORT_RETRY_SCHEDULE: '0' }, { clock: () => new Date(Date.now() + ahead) });
    acme = await server.company('acme');
    receiver = await startReceiver((_req, res) => res.writeHead(200).end('{"received":"홍길동"}'));
    failing = await startReceiver((_req, res) => res.writeHead(500).end('down for 홍길동'));
  });
  afterAll(async () => {
    await receiver?.close();
    await failing?.close();
    await server?.close();
  });

  async function approvedContract(url: string): Promise<string> {
    const docId = await createTestTemplate(acme, 2);
    const { json } = await acme.esignon('/api/acme/startsimple', '5005Q', {
      workflow_name: '보존 기간',
      doc_id: docId,
      player_list: players(2, [{ name: '홍길동', email: 'hong@example.com' }]),
      export_api_info: { api_type: 'ALL', url, request_params: [{ param_id: 'customer', param_value: '-', fields: ['name_1'] }] },
    });
    const workflowId = json.body.workflow_id as string;
    const acted = await acme.esignon('/api/acme/action', '5010Q', {
      memb_email: 'hong@example.com',
      action_id: '1',
      workflow_id: workflowId,
      command: 'CF',
      field_list: [{ field_name: 'name_1', field_value: '홍길동' }],
    });
    expect(acted.json.header.result_code).toBe('00');
    return workflowId;
  }

  it("clears finished exports' payloads and answers and messages' recipients after the period, keeping every attempt and the contract", async () => {
    const delivered = await approvedContract(`${receiver.origin}/hook`);
    const dead = await approvedContract(`${failing.origin}/hook`);
    const exportsOf = async (id: string) => (await acme.get(`/api/v1/workflows/${id}/exports`)).json.events;
    const notificationsOf = async (id: string) => (await acme.get(`/api/v1/workflows/${id}/notifications`)).json.notifications;
    await waitFor(async () => (await exportsOf(delivered))[0]?.status === 'delivered', 'the export delivered');
    await waitFor(async () => (await exportsOf(dead))[0]?.status === 'dead', 'the other export given up');
    await waitFor(async () => (await notificationsOf(delivered)).every((n: { status: string }) => n.status === 'sent'), 'the messages sent');
    const before = (await exportsOf(delivered))[0];
    expect(before.payload.body.customer).toBe('홍길동');
    expect(before.attempts[0].response_excerpt).toContain('홍길동');

    // Within the period nothing is cleared.
    ahead = 1.9 * DAY;
    expect(await clearExpiredDeliveries(server.dojang.ctx)).toBe(0);
    ahead = 2.1 * DAY;
    expect(await clearExpiredDeliveries(server.dojang.ctx)).toBeGreaterThanOrEqual(4);

    const after = (await exportsOf(delivered))[0];
    expect(after).toMatchObject({
      event_id: before.event_id,
      webhook_id: before.webhook_id,
      processid: '1',
      status: 'delivered',
      url: before.url,
      payload: null,
    });
    expect(after.cleared_at).toEqual(expect.any(String));
    expect(after.attempts).toEqual([{ ...before.attempts[0], response_excerpt: null }]);
    const deadAfter = (await exportsOf(dead))[0];
    expect(deadAfter).toMatchObject({ status: 'dead', payload: null, last_error: 'HTTP 500' });
    expect(deadAfter.attempts.map((a: { status_code: number }) => a.status_code)).toEqual([500]);
    for (const message of await notificationsOf(delivered)) {
      expect(message.to).toEqual({ name: '', identity: '', language: 'ko-KR' });
      expect(message.attempts.length).toBeGreaterThan(0);
    }
    // Nothing of it is left in the rows either.
    const rows = await server.dojang.ctx.db
      .selectFrom('jobs')
      .select('payload')
      .where('queue', 'in', ['export', 'notify'])
      .where('cleared_at', 'is not', null)
      .execute();
    expect(rows.some((row) => row.payload.includes('홍길동') || row.payload.includes('hong@'))).toBe(false);

    // The contract keeps its values; a cleared event has nothing to send again.
    const fields = (await acme.get(`/api/v2/workflows/${delivered}`)).json.body.field_list as { field_name: string; field_value: string }[];
    expect(fields.find((f) => f.field_name === 'name_1')?.field_value).toBe('홍길동');
    const again = await acme.post(`/api/v1/exports/${deadAfter.event_id}/redeliver`, {});
    expect(again.status).toBe(409);
    expect(again.json.detail).toContain('DOJANG_RETENTION_DAYS');
    // Running again finds nothing more to clear.
    expect(await clearExpiredDeliveries(server.dojang.ctx)).toBe(0);
  });
});
