import net from 'node:net';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it, vi } from 'vitest';
import { createAddressPolicy } from './address-policy.ts';
import { deliverExport, type ExportDelivery } from './deliver-export.ts';
import { GuardedAgent } from './guarded-agent.ts';
import { startReceiver, type Receiver, type ReceiverHandler } from './test-support/start-receiver.ts';
import { generateWebhookSecret } from './webhook-signature.ts';
import { cleanUpAfterEachTest } from './test-support/after-each-test.ts';

const development = createAddressPolicy({ allowLoopback: true });
const production = createAddressPolicy({ allowLoopback: false });

const payload = {
  header: { api_name: 'export', session_id: 'S1001', request_code: 'embed' },
  body: {
    wfluid: 'T42',
    processid: '1',
    worktype: 'CF',
    useremail: 'kim@example.com',
    opinion: '확인했습니다',
    status: 'Playing',
    customer: '홍길동',
    price: '1,000,000원',
  },
};
const body = JSON.stringify(payload);
const current = generateWebhookSecret();
const previous = generateWebhookSecret();

const cleanUp = cleanUpAfterEachTest();

async function receiver(handler?: ReceiverHandler): Promise<Receiver> {
  const started = await startReceiver(handler);
  cleanUp(() => started.close());
  return started;
}

function newAgent(policy = development): GuardedAgent {
  const created = new GuardedAgent({ policy });
  cleanUp(() => created.close());
  return created;
}

function delivery(url: string, overrides: Partial<ExportDelivery> = {}): ExportDelivery {
  return {
    url,
    body,
    authorization: 'Bearer abc',
    webhookId: 'msg_2b6a1f0e',
    timestamp: new Date(),
    secrets: [current, previous],
    timeoutMs: 5_000,
    agent: newAgent(),
    ...overrides,
  };
}

function answer(status: number, headers: Record<string, string> = {}, text = ''): ReceiverHandler {
  return (_request, response) => {
    response.writeHead(status, headers).end(text);
  };
}

describe('deliverExport', () => {
  it('posts the payload with the export headers', async () => {
    const target = await receiver(answer(200, {}, 'ok'));
    const at = new Date();
    const outcome = await deliverExport(delivery(`${target.origin}/hooks/dojang?company=C9`, { timestamp: at }));

    expect(outcome).toMatchObject({ kind: 'delivered', statusCode: 200, responseExcerpt: 'ok' });
    expect(outcome.error).toBeUndefined();
    const [received] = target.requests;
    expect(received?.method).toBe('POST');
    expect(received?.url).toBe('/hooks/dojang?company=C9');
    expect(received?.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      authorization: 'Bearer abc',
      'user-agent': 'Dojang-Export/1',
      'webhook-id': 'msg_2b6a1f0e',
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'content-length': String(Buffer.byteLength(body)),
    });
    expect(target.requests).toHaveLength(1);
  });

  it('signs so that a receiver with either rotated secret verifies', async () => {
    const target = await receiver();
    await deliverExport(delivery(target.origin));
    const received = target.requests[0];
    if (!received) throw new Error('nothing received');
    const headers = {
      'webhook-id': String(received.headers['webhook-id']),
      'webhook-timestamp': String(received.headers['webhook-timestamp']),
      'webhook-signature': String(received.headers['webhook-signature']),
    };
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    for (const secret of [current, previous]) {
      expect(new Webhook(secret).verify(received.body.toString('utf8'), headers)).toEqual(payload);
    }
  });

  it('sends Korean text as unescaped UTF-8, byte for byte', async () => {
    const target = await receiver();
    await deliverExport(delivery(target.origin));
    const received = target.requests[0]?.body ?? Buffer.alloc(0);
    expect(received.equals(Buffer.from(body, 'utf8'))).toBe(true);
    expect(received.includes(Buffer.from('"customer":"홍길동"', 'utf8'))).toBe(true);
    expect(received.toString('latin1')).not.toContain('\\u');
  });

  it('sends no Authorization header when none was given', async () => {
    const target = await receiver();
    await deliverExport(delivery(target.origin, { authorization: undefined }));
    expect(target.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('sends the Authorization value exactly as given', async () => {
    const target = await receiver();
    await deliverExport(delivery(target.origin, { authorization: 'esignon 9f8e7d6c-token==' }));
    expect(target.requests[0]?.headers.authorization).toBe('esignon 9f8e7d6c-token==');
  });

  it.each([200, 201, 202, 204])('counts %i as delivered', async (status) => {
    const target = await receiver(answer(status));
    expect((await deliverExport(delivery(target.origin))).kind).toBe('delivered');
  });

  it('reports a 500 as failed, with the start of the answer', async () => {
    const target = await receiver(answer(500, { 'content-type': 'application/json' }, '{"error":"데이터베이스 오류"}'));
    const outcome = await deliverExport(delivery(target.origin));
    expect(outcome).toMatchObject({
      kind: 'failed',
      statusCode: 500,
      error: 'HTTP 500',
      responseExcerpt: '{"error":"데이터베이스 오류"}',
    });
    expect(outcome.durationMs).toBeGreaterThanOrEqual(0);
    expect(outcome.retryAfterMs).toBeUndefined();
  });

  it('reports 410 as gone', async () => {
    const target = await receiver(answer(410, {}, 'unsubscribed'));
    expect(await deliverExport(delivery(target.origin))).toMatchObject({
      kind: 'gone',
      statusCode: 410,
    });
  });

  it('reads Retry-After on 429 (seconds) and 503 (HTTP date)', async () => {
    const tooMany = await receiver(answer(429, { 'retry-after': '120' }));
    expect(await deliverExport(delivery(tooMany.origin))).toMatchObject({
      kind: 'failed',
      statusCode: 429,
      retryAfterMs: 120_000,
    });
    const unavailable = await receiver(answer(503, { 'retry-after': new Date(Date.now() + 600_000).toUTCString() }));
    const outcome = await deliverExport(delivery(unavailable.origin));
    expect(outcome.retryAfterMs).toBeGreaterThan(590_000);
    expect(outcome.retryAfterMs).toBeLessThanOrEqual(600_000);
    // Retry-After on other statuses is not a request to wait.
    const other = await receiver(answer(500, { 'retry-after': '120' }));
    expect((await deliverExport(delivery(other.origin))).retryAfterMs).toBeUndefined();
  });

  it('does not follow a redirect, and the target is never contacted', async () => {
    const elsewhere = await receiver();
    const redirecting = await receiver(answer(301, { location: `${elsewhere.origin}/moved` }));
    const outcome = await deliverExport(delivery(redirecting.origin));
    expect(outcome).toMatchObject({
      kind: 'failed',
      statusCode: 301,
      error: `redirect not followed (HTTP 301 to ${elsewhere.origin}/moved)`,
    });
    expect(redirecting.requests).toHaveLength(1);
    expect(elsewhere.requests).toHaveLength(0);
    expect(elsewhere.connections).toBe(0);
  });

  it('times out on a hanging receiver while a healthy one answers promptly', async () => {
    const hanging = await receiver(() => {
      // Never answers.
    });
    const healthy = await receiver(answer(200, {}, 'ok'));
    const agent = newAgent();
    const [slow, fast] = await Promise.all([
      deliverExport(delivery(hanging.origin, { timeoutMs: 500, agent })),
      (async () => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        return deliverExport(delivery(healthy.origin, { timeoutMs: 500, agent }));
      })(),
    ]);
    expect(slow).toMatchObject({ kind: 'failed', error: 'timed out after 500 ms' });
    expect(slow.statusCode).toBeUndefined();
    expect(slow.durationMs).toBeGreaterThanOrEqual(490);
    expect(slow.durationMs).toBeLessThan(2_000);
    expect(fast.kind).toBe('delivered');
    expect(fast.durationMs).toBeLessThan(250);
    expect(hanging.requests).toHaveLength(1);
  });

  it('counts the body in the timeout: headers then silence is a failure', async () => {
    const target = await receiver((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('partial');
    });
    const outcome = await deliverExport(delivery(target.origin, { timeoutMs: 300 }));
    expect(outcome).toMatchObject({
      kind: 'failed',
      statusCode: 200,
      error: 'timed out after 300 ms while reading the response',
    });
  });

  it('keeps only the first 4 KB of a 1 MB answer', async () => {
    const megabyte = 'x'.repeat(1024 * 1024);
    const target = await receiver(answer(200, { 'content-type': 'text/plain' }, megabyte));
    const outcome = await deliverExport(delivery(target.origin));
    expect(outcome.kind).toBe('delivered');
    expect(outcome.responseExcerpt).toBe('x'.repeat(4096));
  });

  it('stops reading an answer that never ends, keeping its first 4 KB, long before the timeout', async () => {
    let closed = false;
    const endless = await receiver((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = 'y'.repeat(16 * 1024);
      const more = () => {
        while (!response.destroyed && response.write(chunk));
        if (!response.destroyed) response.once('drain', more);
      };
      response.on('close', () => (closed = true));
      more();
    });
    const outcome = await deliverExport(delivery(endless.origin, { timeoutMs: 5_000 }));
    expect(outcome).toMatchObject({ kind: 'delivered', statusCode: 200, responseExcerpt: 'y'.repeat(4096) });
    expect(outcome.durationMs).toBeLessThan(2_000);
    await vi.waitFor(() => expect(closed).toBe(true));
  });

  it('keeps the Authorization value out of errors and excerpts, even when echoed', async () => {
    const secret = 'Bearer sk_live_5f2e9c1a7b3d';
    const echo: ReceiverHandler = (request, response) => {
      const echoed = JSON.stringify({
        you_sent: request.headers.authorization,
        padding: 'p'.repeat(4040),
      });
      response
        .writeHead(302, {
          location: `https://example.com/?auth=${String(request.headers.authorization)}`,
        })
        .end(echoed);
    };
    const target = await receiver(echo);
    const outcome = await deliverExport(delivery(target.origin, { authorization: secret }));
    expect(outcome.kind).toBe('failed');
    expect(target.requests[0]?.headers.authorization).toBe(secret);
    expect(JSON.stringify(outcome)).not.toContain('sk_live_5f2e9c1a7b3d');
    expect(outcome.responseExcerpt).toContain('[redacted]');
    expect(outcome.error).toContain('[redacted]');

    // A value that cannot be sent is refused without being repeated.
    const badValue = 'Bearer line\r\nX-Injected: 1';
    const refused = await deliverExport(delivery(target.origin, { authorization: badValue }));
    expect(refused.kind).toBe('failed');
    expect(refused.error).not.toContain('line');
    expect(target.requests).toHaveLength(1);
  });

  it('refuses a loopback receiver under a production policy without contacting it', async () => {
    const target = await receiver();
    const outcome = await deliverExport(delivery(target.origin, { agent: newAgent(production) }));
    expect(outcome).toMatchObject({
      kind: 'failed',
      error: 'export_api_info.url: host 127.0.0.1 is a loopback address; allow it with DOJANG_EXPORT_ALLOW_NETWORKS',
    });
    expect(target.connections).toBe(0);
  });

  it('reports a malformed URL and a refused connection as failures', async () => {
    expect(await deliverExport(delivery('ftp://example.com/'))).toMatchObject({
      kind: 'failed',
      error: 'export_api_info.url: must be an http or https URL, not ftp:',
    });
    const closed = await receiver();
    await closed.close();
    const outcome = await deliverExport(delivery(closed.origin));
    expect(outcome.kind).toBe('failed');
    expect(outcome.error).toContain('ECONNREFUSED');
  });

  it('reuses the connection for the next event', async () => {
    const target = await receiver(answer(200, {}, 'ok'));
    const agent = newAgent();
    for (let i = 0; i < 5; i += 1) {
      expect((await deliverExport(delivery(target.origin, { agent }))).kind).toBe('delivered');
    }
    expect(target.connections).toBe(1);
  });

  it.each([
    ['with the answer', 0],
    ['while the connection is idle', 10],
  ])('does not take bytes a receiver sent unasked (%s) as the answer to the next event', async (_when, delayMs) => {
    // A raw server: its first answer is followed by a second nobody asked for; the next request's real answer is a 500.
    const stale = 'HTTP/1.1 201 Created\r\ncontent-length: 5\r\n\r\nstale';
    let requests = 0;
    const server = net.createServer((socket) => {
      socket.on('data', () => {
        requests += 1;
        if (requests > 1) {
          socket.write('HTTP/1.1 500 Internal Server Error\r\ncontent-length: 4\r\n\r\nreal');
        } else if (delayMs === 0) {
          socket.write(`HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok${stale}`);
        } else {
          socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok');
          setTimeout(() => socket.write(stale), delayMs);
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanUp(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const origin = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
    const agent = newAgent();
    expect(await deliverExport(delivery(origin, { agent }))).toMatchObject({ kind: 'delivered', statusCode: 200, responseExcerpt: 'ok' });
    await new Promise((resolve) => setTimeout(resolve, delayMs + 50));
    expect(await deliverExport(delivery(origin, { agent }))).toMatchObject({ kind: 'failed', statusCode: 500, responseExcerpt: 'real' });
  });
});
