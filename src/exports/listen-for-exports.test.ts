import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createAddressPolicy } from './address-policy.ts';
import { deliverExport } from './deliver-export.ts';
import { WebhookSecretError } from './export-errors.ts';
import { GuardedAgent } from './guarded-agent.ts';
import { listenForExports } from './listen-for-exports.ts';
import { generateWebhookSecret } from './webhook-signature.ts';
import { cleanUpAfterEachTest } from './test-support/after-each-test.ts';

const payload = {
  header: { api_name: 'export', session_id: 'S1001', request_code: 'embed' },
  body: {
    wfluid: 'T42',
    clientid: 'C9',
    processid: '1',
    requestid: 'embed',
    actionid: '1',
    workdatetime: '2026-12-01 00:30:05.25',
    worktype: 'CF',
    wfuid: '1001',
    useremail: 'kim@example.com',
    opinion: '확인했습니다',
    status: 'Playing',
    customer: '홍길동',
    next_user_name: '이영희',
  },
};

const cleanUp = cleanUpAfterEachTest();

async function listen(secret?: string): Promise<{ origin: string; output: () => string }> {
  const written: string[] = [];
  const server: Server = await listenForExports({
    port: 0,
    host: '127.0.0.1',
    secret,
    out: { write: (text: string) => written.push(text) },
    now: () => new Date(2026, 11, 1, 9, 30, 5),
  });
  cleanUp(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, output: () => written.join('') };
}

async function post(origin: string, secrets: string[]): Promise<number | undefined> {
  const agent = new GuardedAgent({ policy: createAddressPolicy({ allowLoopback: true }) });
  cleanUp(() => agent.close());
  const outcome = await deliverExport({
    url: `${origin}/hooks`,
    body: JSON.stringify(payload),
    authorization: 'Bearer abc',
    webhookId: 'msg_listen_1',
    timestamp: new Date(),
    secrets,
    agent,
  });
  return outcome.statusCode;
}

describe('listenForExports', () => {
  it('verifies a signed export and prints it readably, Korean intact', async () => {
    const secret = generateWebhookSecret();
    const listener = await listen(secret);
    expect(await post(listener.origin, [secret])).toBe(200);
    const output = listener.output();
    expect(output).toContain('Listening for Dojang exports on http://127.0.0.1:');
    expect(output).toContain('2026-12-01 09:30:05  CF  Playing  wfuid=1001  processid=1  ✔ verified  (POST /hooks  msg_listen_1)');
    expect(output).toContain('    opinion         확인했습니다\n');
    expect(output).toContain('    customer        홍길동\n');
    expect(output).toContain('    next_user_name  이영희\n');
    expect(output).not.toContain('\\u');
    expect(output).not.toContain('Bearer abc');
    expect(output).not.toContain(secret);
  });

  it('verifies with the previous secret while a rotation sends both', async () => {
    const previous = generateWebhookSecret();
    const listener = await listen(previous);
    expect(await post(listener.origin, [generateWebhookSecret(), previous])).toBe(200);
    expect(listener.output()).toContain('✔ verified');
  });

  it('says so when the signature does not match, and still answers 200', async () => {
    const listener = await listen(generateWebhookSecret());
    expect(await post(listener.origin, [generateWebhookSecret()])).toBe(200);
    expect(listener.output()).toContain('✘ bad signature (No matching signature found)');
  });

  it('prints without checking when no secret is given', async () => {
    const listener = await listen();
    expect(await post(listener.origin, [generateWebhookSecret()])).toBe(200);
    expect(listener.output()).toContain('no --secret: signatures not checked');
    expect(listener.output()).toContain('CF  Playing  wfuid=1001  processid=1  · signature not checked');
  });

  it('prints a body that is not an export as it came', async () => {
    const listener = await listen();
    const response = await fetch(`${listener.origin}/x`, { method: 'POST', body: 'hello 세계' });
    expect(response.status).toBe(200);
    expect(listener.output()).toContain('POST /x  · signature not checked (no --secret)\nhello 세계\n');
  });

  it('answers 405 to anything but POST', async () => {
    const listener = await listen();
    const response = await fetch(listener.origin);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('refuses a malformed secret at start', async () => {
    await expect(listenForExports({ port: 0, secret: 'not-a-secret', out: { write: () => true } })).rejects.toBeInstanceOf(WebhookSecretError);
  });
});
