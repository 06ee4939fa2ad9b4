// A queue's declaration at work: jobs keyed and targeted from their payload, payloads checked
// when read back, a handler that throws retried a bounded number of times.
import { describe, expect, it } from 'vitest';
import { toCompanyId, toJobId, toWorkflowId } from '../domain/ids.ts';
import type { Job } from '../store/schema.ts';
import { handleQueue } from './queue.ts';
import { documentQueue, exportQueue, notifyQueue } from './queues.ts';

const scope = { companyId: toCompanyId('acme'), workflowId: toWorkflowId(42) };
const stored = (payload: unknown) => ({ id: toJobId(7), payload: JSON.stringify(payload) });

describe('queues', () => {
  it('key and target a job from its payload', () => {
    const event = { processId: 3, webhookId: 'msg_42_3_x', url: 'https://erp.example.com:8443/hook', payload: {} as never };
    expect(exportQueue.job(scope, event)).toMatchObject({
      queue: 'export',
      orderingKey: 'export:42',
      target: 'erp.example.com:8443',
      companyId: 'acme',
      workflowId: 42,
    });
    expect(documentQueue.job(scope, { action: 'produce' })).toMatchObject({ queue: 'document', orderingKey: 'document:42', target: null });
    const to = { name: '김민수', identity: 'kim@example.com', language: 'ko-KR' as const };
    expect(
      notifyQueue.job(scope, { kind: 'expiry-reminder', step: 1, to, signUrl: 'https://d.example.com/sign?token=t', expiresOn: '2026-12-31' }).orderingKey,
    ).toBe('reminder:42:2026-12-31');
    expect(notifyQueue.job(scope, { kind: 'resend', step: 1, to, signUrl: 'https://d.example.com/sign?token=t' }).orderingKey).toBeNull();
  });

  it('read back only what their jobs carry', () => {
    expect(documentQueue.read(stored({ action: 'remove' }))).toEqual({ action: 'remove' });
    expect(() => documentQueue.read(stored({ action: 'shred' }))).toThrow(/job 7 does not carry a document payload: \/action/);
    expect(() => notifyQueue.read(stored({ kind: 'otp', step: 1, to: { name: 'x', identity: 'y', language: 'fr-FR' }, code: '1', validMinutes: 5 }))).toThrow(
      /notify payload/,
    );
  });

  it('give a throwing handler a bounded number of tries', () => {
    const now = new Date('2026-12-07T00:00:00.000Z');
    expect(documentQueue.onCrash({ attempts: 2 }, new Error('database went away'), now)).toEqual({
      kind: 'retry',
      at: new Date(now.getTime() + 120_000),
      error: 'database went away',
    });
    expect(documentQueue.onCrash({ attempts: 20 }, new Error('database went away'), now)).toEqual({
      kind: 'dead',
      error: 'database went away (the handler failed 20 times)',
    });
  });

  it('end a job whose payload does not match as dead, without calling the handler', async () => {
    let called = false;
    const handler = handleQueue(
      documentQueue,
      async () => {
        called = true;
        return { resolution: { kind: 'succeeded' }, attempts: [] };
      },
      () => new Date(),
    );
    const outcome = await handler({ ...stored('not even an object'), attempts: 1 } as Job, new AbortController().signal);
    expect(called).toBe(false);
    expect(outcome.resolution).toMatchObject({ kind: 'dead', error: expect.stringMatching(/does not carry a document payload/) });
    const broken = await handler({ id: toJobId(8), payload: '{', attempts: 1 } as Job, new AbortController().signal);
    expect(broken.resolution.kind).toBe('dead');
  });
});
