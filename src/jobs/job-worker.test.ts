// The job worker: bounded concurrency per destination without claiming in vain while one is
// saturated, and its safety net (a job left blocked behind nothing still runs, and the log says so).
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { scratchDatabase, type ScratchDatabase } from '../../test/support/databases.ts';
import { openDatabase, type Store } from '../store/open-database.ts';
import { JobWorker, type JobWorkerOptions } from './job-worker.ts';
import { enqueueClaimedJob, enqueueJob } from './outbox.ts';
import { toTimestamp } from '../domain/time.ts';
import { toCompanyId, type JobId } from '../domain/ids.ts';

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

  /**
   * The same database through a Kysely that counts the queries of one kind naming one word (a
   * plugin sees the queries built per call; prepared ones, compiled once, pass it by).
   */
  const countingQueries = (store: Store, kind: 'SelectQueryNode' | 'InsertQueryNode', word: string) => {
    let count = 0;
    const db = store.db.withPlugin({
      transformQuery: (args) => {
        if (args.node.kind === kind && JSON.stringify(args.node).includes(`"${word}"`)) count++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    }) as typeof store.db;
    return { db, count: () => count };
  };
  /** The claim's due-jobs query. */
  const countingClaims = (store: Store) => {
    const { db, count } = countingQueries(store, 'SelectQueryNode', 'blocked');
    return { db, claims: count };
  };

  /** An export job for `target`, one at a time with the others of `key` (none: in no line), written now. */
  const writeJob = (store: Store, target: string | null, key: string | null = null, payload: object = {}) =>
    enqueueJob(store.db, { queue: 'export', companyId: toCompanyId('acme'), workflowId: null, orderingKey: key, target, payload }, new Date());

  const until = async (condition: () => boolean | Promise<boolean>) => {
    const deadline = Date.now() + 5_000;
    while (!(await condition()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  };

  it("never has more of one destination's jobs in flight than its limit, while others still run", async () => {
    const entry = await database();
    const { store } = entry;
    for (let i = 0; i < 30; i++) {
      await writeJob(store, i < 20 ? 'slow.example' : `other${i}.example`);
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

  it("claims a destination's backlog 16 at a time, the jobs beyond its limit waiting in the worker", async () => {
    const entry = await database();
    const { store } = entry;
    const { db: counted, claims } = countingClaims(store);
    const jobs = 60;
    for (let i = 0; i < jobs; i++) {
      await writeJob(store, 'busy.example', `export:${i}`);
    }
    let done = 0;
    let inFlight = 0;
    let most = 0;
    entry.worker = new JobWorker({
      ...base(store),
      db: counted,
      concurrency: 32,
      perTargetConcurrency: 4,
      pollMs: 10_000,
      handler: async () => {
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight--;
        done++;
        return { resolution: { kind: 'succeeded' }, attempts: [] };
      },
    });
    entry.worker.start();
    await until(() => done >= jobs);
    expect(done).toBe(jobs);
    expect(most).toBe(4);
    // Taking only the destination's room was a claim per finished job (60 and more).
    expect(claims()).toBeLessThanOrEqual(Math.ceil(jobs / 16) * 2 + 2);
  });

  it('makes no claim for the next job of a key while its destination is at its limit', async () => {
    const entry = await database();
    const { store } = entry;
    const { db: counted, claims } = countingClaims(store);
    // A receiver's backlog, as after an outage: each workflow's events one after another.
    const workflows = 20;
    const perWorkflow = 3;
    for (let n = 0; n < perWorkflow; n++) {
      for (let w = 0; w < workflows; w++) {
        await writeJob(store, 'busy.example', `export:${w}`);
      }
    }
    const ran = new Map<string, number>();
    let done = 0;
    entry.worker = new JobWorker({
      ...base(store),
      db: counted,
      concurrency: 32,
      perTargetConcurrency: 2,
      pollMs: 10_000,
      handler: async (job) => {
        ran.set(job.ordering_key!, (ran.get(job.ordering_key!) ?? 0) + 1);
        await new Promise((resolve) => setTimeout(resolve, 2));
        done++;
        return { resolution: { kind: 'succeeded' }, attempts: [] };
      },
    });
    entry.worker.start();
    await until(() => done >= workflows * perWorkflow);
    expect(done).toBe(workflows * perWorkflow);
    expect([...ran.values()].every((count) => count === perWorkflow)).toBe(true);
    // Each finished job frees the next of its workflow: a claim for each, skipping the saturated
    // receiver's due jobs to find nothing, was one claim per job (60 and more).
    expect(claims()).toBeLessThan(workflows * perWorkflow * 0.5);
  });

  it('still claims a retry when it comes due while the worker is woken all the time', async () => {
    const entry = await database();
    const { store } = entry;
    const attempts: number[] = [];
    let retryAt = 0;
    entry.worker = new JobWorker({
      ...base(store),
      concurrency: 4,
      perTargetConcurrency: 2,
      pollMs: 100,
      handler: async (job) => {
        if (job.target !== 'down.example') return { resolution: { kind: 'succeeded' }, attempts: [] };
        attempts.push(Date.now());
        if (attempts.length > 1) return { resolution: { kind: 'succeeded' }, attempts: [] };
        retryAt = Date.now() + 300;
        return { resolution: { kind: 'retry', at: new Date(retryAt), error: 'HTTP 503' }, attempts: [] };
      },
    });
    await writeJob(store, 'down.example', 'export:down');
    entry.worker.start();
    await until(() => attempts.length === 1);
    // Jobs adopted here and finished every few milliseconds, each waking the worker (no claim of their own).
    // Long enough for a loaded machine; the loop ends as soon as the retry is attempted.
    const busyUntil = Date.now() + 3000;
    for (let i = 0; Date.now() < busyUntil && attempts.length < 2; i++) {
      (await adopted(store, entry.worker, `export:busy-${i}`, 'busy.example')).adopt();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(attempts.length).toBe(2);
    expect(attempts[1]! - retryAt).toBeLessThan(500);
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
      await writeJob(store, 'receiver.example', `export:${i}`);
      entry.worker.wake();
      await until(() => done > i);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(done).toBe(jobs);
    // The first claim at start, then one per wake; none after a job finishes with nothing behind it.
    expect(claims()).toBe(1 + jobs);
  });

  it('claims nothing for jobs written for a destination at its limit, and takes them once it has room', async () => {
    const entry = await database();
    const { store } = entry;
    const { db: counted, claims } = countingClaims(store);
    let done = 0;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    entry.worker = new JobWorker({
      ...base(store),
      db: counted,
      concurrency: 32,
      perTargetConcurrency: 2,
      pollMs: 10_000,
      handler: async () => {
        await released;
        done++;
        return { resolution: { kind: 'succeeded' }, attempts: [] };
      },
    });
    const write = (i: number) => writeJob(store, 'busy.example', `export:${i}`);
    entry.worker.start();
    await until(() => claims() >= 1);
    await write(0);
    await write(1);
    entry.worker.wake(['busy.example']);
    await until(() => claims() >= 2);
    // Both run, the destination is at its limit: one claim excluding it finds nothing, and then no more.
    const before = claims();
    for (let i = 2; i < 22; i++) {
      await write(i);
      entry.worker.wake(['busy.example']);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(claims() - before).toBeLessThanOrEqual(1);
    release();
    await until(() => done >= 22);
    expect(done).toBe(22);
  });

  const adopted = async (store: Store, worker: JobWorker, key: string, target = 'receiver.example') => {
    const reservation = worker.reserve(target)!;
    expect(reservation).not.toBeNull();
    const job = await enqueueClaimedJob(
      store.db,
      { queue: 'export', companyId: toCompanyId('acme'), workflowId: null, orderingKey: key, target, payload: {} },
      new Date(),
      reservation,
    );
    expect(job).toMatchObject({ status: 'running', lease_owner: worker.owner, attempts: 1 });
    return { job, adopt: () => reservation.adopt(job) };
  };
  const statusOf = async (store: Store, id: JobId) => store.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('runs jobs written claimed without a claim, as their destination has room, in the order written', async () => {
    const entry = await database();
    const { store } = entry;
    const { db: counted, claims } = countingClaims(store);
    const ran: number[] = [];
    const finish: (() => void)[] = [];
    entry.worker = new JobWorker({
      ...base(store),
      db: counted,
      concurrency: 2,
      perTargetConcurrency: 1,
      pollMs: 10_000,
      handler: async (job) => {
        ran.push(job.id);
        await new Promise<void>((resolve) => finish.push(resolve));
        return { resolution: { kind: 'succeeded' }, attempts: [] };
      },
    });
    entry.worker.start();
    await until(() => claims() >= 1);
    const before = claims();
    // More than the destination's one slot: the rest wait in the worker, not in a claim.
    const jobs = [
      await adopted(store, entry.worker, 'export:1'),
      await adopted(store, entry.worker, 'export:2'),
      await adopted(store, entry.worker, 'export:3'),
    ];
    for (const { adopt } of jobs) adopt();
    const other = await adopted(store, entry.worker, 'export:4', 'other.example');
    other.adopt();
    await until(() => ran.length === 2);
    expect(ran).toEqual([jobs[0]!.job.id, other.job.id]);
    finish.shift()!(); // the receiver's first job: its second starts
    finish.shift()!(); // the other destination's
    await until(() => ran.length === 3);
    finish.shift()!();
    await until(() => ran.length === 4);
    finish.shift()!();
    expect(ran).toEqual([jobs[0]!.job.id, other.job.id, jobs[1]!.job.id, jobs[2]!.job.id]);
    await until(async () => (await statusOf(store, jobs[2]!.job.id)).status === 'succeeded');
    expect(claims()).toBe(before);
  });

  it('holds 256 adopted jobs per slot of a destination; beyond, a change writes its job for any worker', async () => {
    const entry = await database();
    const { store } = entry;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    entry.worker = new JobWorker({
      ...base(store),
      concurrency: 2,
      perTargetConcurrency: 1,
      pollMs: 10_000,
      handler: async () => {
        await released;
        return { resolution: { kind: 'succeeded' }, attempts: [] };
      },
    });
    entry.worker.start();
    try {
      // One running in the destination's slot, 256 waiting behind it.
      for (let i = 0; i <= 256; i++) (await adopted(store, entry.worker, `export:${i}`)).adopt();
      expect(entry.worker.reserve('receiver.example')).toBeNull();
      expect(entry.worker.reserve('other.example')).not.toBeNull();
    } finally {
      // Even when an expectation failed, so the worker's stop is not left waiting on the handler.
      release();
    }
  });

  it("frees a destination's slot when the attempt is over, before its outcome is written", async () => {
    const entry = await database();
    const { store } = entry;
    // The worker's transactions (its claims and its outcomes) wait until the test lets them go.
    let letGo!: () => void;
    const gate = new Promise<void>((resolve) => (letGo = resolve));
    const db = store.db.withPlugin({ transformQuery: (args) => args.node, transformResult: async (args) => args.result }) as typeof store.db;
    const transaction = db.transaction.bind(db);
    db.transaction = () => {
      const builder = transaction();
      const execute = builder.execute.bind(builder);
      builder.execute = async (work) => {
        await gate;
        return execute(work);
      };
      return builder;
    };
    const ran: number[] = [];
    entry.worker = new JobWorker({
      ...base(store),
      db,
      concurrency: 4,
      perTargetConcurrency: 1,
      pollMs: 10_000,
      handler: async (job) => {
        ran.push(job.id);
        return { resolution: { kind: 'succeeded' }, attempts: [] };
      },
    });
    entry.worker.start();
    const jobs = [await adopted(store, entry.worker, 'export:1'), await adopted(store, entry.worker, 'export:2')];
    for (const { adopt } of jobs) adopt();
    try {
      // The second job's attempt runs while the first one's outcome waits to be written.
      await until(() => ran.length === 2);
      expect(ran).toEqual(jobs.map(({ job }) => job.id));
      expect((await statusOf(store, jobs[0]!.job.id)).status).toBe('running');
    } finally {
      letGo();
    }
    await until(async () => (await statusOf(store, jobs[1]!.job.id)).status === 'succeeded');
    expect((await statusOf(store, jobs[0]!.job.id)).status).toBe('succeeded');
  });

  it('writes the outcomes of jobs finishing together in one transaction', async () => {
    const entry = await database();
    const { store } = entry;
    // Every transaction of the worker's is a claim (each runs the due-jobs query once) or a group of outcomes.
    const { db, claims } = countingClaims(store);
    let transactions = 0;
    const transaction = db.transaction.bind(db);
    db.transaction = () => {
      transactions++;
      return transaction();
    };
    let go!: () => void;
    const together = new Promise<void>((resolve) => (go = resolve));
    const started: number[] = [];
    entry.worker = new JobWorker({
      ...base(store),
      db,
      concurrency: 8,
      pollMs: 10_000,
      handler: async (job) => {
        started.push(job.id);
        await together;
        return { resolution: { kind: 'succeeded' }, attempts: [{ startedAt: new Date(), durationMs: 1, ok: true, statusCode: 200 }] };
      },
    });
    entry.worker.start();
    const jobs = [];
    for (let i = 0; i < 8; i++) jobs.push(await adopted(store, entry.worker, `export:${i}`, `r${i}.example`));
    for (const { adopt } of jobs) adopt();
    await until(() => started.length === 8);
    const [transactionsBefore, claimsBefore] = [transactions, claims()];
    go();
    await until(async () => (await store.db.selectFrom('jobs').select('id').where('status', '=', 'succeeded').execute()).length === 8);
    expect(transactions - transactionsBefore - (claims() - claimsBefore)).toBe(1);
    expect(await store.db.selectFrom('job_attempts').select('job_id').orderBy('job_id').execute()).toEqual(jobs.map(({ job }) => ({ job_id: job.id })));
  });

  it('gives adopted jobs that never started back to any worker when it stops', async () => {
    const entry = await database();
    const { store } = entry;
    let finish!: () => void;
    const ran: number[] = [];
    const worker = new JobWorker({
      ...base(store),
      concurrency: 1,
      pollMs: 10_000,
      handler: async (job) => {
        ran.push(job.id);
        await new Promise<void>((resolve) => (finish = resolve));
        return { resolution: { kind: 'succeeded' }, attempts: [] };
      },
    });
    worker.start();
    const first = await adopted(store, worker, 'export:1');
    const second = await adopted(store, worker, 'export:2');
    const reservedBeforeStop = worker.reserve('receiver.example')!;
    first.adopt();
    second.adopt();
    await until(() => ran.length === 1);
    const stopped = worker.stop();
    finish();
    await stopped;
    expect(ran).toEqual([first.job.id]);
    expect(await statusOf(store, first.job.id)).toMatchObject({ status: 'succeeded' });
    expect(await statusOf(store, second.job.id)).toMatchObject({ status: 'pending', lease_owner: null, lease_expires_at: null, attempts: 0 });
    // A change that committed after the worker stopped: its job goes back at once too.
    expect(worker.reserve('receiver.example')).toBeNull();
    const late = await enqueueClaimedJob(
      store.db,
      { queue: 'export', companyId: toCompanyId('acme'), workflowId: null, orderingKey: 'export:3', target: 'receiver.example', payload: {} },
      new Date(),
      reservedBeforeStop,
    );
    reservedBeforeStop.adopt(late);
    await until(async () => (await statusOf(store, late.id)).status === 'pending');
    expect(await statusOf(store, late.id)).toMatchObject({ status: 'pending', lease_owner: null, attempts: 0 });
  });

  it('renews the lease of a job that waited long, and leaves one whose lease another worker took', async () => {
    const entry = await database();
    const { store } = entry;
    const ran: number[] = [];
    const leaseWhileRunning = new Map<number, string | null>();
    entry.worker = new JobWorker({
      ...base(store),
      pollMs: 10_000,
      handler: async (job) => {
        ran.push(job.id);
        leaseWhileRunning.set(job.id, (await statusOf(store, job.id)).lease_expires_at);
        return { resolution: { kind: 'succeeded' }, attempts: [] };
      },
    });
    entry.worker.start();
    const short = await adopted(store, entry.worker, 'export:1');
    const taken = await adopted(store, entry.worker, 'export:2');
    const soon = toTimestamp(new Date(Date.now() + 1_000));
    await store.db.updateTable('jobs').set({ lease_expires_at: soon }).where('id', '=', short.job.id).execute();
    // The other ran out while it waited, and another worker claimed it.
    await store.db.updateTable('jobs').set({ lease_owner: 'another-worker' }).where('id', '=', taken.job.id).execute();
    // What the worker holds says so too (as it would after a long wait).
    short.job.lease_expires_at = soon;
    taken.job.lease_expires_at = toTimestamp(new Date(Date.now() - 1_000));
    short.adopt();
    taken.adopt();
    await until(async () => (await statusOf(store, short.job.id)).status === 'succeeded');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ran).toEqual([short.job.id]);
    // Renewed to a whole lease (10 s) before the attempt, not run on the second that was left.
    expect(Date.parse(leaseWhileRunning.get(short.job.id)!)).toBeGreaterThan(Date.parse(soon) + 5_000);
    expect(await statusOf(store, taken.job.id)).toMatchObject({ status: 'running', lease_owner: 'another-worker' });
  });

  it("still runs another destination's jobs at once, and the next of their key, while one destination is saturated", async () => {
    const entry = await database();
    const { store } = entry;
    for (let i = 0; i < 10; i++) {
      await writeJob(store, 'slow.example');
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
      await writeJob(store, 'fast.example', 'export:b', { name });
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
    const id = await writeJob(store, null, 'export:1');
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
