import { describe, expect, it } from 'vitest';
import { createAddressPolicy } from './address-policy.ts';
import { assertExportUrl } from './assert-export-url.ts';
import { ExportUrlError } from './export-errors.ts';
import { GuardedAgent } from './guarded-agent.ts';
import { selfSignedCertificate } from './test-support/self-signed-certificate.ts';
import { startReceiver, type Receiver } from './test-support/start-receiver.ts';
import { cleanUpAfterEachTest } from './test-support/after-each-test.ts';
import { resolverOf } from './test-support/resolver-of.ts';

const production = createAddressPolicy({ allowLoopback: false });
const development = createAddressPolicy({ allowLoopback: true });

const cleanUp = cleanUpAfterEachTest();

async function receiver(...args: Parameters<typeof startReceiver>): Promise<Receiver> {
  const started = await startReceiver(...args);
  cleanUp(() => started.close());
  return started;
}

function agent(...args: ConstructorParameters<typeof GuardedAgent>): GuardedAgent {
  const created = new GuardedAgent(...args);
  cleanUp(() => created.close());
  return created;
}

/** A request through the agent, its answer read to the end. */
function request(through: GuardedAgent, url: string, method = 'GET', body?: string): Promise<{ statusCode: number }> {
  return new Promise((resolve, reject) => {
    const sent = through.request(new URL(url), method, []);
    sent.on('error', reject);
    sent.on('response', (response) => {
      response.resume();
      response.on('end', () => resolve({ statusCode: response.statusCode ?? 0 }));
    });
    sent.end(body);
  });
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (error: unknown) => error,
  );
}

describe('GuardedAgent', () => {
  it('connects to the checked address while Host stays the original name', async () => {
    const target = await receiver();
    const guarded = agent({
      policy: development,
      resolve: resolverOf({ 'hooks.test': ['127.0.0.1'] }),
    });
    const response = await request(guarded, `http://hooks.test:${target.port}/export`, 'POST', '{}');
    expect(response.statusCode).toBe(200);
    expect(target.requests[0]?.headers.host).toBe(`hooks.test:${target.port}`);
  });

  it('refuses to connect when the lookup at connect time answers a forbidden address (rebinding)', async () => {
    const target = await receiver();
    const url = `http://rebind.test:${target.port}/export`;
    // At start the name pointed somewhere public…
    await expect(assertExportUrl(url, production, resolverOf({ 'rebind.test': ['93.184.215.14'] }))).resolves.toMatchObject({ addresses: ['93.184.215.14'] });
    // …by delivery time it answers loopback.
    const guarded = agent({
      policy: production,
      resolve: resolverOf({ 'rebind.test': ['127.0.0.1'] }),
    });
    const error = await failure(request(guarded, `http://rebind.test:${target.port}/export`, 'POST', '{}'));
    expect(error).toBeInstanceOf(ExportUrlError);
    expect((error as ExportUrlError).code).toBe('EXPORT_ADDRESS_REFUSED');
    expect((error as ExportUrlError).message).toContain('host rebind.test resolves to 127.0.0.1, a loopback address');
    expect(target.connections).toBe(0);
  });

  it('refuses a name when any one of its addresses is forbidden', async () => {
    const target = await receiver();
    const guarded = agent({
      policy: development,
      resolve: resolverOf({ 'mixed.test': ['127.0.0.1', '10.0.0.1'] }),
    });
    const error = await failure(request(guarded, `http://mixed.test:${target.port}/`));
    expect((error as ExportUrlError).message).toContain('10.0.0.1, a private address');
    expect(target.connections).toBe(0);
  });

  it('checks IP literals, which never reach a lookup', async () => {
    const target = await receiver();
    const guarded = agent({ policy: production });
    for (const origin of [`http://127.0.0.1:${target.port}`, `http://[::ffff:127.0.0.1]:${target.port}`]) {
      const error = await failure(request(guarded, `${origin}/`));
      expect((error as ExportUrlError).code).toBe('EXPORT_ADDRESS_REFUSED');
    }
    expect(target.connections).toBe(0);
  });

  it('opens loopback through an allowed network', async () => {
    const target = await receiver();
    const policy = createAddressPolicy({ allowLoopback: false, allowNetworks: '127.0.0.0/8' });
    const response = await request(agent({ policy }), `${target.origin}/`);
    expect(response.statusCode).toBe(200);
  });

  it('keeps TLS SNI and the certificate check on the original host name', async () => {
    const tls = selfSignedCertificate('hooks.test');
    const target = await receiver(undefined, tls);
    const guarded = agent({
      policy: development,
      resolve: resolverOf({ 'hooks.test': ['127.0.0.1'] }),
      tls: { ca: tls.cert },
    });
    const response = await request(guarded, `https://hooks.test:${target.port}/`, 'POST', '{}');
    expect(response.statusCode).toBe(200);
    expect(target.requests[0]?.servername).toBe('hooks.test');
    expect(target.requests[0]?.headers.host).toBe(`hooks.test:${target.port}`);

    // The same certificate does not pass for another name resolving to the same address.
    const other = agent({
      policy: development,
      resolve: resolverOf({ 'other.test': ['127.0.0.1'] }),
      tls: { ca: tls.cert },
    });
    const error = await failure(request(other, `https://other.test:${target.port}/`));
    expect((error as { code?: string }).code).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
  });

  it('waits for an answer slower than the idle time of a kept-alive socket', async () => {
    const target = await receiver((_request, response) => {
      setTimeout(() => response.writeHead(200).end('ok'), 300);
    });
    const guarded = agent({ policy: development, keepAliveTimeoutMs: 100 });
    expect((await request(guarded, `${target.origin}/`)).statusCode).toBe(200);
    expect((await request(guarded, `${target.origin}/`)).statusCode).toBe(200);
    expect(target.connections).toBe(1);
    // Idle past it, the socket is closed: the next request opens another.
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await request(guarded, `${target.origin}/`)).statusCode).toBe(200);
    expect(target.connections).toBe(2);
  });

  it('bounds the connections per origin', async () => {
    const target = await receiver((_request, response) => {
      setTimeout(() => response.writeHead(200).end('ok'), 30);
    });
    const guarded = agent({ policy: development, connectionsPerOrigin: 2 });
    const responses = await Promise.all(Array.from({ length: 6 }, () => request(guarded, `${target.origin}/`)));
    expect(responses.every((r) => r.statusCode === 200)).toBe(true);
    expect(target.connections).toBe(2);
  });
});
