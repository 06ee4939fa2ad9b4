// The job worker's safety net: a job left blocked behind nothing still runs, and the log says so.
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { scratchDatabase, type ScratchDatabase } from '../../test/support/databases.ts';
import { openDatabase, type Store } from '../store/open-database.ts';
import { JobWorker } from './job-worker.ts';
import { enqueueJob } from './outbox.ts';

describe('JobWorker', () => {
  const opened: { store: Store; scratch: ScratchDatabase; worker?: JobWorker }[] = [];
  afterEach(async () => {
    for (const { store, scratch, worker } of opened.splice(0)) {
      await worker?.stop();
      await store.close();
      await scratch.drop();
    }
  });

  it('runs a job left blocked behind no open job, and logs it', async () => {
    const scratch = await scratchDatabase('sqlite');
    const store = await openDatabase({ kind: 'sqlite', file: scratch.url.slice('sqlite:'.length) });
    const entry: { store: Store; scratch: ScratchDatabase; worker?: JobWorker } = { store, scratch };
    opened.push(entry);
    const id = await enqueueJob(store.db, { queue: 'export', companyId: 'acme', workflowId: null, orderingKey: 'export:1', payload: {} }, new Date());
    await store.db.updateTable('jobs').set({ blocked: 1 }).where('id', '=', id).execute();

    const warnings: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(line) });
    const ran: number[] = [];
    entry.worker = new JobWorker({
      db: store.db,
      dialect: 'sqlite',
      queue: 'export',
      handler: async (job) => {
        ran.push(job.id);
        return { resolution: { kind: 'succeeded' }, attempts: [] };
      },
      onCrash: () => ({ kind: 'dead', error: 'crashed' }),
      logger,
      clock: () => new Date(),
      concurrency: 1,
      leaseMs: 10_000,
      pollMs: 20,
    });
    entry.worker.start();
    const deadline = Date.now() + 5_000;
    while (ran.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(ran).toEqual([id]);
    expect(warnings.join('')).toContain('jobs were blocked behind no open job; unblocked');
  });
});
