// The outbox's order per ordering key, and the `blocked` flag that lets the claim query walk
// only jobs that may run (migration 0004), on SQLite and PostgreSQL.
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type KyselyPlugin } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { scratchDatabase, scratchStores, testDatabases } from '../../test/support/databases.ts';
import { migrationProvider } from '../store/migrations.ts';
import type { Store } from '../store/open-database.ts';
import type { Database, Job } from '../store/schema.ts';
import { claimJobs, enqueueClaimedJob, enqueueJob, requeueJob, resolveJob, unblockStrandedJobs, type ClaimOptions } from './outbox.ts';
import { toCompanyId } from '../domain/ids.ts';

describe.each(testDatabases())('the outbox on %s', (kind) => {
  const stores = scratchStores(kind);
  afterEach(() => stores.closeAll());
  const database = async () => (await stores.open()).store;

  const t0 = new Date('2026-12-01T00:00:00.000Z');
  const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
  const enqueue = (db: Kysely<Database>, key: string | null, when = t0) =>
    enqueueJob(db, { queue: 'export', companyId: toCompanyId('acme'), workflowId: null, orderingKey: key, target: 'receiver.example', payload: { key } }, when);
  const claim = (store: Store, now = t0, extra: Partial<ClaimOptions> = {}) =>
    claimJobs(store.db, store.dialect, { queue: 'export', owner: 'w1', limit: 16, leaseMs: 30_000, now, ...extra });
  const ids = (jobs: Job[]) => jobs.map((j) => j.id).sort((a, b) => a - b);

  /** `blocked` must say exactly whether an earlier job of the same key is open. */
  async function expectFlagsRight(db: Kysely<Database>): Promise<void> {
    const open = await db.selectFrom('jobs').selectAll().where('status', 'in', ['pending', 'running']).orderBy('id').execute();
    for (const job of open) {
      const earlierOpen = open.some((o) => job.ordering_key !== null && o.ordering_key === job.ordering_key && o.id < job.id);
      expect({ id: job.id, blocked: job.blocked }).toEqual({ id: job.id, blocked: earlierOpen ? 1 : 0 });
    }
  }

  it("runs a key's jobs one at a time in id order; a retry keeps the rest waiting, success or death lets the next go", async () => {
    const store = await database();
    const [a1, a2, a3] = [await enqueue(store.db, 'export:1'), await enqueue(store.db, 'export:1'), await enqueue(store.db, 'export:1')];
    const b1 = await enqueue(store.db, 'export:2');
    const loose = await enqueue(store.db, null);
    await expectFlagsRight(store.db);

    const first = await claim(store);
    expect(ids(first)).toEqual([a1, b1, loose]);
    const jobA1 = first.find((j) => j.id === a1)!;
    expect(await resolveJob(store.db, jobA1, 'w1', { kind: 'retry', at: at(5), error: 'HTTP 500' }, [], t0)).toEqual({ took: true, unblocked: null });
    expect(await claim(store, at(1))).toEqual([]);
    await expectFlagsRight(store.db);

    const again = await claim(store, at(6));
    expect(ids(again)).toEqual([a1]);
    expect(await resolveJob(store.db, again[0]!, 'w1', { kind: 'succeeded' }, [], at(6))).toEqual({ took: true, unblocked: { target: 'receiver.example' } });
    await expectFlagsRight(store.db);
    const second = await claim(store, at(6));
    expect(ids(second)).toEqual([a2]);
    expect(await resolveJob(store.db, second[0]!, 'w1', { kind: 'dead', error: 'HTTP 410' }, [], at(6))).toEqual({
      took: true,
      unblocked: { target: 'receiver.example' },
    });
    const third = await claim(store, at(6));
    expect(ids(third)).toEqual([a3]);
    expect(await resolveJob(store.db, third[0]!, 'w1', { kind: 'succeeded' }, [], at(6))).toEqual({ took: true, unblocked: null });
    await expectFlagsRight(store.db);
  });

  it('takes over jobs whose lease ran out only when asked to look for them', async () => {
    const store = await database();
    const job = await enqueue(store.db, 'export:1');
    expect(ids(await claim(store))).toEqual([job]);
    const afterLease = at(31);
    expect(await claim(store, afterLease, { includeExpired: false })).toEqual([]);
    const takenOver = await claim(store, afterLease, { owner: 'w2' });
    expect(takenOver.map((j) => [j.id, j.lease_owner, j.attempts])).toEqual([[job, 'w2', 2]]);
  });

  it('puts an event sent again before the ones of its key still waiting', async () => {
    const store = await database();
    const a1 = await enqueue(store.db, 'export:1');
    const [job1] = await claim(store);
    await resolveJob(store.db, job1!, 'w1', { kind: 'succeeded' }, [], t0);
    const a2 = await enqueue(store.db, 'export:1');
    const a3 = await enqueue(store.db, 'export:1');
    await expectFlagsRight(store.db);

    expect(await requeueJob(store.db, a1, at(1))).toBe(true);
    await expectFlagsRight(store.db);
    expect(ids(await claim(store, at(1)))).toEqual([a1]);
    expect(await requeueJob(store.db, a1, at(1))).toBe(false);
    const running = await store.db.selectFrom('jobs').selectAll().where('id', '=', a1).executeTakeFirstOrThrow();
    await resolveJob(store.db, running, 'w1', { kind: 'succeeded' }, [], at(2));
    expect(ids(await claim(store, at(2)))).toEqual([a2]);
    void a3;
  });

  it('claims exactly what the ordering rule allows, whatever happens in between', async () => {
    const store = await database();
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    let clock = 0;
    const held: Job[] = [];
    for (let step = 0; step < 300; step++) {
      clock += 1;
      const now = at(clock);
      const action = random();
      if (action < 0.35) {
        await enqueue(store.db, pick(['export:1', 'export:2', 'export:3', null]), now);
      } else if (action < 0.6) {
        // What may run now, by the rule itself: due, and no earlier open job of its key.
        const jobs = await store.db.selectFrom('jobs').selectAll().orderBy('id').execute();
        const open = jobs.filter((j) => j.status === 'pending' || j.status === 'running');
        const allowed = open
          .filter((j) => (j.status === 'pending' ? j.run_at <= now.toISOString() : j.lease_expires_at! <= now.toISOString()))
          .filter((j) => j.ordering_key === null || !open.some((o) => o.ordering_key === j.ordering_key && o.id < j.id))
          .map((j) => j.id);
        const limit = 1 + Math.floor(random() * 4);
        const claimed = await claim(store, now, { limit });
        for (const id of ids(claimed)) expect(allowed).toContain(id);
        expect(claimed.length).toBe(Math.min(limit, allowed.length));
        held.push(...claimed);
      } else if (action < 0.85 && held.length > 0) {
        const job = held.splice(Math.floor(random() * held.length), 1)[0]!;
        const outcome = random();
        await resolveJob(
          store.db,
          job,
          'w1',
          outcome < 0.5
            ? { kind: 'succeeded' }
            : outcome < 0.8
              ? { kind: 'retry', at: at(clock + Math.floor(random() * 3)), error: 'x' }
              : { kind: 'dead', error: 'x' },
          [],
          now,
        );
      } else if (action < 0.93) {
        const finished = await store.db.selectFrom('jobs').select('id').where('status', 'in', ['succeeded', 'dead']).execute();
        if (finished.length > 0) await requeueJob(store.db, pick(finished).id, now);
      } else {
        // A worker died: its jobs' leases run out and they are claimed again.
        clock += 31;
        held.length = 0;
      }
      await expectFlagsRight(store.db);
    }
  });

  it('writes a reserved job claimed when it is first in line, and waiting for any worker behind an open job of its key', async () => {
    const store = await database();
    const reserved = (key: string) =>
      enqueueClaimedJob(
        store.db,
        { queue: 'export', companyId: toCompanyId('acme'), workflowId: null, orderingKey: key, target: 'receiver.example', payload: { key } },
        t0,
        { owner: 'w1', leaseMs: 30_000 },
      );
    await enqueue(store.db, 'export:1');
    const behind = await reserved('export:1');
    const first = await reserved('export:2');
    expect(behind).toMatchObject({ status: 'pending', blocked: 1, attempts: 0, lease_owner: null, lease_expires_at: null });
    expect(first).toMatchObject({ status: 'running', blocked: 0, attempts: 1, lease_owner: 'w1', lease_expires_at: at(30).toISOString() });
    // Each as it was written.
    for (const job of [behind, first]) expect(await store.db.selectFrom('jobs').selectAll().where('id', '=', job.id).executeTakeFirst()).toEqual(job);
    await expectFlagsRight(store.db);
  });

  it('never leaves a job blocked behind one finished while it was being written', async () => {
    const store = await database();
    const first = await enqueue(store.db, 'export:1');
    const [running] = await claim(store);

    // A resolveJob paused between finishing the first job and committing; the enqueue waits for it.
    let pause!: () => void;
    const paused = new Promise<void>((resolve) => (pause = resolve));
    let resume!: () => void;
    const resumed = new Promise<void>((resolve) => (resume = resolve));
    const pauseAfterFinishing: KyselyPlugin = {
      transformQuery: (args) => args.node,
      async transformResult(args) {
        if (args.result.numAffectedRows === 1n && !('blocked' in (args.result.rows[0] ?? {}))) {
          pause();
          await resumed;
        }
        return args.result;
      },
    };
    const resolving = resolveJob(store.db.withPlugin(pauseAfterFinishing), running!, 'w1', { kind: 'succeeded' }, [], t0);
    await paused;
    const enqueuing = enqueue(store.db, 'export:1');
    await new Promise((resolve) => setTimeout(resolve, 100));
    resume();
    await resolving;
    const second = await enqueuing;
    await expectFlagsRight(store.db);
    expect(ids(await claim(store))).toEqual([second]);
    expect(first).toBeLessThan(second);
  });

  it('never leaves a job blocked when the one before it finishes while it is being written', async () => {
    const store = await database();
    await enqueue(store.db, 'export:1');
    const [running] = await claim(store);

    // An enqueue holding its transaction open; resolveJob waits for it, then must see its job.
    let written!: () => void;
    const isWritten = new Promise<void>((resolve) => (written = resolve));
    let commit!: () => void;
    const committing = new Promise<void>((resolve) => (commit = resolve));
    let second = 0;
    const enqueuing = store.db.transaction().execute(async (trx) => {
      second = await enqueue(trx, 'export:1');
      written();
      await committing;
    });
    await isWritten;
    const resolving = resolveJob(store.db, running!, 'w1', { kind: 'succeeded' }, [], t0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    commit();
    await enqueuing;
    await resolving;
    await expectFlagsRight(store.db);
    expect(ids(await claim(store))).toEqual([second]);
  });

  it('unblocks a job left blocked behind nothing', async () => {
    const store = await database();
    await enqueue(store.db, 'export:1');
    const stranded = await enqueue(store.db, 'export:2');
    await store.db.updateTable('jobs').set({ blocked: 1 }).where('id', '=', stranded).execute();
    expect(await unblockStrandedJobs(store.db, 'export')).toBe(1);
    await expectFlagsRight(store.db);
    expect(await unblockStrandedJobs(store.db, 'export')).toBe(0);
  });

  it('migration 0004 blocks the jobs already waiting behind another', async () => {
    const scratch = await scratchDatabase(kind);
    const db = new Kysely<Database>({
      dialect:
        kind === 'sqlite'
          ? new SqliteDialect({ database: new SQLite(scratch.url.slice('sqlite:'.length)) })
          : new PostgresDialect({ pool: new pg.Pool({ connectionString: scratch.url, max: 1 }) }),
    });
    stores.track({ close: () => db.destroy() }, scratch);
    // A database as it was before 0004, with jobs in it, then brought up to date.
    const migrator = new Migrator({
      db,
      provider: migrationProvider(kind),
      migrationTableName: 'dojang_migrations',
      migrationLockTableName: 'dojang_migrations_lock',
    });
    expect((await migrator.migrateTo('0001_initial')).error).toBeUndefined();
    const row = (key: string | null, status: string) =>
      sql`insert into jobs (queue, company_id, ordering_key, status, attempts, run_at, payload, created_at) values ('export', 'acme', ${key}, ${status}, 0, ${t0.toISOString()}, '{}', ${t0.toISOString()})`.execute(
        db,
      );
    await row('export:1', 'succeeded');
    await row('export:1', 'running');
    await row('export:1', 'pending');
    await row('export:2', 'pending');
    await row(null, 'pending');
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const flags = await db.selectFrom('jobs').select(['id', 'blocked']).orderBy('id').execute();
    expect(flags.map((f) => f.blocked)).toEqual([0, 0, 1, 0, 0]);
  });

  it.runIf(kind === 'sqlite')('claims through the partial indexes, never by scanning the table', async () => {
    const { store, scratch } = await stores.open();
    const queries: { sql: string; parameters: readonly unknown[] }[] = [];
    const raw = new SQLite(scratch.url.slice('sqlite:'.length));
    const logged = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }), log: (event) => void queries.push(event.query) });
    await claimJobs(logged, 'sqlite', { queue: 'export', owner: 'w1', limit: 16, leaseMs: 30_000, now: t0, excludeTargets: ['receiver.example'] });
    const plans = queries
      .filter((q) => q.sql.startsWith('select'))
      .map((q) => (raw.prepare(`explain query plan ${q.sql}`).all(...(q.parameters as unknown[])) as { detail: string }[]).map((r) => r.detail).join('\n'));
    await logged.destroy();
    expect(plans).toHaveLength(2);
    expect(plans[0]).toMatch(/SEARCH j USING INDEX jobs_claim/);
    expect(plans[1]).toMatch(/SEARCH j USING INDEX jobs_due/);
    for (const plan of plans) {
      expect(plan).toMatch(/SEARCH p USING (COVERING )?INDEX jobs_ordering/);
      expect(plan).not.toMatch(/SCAN|TEMP B-TREE/);
    }
    void store;
  });
});
