// Delivery behaviour through the real worker: a hanging receiver beside a healthy one,
// Retry-After, redirects refused, the address guard in production, the metrics.
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../src/exports/test-support/start-receiver.ts';
import { testDatabases } from './support/databases.ts';
import { startTestServer, type TestCompany, type TestServer } from './support/dojang-server.ts';
import { createTestTemplate, players } from './support/templates.ts';
import { waitFor } from './support/wait-for.ts';

describe.each(testDatabases())('export delivery on %s', (kind) => {
  let server: TestServer;
  let acme: TestCompany;
  let docId: string;
  const receivers: Receiver[] = [];

  beforeAll(async () => {
    server = await startTestServer(kind, { DOJANG_EXPORT_TIMEOUT_MS: '3000', DOJANG_EXPORT_RETRY_SCHEDULE: '0,0.2,0.2' });
    acme = await server.company('acme');
    docId = await createTestTemplate(acme, 1);
  });
  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((r) => r.close()));
  });
  afterAll(() => server?.close());

  async function receiver(handler?: Parameters<typeof startReceiver>[0]) {
    const r = await startReceiver(handler);
    receivers.push(r);
    return r;
  }

  async function startAndApprove(url: string) {
    const { json } = await acme.esignon('/api/acme/startsimple', '5005Q', {
      workflow_name: '전달',
      doc_id: docId,
      player_list: players(1),
      export_api_info: { api_type: 'ALL', url },
    });
    expect(json.header.result_code, json.header.result_msg).toBe('00');
    const id = json.body.workflow_id as string;
    await acme.esignon('/api/acme/action', '5010Q', {
      memb_email: 'signer1@example.com',
      action_id: '1',
      workflow_id: id,
      command: 'CF',
      field_list: [{ field_name: 'name_1', field_value: 'x' }],
    });
    return id;
  }
  const events = async (id: string) => (await acme.get(`/api/v1/workflows/${id}/exports`)).json.events;

  it('a hanging receiver does not delay a healthy one', async () => {
    const hanging = await receiver(() => {});
    const healthy = await receiver();
    await startAndApprove(`${hanging.origin}/slow`);
    await waitFor(() => hanging.requests.length === 1, 'the hanging attempt');
    const startedAt = Date.now();
    await startAndApprove(`${healthy.origin}/fast`);
    await waitFor(() => healthy.requests.length === 1, 'the healthy delivery');
    expect(Date.now() - startedAt).toBeLessThan(1000);
  });

  it('honours Retry-After on 503, and times out a receiver that never answers', async () => {
    let first = true;
    const r = await receiver((_req, res) => {
      if (first) {
        first = false;
        res.writeHead(503, { 'retry-after': '1' }).end('later');
      } else res.writeHead(200).end();
    });
    const id = await startAndApprove(`${r.origin}/hook`);
    await waitFor(() => r.requests.length === 2, 'the retry', 5000);
    const gap =
      new Date(Number(r.requests[1]!.headers['webhook-timestamp']) * 1000).getTime() -
      new Date(Number(r.requests[0]!.headers['webhook-timestamp']) * 1000).getTime();
    expect(gap).toBeGreaterThanOrEqual(1000);
    const [event] = await waitFor(async () => ((await events(id))[0]?.status === 'delivered' ? await events(id) : null), 'delivered');
    expect(event.attempts.map((a: { status_code: number }) => a.status_code)).toEqual([503, 200]);
  });

  it('does not follow redirects', async () => {
    const target = await receiver();
    const redirecting = await receiver((_req, res) => res.writeHead(301, { location: `${target.origin}/elsewhere` }).end());
    const id = await startAndApprove(`${redirecting.origin}/hook`);
    const dead = await waitFor(async () => ((await events(id))[0]?.status === 'dead' ? (await events(id))[0] : null), 'the dead event', 5000);
    expect(dead.attempts).toHaveLength(3);
    expect(dead.last_error).toContain('redirect');
    expect(target.requests).toHaveLength(0);
  });

  it('counts events and deliveries in /metrics', async () => {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).toMatch(/dojang_export_events_created_total \d+/);
    expect(text).toMatch(/dojang_export_deliveries_total\{outcome="delivered"\} [1-9]/);
    expect(text).toMatch(/dojang_export_failed_attempts_total [1-9]/);
    expect(text).toMatch(/dojang_export_dead_total [1-9]/);
    expect(text).toContain('dojang_export_pending');
    expect(text).toContain('dojang_export_delivery_duration_seconds_bucket');
  });
});

describe.each(testDatabases())('an export delivered by the process that queued it, on %s', (kind) => {
  // One export at a time per receiver, and a clock the test moves: an export waits for its slot
  // behind a held one for as long as the test says.
  let offsetMs = 0;
  let server: TestServer;
  let acme: TestCompany;
  let docId: string;
  let receiver: Receiver;
  let releaseHeld: (() => void) | null = null;

  beforeAll(async () => {
    server = await startTestServer(kind, { DOJANG_EXPORT_HOST_CONCURRENCY: '1' }, { clock: () => new Date(Date.now() + offsetMs) });
    acme = await server.company('acme');
    docId = await createTestTemplate(acme, 1);
    receiver = await startReceiver((request, response) => {
      if (request.url === '/held') releaseHeld = () => response.writeHead(200).end();
      else response.writeHead(200).end();
    });
  });
  afterAll(async () => {
    await receiver?.close();
    await server?.close();
  });

  async function approve(path: string) {
    const { json } = await acme.esignon('/api/acme/startsimple', '5005Q', {
      workflow_name: '서명 비밀',
      doc_id: docId,
      player_list: players(1),
      export_api_info: { api_type: 'ALL', url: `${receiver.origin}${path}` },
    });
    expect(json.header.result_code, json.header.result_msg).toBe('00');
    const approved = await acme.esignon('/api/acme/action', '5010Q', {
      memb_email: 'signer1@example.com',
      action_id: '1',
      workflow_id: json.body.workflow_id,
      command: 'CF',
      field_list: [{ field_name: 'name_1', field_value: '홍길동' }],
    });
    expect(approved.json.header.result_code, approved.json.header.result_msg).toBe('00');
  }

  /** Whether the request that came to `path` carries a signature made with `secret`. */
  function signedWith(path: string, secret: string): boolean {
    const request = receiver.requests.find((r) => r.url === path)!;
    try {
      new Webhook(secret).verify(request.body.toString('utf8'), {
        'webhook-id': String(request.headers['webhook-id']),
        'webhook-timestamp': String(request.headers['webhook-timestamp']),
        'webhook-signature': String(request.headers['webhook-signature']),
      });
      return true;
    } catch {
      return false;
    }
  }

  it.each([
    { waited: 'a moment', advanceMs: 0, withTheNewSecret: false },
    { waited: '6 s', advanceMs: 6000, withTheNewSecret: true },
  ])(
    'a secret rotated after the change signs its attempt once 5 s have passed (an attempt $waited later: $withTheNewSecret)',
    async ({ advanceMs, withTheNewSecret }) => {
      const at = receiver.requests.length;
      await approve('/held');
      await waitFor(() => releaseHeld !== null, 'the held export');
      // Queued now, before the rotation; it waits for the receiver's one slot.
      const path = `/after-${advanceMs}`;
      await approve(path);
      const rotated = (await acme.post('/api/v1/company/webhook-secret/rotate', {})).json;
      offsetMs += advanceMs;
      releaseHeld!();
      releaseHeld = null;
      await waitFor(() => receiver.requests.length === at + 2, 'the waiting export');
      expect(signedWith(path, rotated.previous_secret)).toBe(true);
      expect(signedWith(path, rotated.secret)).toBe(withTheNewSecret);
    },
  );
});

describe('the address guard in production', () => {
  let server: TestServer;
  let acme: TestCompany;
  let docId: string;

  beforeAll(async () => {
    server = await startTestServer('sqlite', { NODE_ENV: 'production', DOJANG_EXPORT_ALLOW_NETWORKS: '198.51.100.0/24' });
    acme = await server.company('acme');
    docId = await createTestTemplate(acme, 1);
  });
  afterAll(() => server?.close());

  const start = (url: string) =>
    acme.esignon('/api/acme/startsimple', '5005Q', { workflow_name: 'x', doc_id: docId, player_list: players(1), export_api_info: { api_type: 'ALL', url } });

  it.each([
    'http://127.0.0.1:4000/hook',
    'http://localhost:4000/hook',
    'http://2130706433/hook',
    'http://0177.0.0.1/hook',
    'http://0x7f.1/hook',
    'http://[::1]/hook',
    'http://[::ffff:127.0.0.1]/hook',
    'http://169.254.169.254/latest/meta-data',
    'http://[fe80::1%25eth0]/hook',
  ])('refuses %s', async (url) => {
    const { json } = await start(url);
    expect(json.header.result_code).toBe('-1');
    expect(json.header.result_msg).toContain('export_api_info.url');
  });

  it('accepts a network the operator opened', async () => {
    const { json } = await start('http://198.51.100.7/hook');
    expect(json.header.result_code, json.header.result_msg).toBe('00');
  });
});
