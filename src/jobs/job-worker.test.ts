// The job worker: bounded concurrency per destination without claiming in vain while one is
// saturated, and its safety net (a job left blocked behind nothing still runs, and the log says so).
import { Kysely } from 'kysely';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { scratchDatabase, type ScratchDatabase } from '../../test/support/databases.ts';
import { openDatabase, type Store } from '../store/open-database.ts';
import { JobWorker, type JobWorkerOptions } from './job-worker.ts';
import { enqueueClaimedJob, enqueueJob } from './outbox.ts';
import { toCompanyId } from '../domain/ids.ts';

describe('JobWorker', () => {
  const opened: { store: Store; scratch: ScratchDatabase; worker?: JobWorker }[] = [];
  afterEach(async () => {
    for (const { store, scratch, worker } of opened.splice(0)) {
      await worker?.stop();
      await store.close();
      await scratch.drop();
    }
  });

  async function database() {
    const scratch = await scratchDatabase('sqlite');
    const store = await openDatabase({ kind: 'sqlite', file: scratch.url.slice('sqlite:'.length) });
    const entry: { store: Store; scratch: ScratchDatabase; worker?: JobWorker } = { store, scratch };
    opened.push(entry);
    return entry;
  }

  const base = (store: Store): Omit<JobWorkerOptions, 'handler'> => ({
    db: store.db,
    dialect: 'sqlite',
    queue: 'export',
    onCrash: () => ({ kind: 'dead', error: 'crashed' }),
    logger: pino({ level: 'silent' }),
    clock: () => new Date(),
    concurrency: 1,
    leaseMs: 10_000,
    pollMs: 20,
  });

  /** The same database through a Kysely that counts the claim's due-jobs query. */
  const countingClaims = (store: Store) => {
    let claims = 0;
    const db = store.db.withPlugin({
      transformQuery: (args) => {
        if (args.node.kind === 'SelectQueryNode' && JSON.stringify(args.node).includes('"blocked"')) claims++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    }) as Kysely<typeof store.db extends Kysely<infer D> ? D : never>;
    return { db, claims: () => claims };
  };

  const until = async (condition: () => boolean | Promise<boolean>) => {
    const deadline = Date.now() + 5_000;
    while (!(await condition()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  };

  it('never has more of one destination\'s jobs in flight than its limit, while others still run', async () => {
    const entry = await database();
    const { store } = entry;
    for (let i = 0; i < 30; i++) {
      await enqueueJob(store.db, { queue: 'export', companyId: toCompanyId('acme'), workflowId: null, target: i < 20 ? 'slow.example' : `other${i}.example`, payload: {} }, new Date());
    }
    const inFlight = new Map<string, number>();
    let most = 0;
    let done = 0;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    entry.worker = new JobWorker({
      ...base(store),
      concurrency: 32,
      perTargetConcurrency: 3,
      handler: async (job) => {
        const target = job.target!;
        inFlight.set(target, (inFlight.get(target) ?? 0) + 1);
        most = Math.max(most, inFlight.get('slow.example') ?? 0);
        if (target === 'slow.example') await released;
        inFlight.set(target, inFlight.get(target)! - 1);
        done++;
        return { resolution: { kind: 'succeeded' }, attempts: [] };
      },
    });
    entry.worker.start();
    await until(() => done >= 10);
    expect(done).toBe(10);
    expect(inFlight.get('slow.example')).toBe(3);
    release();
    await until(() => done >= 30);
    expect(done).toBe(30);
    expect(most).toBe(3);
  });

  it('claims about once per finished job while its only destination is saturated, not twice', async () => {
    const entry = await database();
    const { store } = entry;
    const { db: counted, claims } = countingClaims(store);
    const jobs = 60;
    for (let i = 0; i < jobs; i++) {
      await enqueueJob(store.db, { queue: 'export', companyId: toCompanyId('acme'), workflowId: null, orderingKey: `export:${i}`, target: 'busy.example', payload: {} }, new Date());
    }
    let done = 0;
    entry.worker = new JobWorker({
      ...base(store),
      db: counted,
      concurrency: 32,
      perTargetConcurrency: 4,
      pollMs: 10_000,
      handler: async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        done++;
        return { resolution: { kind: 'succeeded' }, attempts: [] };
      },
    });
    entry.worker.start();
    await until(() => done >= jobs);
    expect(done).toBe(jobs);
    // One claim per finished job gives the next; each excluding claim that finds nothing is not repeated.
    expect(claims()).toBeLessThan(jobs * 1.5);
  });

  it('claims once per job written here, not again after each job finishes', async () => {
    const entry = await database();
    const { store } = entry;
    const { db: counted, claims } = countingClaims(store);
    let done = 0;
    entry.worker = new JobWorker({
      ...base(store),
      db: counted,
      concurrency: 8,
      perTargetConcurrency: 8,
      pollMs: 10_000,
      handler: async () => {
        done++;
        return { resolution: { kind: 'succeeded' }, attempts: [] };
      },
    });
    entry.worker.start();
    await until(() => claims() >= 1);
    const jobs = 20;
    for (let i = 0; i < jobs; i++) {
      await enqueueJob(store.db, { queue: 'export', companyId: toCompanyId('acme'), workflowId: null, orderingKey: `export:${i}`, target: 'receiver.example', payload: {} }, new Date());
      entry.worker.wake();
      await until(() => done > i);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(done).toBe(jobs);
    // The first claim at start, then one per wake; none after a job finishes with nothing behind it.
    expect(claims()).toBe(1 + jobs);
  });

  it('runs a job written claimed with a reservation at once, without a claim, and holds the slot until then', async () => {
    const entry = await database();
    const { store } = entry;
    const { db: counted, claims } = countingClaims(store);
    const ran: number[] = [];
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    entry.worker = new JobWorker({
      ...base(store),
      db: counted,
      concurrency: 2,
      perTargetConcurrency: 1,
      pollMs: 10_000,
      handler: async (job) => {
        ran.push(job.id);
        await released;
        return { resolution: { kind: 'succeeded' }, attempts: [] };
      },
    });
    entry.worker.start();
    await until(() => claims() >= 1);
    const reservation = entry.worker.reserve('receiver.example')!;
    expect(reservation).not.toBeNull();
    // The destination's one slot is held: no second reservation for it, one for another.
    expect(entry.worker.reserve('receiver.example')).toBeNull();
    const other = entry.worker.reserve('other.example')!;
    expect(other).not.toBeNull();
    expect(entry.worker.reserve('third.example')).toBeNull(); // both slots held
    other.release();

    const job = await enqueueClaimedJob(store.db, { queue: 'export', companyId: toCompanyId('acme'), workflowId: null, orderingKey: 'export:1', target: 'receiver.example', payload: {} }, new Date(), reservation);
    expect(job).toMatchObject({ status: 'running', lease_owner: entry.worker.owner, attempts: 1 });
    const before = claims();
    reservation.adopt(job);
    await until(() => ran.length === 1);
    expect(ran).toEqual([job.id]);
    release();
    await until(async () => (await store.db.selectFrom('jobs').select('status').where('id', '=', job.id).executeTakeFirst())?.status === 'succeeded');
    expect(claims()).toBe(before);
  });

  it('still runs another destination\'s jobs at once, and the next of their key, while one destination is saturated', async () => {
    const entry = await database();
    const { store } = entry;
    for (let i = 0; i < 10; i++) {
      await enqueueJob(store.db, { queue: 'export', companyId: toCompanyId('acme'), workflowId: null, target: 'slow.example', payload: {} }, new Date());
    }
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const finished: string[] = [];
    entry.worker = new JobWorker({
      ...base(store),
      concurrency: 32,
      perTargetConcurrency: 2,
      pollMs: 10_000,
      handler: async (job) => {
        if (job.target === 'slow.example') await released;
        finished.push(JSON.parse(job.payload).name ?? job.target);
        return { resolution: { kind: 'succeeded' }, attempts: [] };
      },
    });
    entry.worker.start();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    for (const name of ['b1', 'b2']) {
      await enqueueJob(store.db, { queue: 'export', companyId: toCompanyId('acme'), workflowId: null, orderingKey: 'export:b', target: 'fast.example', payload: { name } }, new Date());
    }
    entry.worker.wake();
    await until(() => finished.includes('b2'));
    expect(finished).toEqual(['b1', 'b2']);
    expect(Date.now() - started).toBeLessThan(1_000);
    release();
  });

  it('runs a job left blocked behind no open job, and logs it', async () => {
    const entry = await database();
    const { store } = entry;
    const id = await enqueueJob(store.db, { queue: 'export', companyId: toCompanyId('acme'), workflowId: null, orderingKey: 'export:1', payload: {} }, new Date());
    await store.db.updateTable('jobs').set({ blocked: 1 }).where('id', '=', id).execute();

    const warnings: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(line) });
    const ran: number[] = [];
    entry.worker = new JobWorker({
      ...base(store),
      logger,
      handler: async (job) => {
        ran.push(job.id);
        return { resolution: { kind: 'succeeded' }, attempts: [] };
      },
    });
    entry.worker.start();
    await until(() => ran.length > 0);
    expect(ran).toEqual([id]);
    expect(warnings.join('')).toContain('jobs were blocked behind no open job; unblocked');
  });
});
