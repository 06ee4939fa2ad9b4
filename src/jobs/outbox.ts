// The durable outbox. A change writes its side effects (exports, messages, documents) as job
// rows in its own transaction; workers claim them with a lease and carry them out. A job
// whose worker died is claimed again when its lease runs out, so nothing committed is lost.
//
// Jobs sharing an ordering key run one at a time in id order. Every open job behind the first
// open one of its key is marked `blocked` when written, and unblocked when the one before it
// finishes, so that a poll walks only jobs that may run: with a receiver down for hours, the
// events queued behind each workflow's failing one cost nothing per poll (bench/exports.bench.ts).
import { sql, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { Dialect } from '../store/migrations.ts';
import type { Database, Job, JobQueue } from '../store/schema.ts';
import { prepareQuery, prepareRowsInsert } from '../store/prepared-query.ts';
import { allWritten, inHeldTransaction } from '../store/held-transaction.ts';
import { toTimestamp } from '../domain/time.ts';
import type { CompanyId, JobId, WorkflowId } from '../domain/ids.ts';

export interface NewOutboxJob {
  queue: JobQueue;
  companyId: CompanyId;
  workflowId: WorkflowId | null;
  /** Jobs sharing a key run one at a time, in the order they were written. */
  orderingKey?: string | null;
  target?: string | null;
  payload: unknown;
}

/**
 * SQL terms spelt exactly as the partial indexes' WHERE clauses (jobs_claim, jobs_ordering,
 * jobs_due): SQLite uses a partial index only when the query repeats its terms with the same
 * literal values; a bound parameter never matches, and the query would scan the whole table.
 */
const isOpen = (column: 'status' | 'j.status' | 'p.status' | 'f.status') => sql<SqlBool>`${sql.ref(column)} in ('pending', 'running')`;
const isRunning = sql<SqlBool>`${sql.ref('j.status')} = 'running'`;
const isPendingUnblocked = sql<SqlBool>`${sql.ref('j.status')} = 'pending' and ${sql.ref('j.blocked')} = 0`;

/** Whether an open job of the same ordering key as `j` comes before it (a correlated subquery). */
function earlierOpenJob(eb: ExpressionBuilder<Database & { j: Database['jobs'] }, 'j'>) {
  return eb.exists(
    eb.selectFrom('jobs as p').select('p.id').whereRef('p.ordering_key', '=', 'j.ordering_key').whereRef('p.id', '<', 'j.id').where(isOpen('p.status')),
  );
}

/** The lowest open job id of an ordering key (a subquery). */
function firstOpenJob(eb: ExpressionBuilder<Database, 'jobs'>, orderingKey: string) {
  return eb
    .selectFrom('jobs as f')
    .select((f) => f.fn.min('f.id').as('id'))
    .where('f.ordering_key', '=', orderingKey)
    .where(isOpen('f.status'));
}

/**
 * Locks the first open job of an ordering key and answers its id (none when the key has no open
 * job). The lock is what keeps `blocked` right between transactions: a resolveJob finishing that
 * job either waits for this transaction (and then sees the job written here, to unblock it) or
 * is waited for (and then the job is no longer open here). A no-op UPDATE rather than FOR UPDATE
 * so the same SQL runs on SQLite, where writes are one at a time anyway.
 */
const lockFirstOpenJob = prepareQuery<{ orderingKey: string }>()((db, p) =>
  db
    .updateTable('jobs')
    .set((eb) => ({ blocked: eb.ref('blocked') }))
    .where('id', '=', (eb) => firstOpenJob(eb, p.orderingKey))
    .where(isOpen('status'))
    .returning('id'),
);

const insertJob = prepareQuery<Omit<Job, 'id' | 'last_error' | 'finished_at' | 'cleared_at'>>()((db, p) =>
  db
    .insertInto('jobs')
    .values({
      queue: p.queue,
      company_id: p.company_id,
      workflow_id: p.workflow_id,
      ordering_key: p.ordering_key,
      target: p.target,
      status: p.status,
      blocked: p.blocked,
      attempts: p.attempts,
      run_at: p.run_at,
      payload: p.payload,
      created_at: p.created_at,
      lease_owner: p.lease_owner,
      lease_expires_at: p.lease_expires_at,
    })
    .returning('id'),
);

export async function enqueueJob(db: Kysely<Database>, job: NewOutboxJob, now: Date): Promise<JobId> {
  return (await writeJob(db, job, now)).id;
}

/**
 * Writes a job already claimed by `claimedBy` (a worker's reservation, job-worker.ts) when it
 * may run at once, that is when no earlier job of its key is open; otherwise as any job, for any
 * worker to claim. Either way the row as written: `status` says which.
 */
export function enqueueClaimedJob(db: Kysely<Database>, job: NewOutboxJob, now: Date, claimedBy: { owner: string; leaseMs: number }): Promise<Job> {
  return writeJob(db, job, now, claimedBy);
}

/** A job behind an open job of its key: blocked, and pending for any worker whoever reserved it. */
const WAITING = { status: 'pending', blocked: 1, attempts: 0, lease_owner: null, lease_expires_at: null } as const;
const setWaiting = prepareQuery<{ id: JobId }>()((db, p) => db.updateTable('jobs').set(WAITING).where('id', '=', p.id));

async function writeJob(db: Kysely<Database>, job: NewOutboxJob, now: Date, claimedBy?: { owner: string; leaseMs: number }): Promise<Job> {
  // The lock and the insert are sent together: outside a transaction they could go on two pooled
  // connections and run in either order, so they get one (a change always writes in its own).
  if (!db.isTransaction) return db.transaction().execute((trx) => writeJob(trx, job, now, claimedBy));
  // The job is written as if first in line, in the round trip of the lock on its key's first
  // open job (on PostgreSQL); when there is one, it is then set waiting behind it, which is rare
  // for exports: a workflow's next event comes after the last one was delivered.
  const locked = job.orderingKey ? lockFirstOpenJob.rows(db, { orderingKey: job.orderingKey }) : Promise.resolve([]);
  const first: Omit<Job, 'id' | 'last_error' | 'finished_at' | 'cleared_at'> = {
    queue: job.queue,
    company_id: job.companyId,
    workflow_id: job.workflowId,
    ordering_key: job.orderingKey ?? null,
    target: job.target ?? null,
    status: claimedBy ? 'running' : 'pending',
    blocked: 0,
    attempts: claimedBy ? 1 : 0,
    run_at: toTimestamp(now),
    payload: JSON.stringify(job.payload),
    created_at: toTimestamp(now),
    lease_owner: claimedBy ? claimedBy.owner : null,
    lease_expires_at: claimedBy ? toTimestamp(new Date(now.getTime() + claimedBy.leaseMs)) : null,
  };
  // Only its id comes back: the row is what was written (not the payload, copied back for nothing).
  const [row] = await allWritten(insertJob.rows(db, first), [locked]);
  const written: Job = { ...first, id: row!.id, last_error: null, finished_at: null, cleared_at: null };
  if ((await locked).length === 0) return written;
  await setWaiting.run(db, { id: written.id });
  return { ...written, ...WAITING };
}

export interface ClaimOptions {
  queue: JobQueue;
  owner: string;
  limit: number;
  leaseMs: number;
  now: Date;
  /** Destinations this process is already busy with. */
  excludeTargets?: readonly string[];
  /** Whether to look for running jobs whose lease ran out (default true); a worker does so now and then, not on every claim. */
  includeExpired?: boolean;
}

/**
 * Claims up to `limit` due jobs: running ones whose lease ran out first, then pending ones whose
 * time has come, skipping any job with an earlier open job of the same ordering key. On PostgreSQL
 * the rows are locked with SKIP LOCKED, so concurrent processes never claim the same job.
 */
export async function claimJobs(db: Kysely<Database>, dialect: Dialect, options: ClaimOptions): Promise<Job[]> {
  const now = toTimestamp(options.now);
  const leaseUntil = toTimestamp(new Date(options.now.getTime() + options.leaseMs));
  return db.transaction().execute(async (trx) => {
    // Two queries, each walking an index in run_at order and stopping at the limit (one with an
    // OR of both could use no index on SQLite). Few jobs are running: jobs_claim finds those whose process died.
    const expired =
      options.includeExpired === false
        ? []
        : await claimable(trx, dialect, options)
            .where(isOpen('j.status'))
            .where(isRunning)
            .where('j.lease_expires_at', '<=', now)
            .limit(options.limit)
            .execute();
    // jobs_due holds only pending jobs that are first in line: walked in run_at order, it stops at the limit.
    const due =
      expired.length < options.limit
        ? await claimable(trx, dialect, options)
            .where(isPendingUnblocked)
            .where('j.run_at', '<=', now)
            .limit(options.limit - expired.length)
            .execute()
        : [];
    const picked = [...expired, ...due];
    if (picked.length === 0) return [];
    return trx
      .updateTable('jobs')
      .set((eb) => ({
        status: 'running',
        lease_owner: options.owner,
        lease_expires_at: leaseUntil,
        attempts: eb('attempts', '+', 1),
      }))
      .where(
        'id',
        'in',
        picked.map((p) => p.id),
      )
      .returningAll()
      .execute();
  });
}

/** The claim query's common part. The ordering check stays although `blocked` says the same, so order never rests on the flag alone. */
function claimable(trx: Kysely<Database>, dialect: Dialect, options: ClaimOptions) {
  return trx
    .selectFrom('jobs as j')
    .select('j.id')
    .where('j.queue', '=', options.queue)
    .where((eb) => eb.or([eb('j.ordering_key', 'is', null), eb.not(earlierOpenJob(eb))]))
    .$if((options.excludeTargets?.length ?? 0) > 0, (q) =>
      q.where((eb) => eb.or([eb('j.target', 'is', null), eb('j.target', 'not in', options.excludeTargets!)])),
    )
    .orderBy('j.run_at')
    .orderBy('j.id')
    .$if(dialect === 'postgres', (q) => q.forUpdate().skipLocked());
}

export interface AttemptRecord {
  startedAt: Date;
  durationMs: number;
  ok: boolean;
  channel?: string | null;
  statusCode?: number | null;
  error?: string | null;
  responseExcerpt?: string | null;
}

export type JobResolution = { kind: 'succeeded' } | { kind: 'retry'; at: Date; error: string } | { kind: 'dead'; error: string };

export interface Resolved {
  /** False when the lease was lost and the job left to its new holder. */
  took: boolean;
  /** The next job of the key when it became free to run (where it goes), else null. */
  unblocked: { target: string | null } | null;
}

/** One finished run of a job: its attempts and what became of it. */
export interface JobRun {
  job: Pick<Job, 'id' | 'ordering_key'>;
  resolution: JobResolution;
  attempts: readonly AttemptRecord[];
  now: Date;
}

/**
 * Records the attempts of one run and what became of the job. Only the lease holder may resolve it: when
 * the lease was lost (another process took the job over), the attempt is still recorded but the
 * job is left to its new holder.
 */
export async function resolveJob(
  db: Kysely<Database>,
  job: Pick<Job, 'id' | 'ordering_key'>,
  owner: string,
  resolution: JobResolution,
  attempts: readonly AttemptRecord[],
  now: Date,
): Promise<Resolved> {
  const [resolved] = await resolveJobs(db, owner, [{ job, resolution, attempts, now }]);
  return resolved!;
}

/**
 * Resolves several runs of one owner in one transaction (one commit for all: a worker finishing
 * jobs quickly resolves them in groups, job-worker.ts). Answers each run's Resolved, in order.
 * The rows are updated in id order, so two such transactions on PostgreSQL lock in the same order.
 */
export async function resolveJobs(db: Kysely<Database>, owner: string, runs: readonly JobRun[]): Promise<Resolved[]> {
  return inHeldTransaction(db, async (trx) => {
    const attempts = runs.flatMap((run) =>
      run.attempts.map((attempt) => ({
        job_id: run.job.id,
        started_at: toTimestamp(attempt.startedAt),
        duration_ms: Math.round(attempt.durationMs),
        ok: attempt.ok ? 1 : 0,
        channel: attempt.channel ?? null,
        status_code: attempt.statusCode ?? null,
        error: attempt.error ?? null,
        response_excerpt: attempt.responseExcerpt ?? null,
      })),
    );
    // The attempts and each run's outcome, then the next job of each key finished (it may run
    // now: enqueues of the key wait on the row just updated, so all of them are seen here), all
    // issued together (one round trip on PostgreSQL), the rows in id order. A run whose lease
    // was lost finds its job either still open (the first of its key, so never blocked) or
    // finished by its new holder, whose outcome unblocked the next: its unblock changes nothing,
    // so it is sent without waiting for the outcome's answer.
    const recorded = insertAttempts.run(trx, attempts);
    const ordered = [...runs].sort((a, b) => a.job.id - b.job.id);
    const finished = ordered.map((run) => finishRun.run(trx, finishOf(owner, run)).then((changed) => changed === 1));
    const unblocks = ordered.map((run) =>
      run.resolution.kind !== 'retry' && run.job.ordering_key !== null
        ? unblockNextJob.rows(trx, { orderingKey: run.job.ordering_key }).then(([next]) => next ?? null)
        : Promise.resolve(null),
    );
    await allWritten(recorded, [...finished, ...unblocks]);
    const took = await Promise.all(finished);
    const unblocked = await Promise.all(unblocks);
    const results = new Map<JobRun, Resolved>(ordered.map((run, i) => [run, { took: took[i]!, unblocked: unblocked[i]! }]));
    return runs.map((run) => results.get(run)!);
  });
}

const insertAttempts = prepareRowsInsert('job_attempts', ['job_id', 'started_at', 'duration_ms', 'ok', 'channel', 'status_code', 'error', 'response_excerpt']);
/** A run's outcome, written only while `owner` still holds the job. */
const finishRun = prepareQuery<Pick<Job, 'id' | 'status' | 'run_at' | 'last_error' | 'finished_at'> & { owner: string }>()((db, p) =>
  db
    .updateTable('jobs')
    .set({ status: p.status, run_at: p.run_at, lease_owner: null, lease_expires_at: null, last_error: p.last_error, finished_at: p.finished_at })
    .where('id', '=', p.id)
    .where('status', '=', 'running')
    .where('lease_owner', '=', p.owner),
);
const unblockNextJob = prepareQuery<{ orderingKey: string }>()((db, p) =>
  db
    .updateTable('jobs')
    .set({ blocked: 0 })
    .where('id', '=', (eb) => firstOpenJob(eb, p.orderingKey))
    .where('blocked', '=', 1)
    .returning('target'),
);

/** What finishRun writes for a run: failed runs due again are pending, the rest finished. */
function finishOf(owner: string, { job, resolution, now }: JobRun) {
  return {
    id: job.id,
    owner,
    status: resolution.kind === 'retry' ? ('pending' as const) : resolution.kind,
    run_at: resolution.kind === 'retry' ? toTimestamp(resolution.at) : toTimestamp(now),
    last_error: resolution.kind === 'succeeded' ? null : resolution.error,
    finished_at: resolution.kind !== 'retry' ? toTimestamp(now) : null,
  };
}

/**
 * Extends the lease of a job `owner` holds until `until`; false when the lease is no longer
 * theirs (it ran out and another worker claimed the job: that one runs it now).
 */
export async function renewLease(db: Kysely<Database>, jobId: JobId, owner: string, until: Date): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({ lease_expires_at: toTimestamp(until) })
    .where('id', '=', jobId)
    .where('status', '=', 'running')
    .where('lease_owner', '=', owner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Gives jobs `owner` claimed but never started back to any worker: pending again, due as they
 * were, the claim not counted as an attempt. Jobs no longer theirs are left alone.
 */
export async function unclaimJobs(db: Kysely<Database>, jobIds: readonly JobId[], owner: string): Promise<number> {
  if (jobIds.length === 0) return 0;
  const result = await db
    .updateTable('jobs')
    .set((eb) => ({ status: 'pending', lease_owner: null, lease_expires_at: null, attempts: eb('attempts', '-', 1) }))
    .where('id', 'in', jobIds)
    .where('status', '=', 'running')
    .where('lease_owner', '=', owner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Puts a job back in line to run now, with a fresh retry schedule; false while it is running. */
export async function requeueJob(db: Kysely<Database>, jobId: JobId, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const job = await trx.selectFrom('jobs').select(['id', 'ordering_key']).where('id', '=', jobId).executeTakeFirst();
    if (!job) return false;
    const first = job.ordering_key === null ? undefined : (await lockFirstOpenJob.rows(trx, { orderingKey: job.ordering_key }))[0]?.id;
    const result = await trx
      .updateTable('jobs')
      .set({
        status: 'pending',
        blocked: first !== undefined && first < jobId ? 1 : 0,
        attempts: 0,
        run_at: toTimestamp(now),
        finished_at: null,
        lease_owner: null,
        lease_expires_at: null,
      })
      .where('id', '=', jobId)
      .where('status', '!=', 'running')
      .executeTakeFirst();
    const took = Number(result.numUpdatedRows) === 1;
    if (took && job.ordering_key !== null && (first === undefined || jobId < first)) {
      // An earlier event sent again goes first: the key's later open jobs now wait for it.
      await trx
        .updateTable('jobs')
        .set({ blocked: 1 })
        .where('ordering_key', '=', job.ordering_key)
        .where(isOpen('status'))
        .where('id', '>', jobId)
        .where('blocked', '=', 0)
        .execute();
    }
    return took;
  });
}

/**
 * Unblocks a queue's jobs left blocked with no earlier open job of their key, and answers how
 * many. Nothing should ever need it; it is there so that a job could never wait forever
 * because of a flag (a process from before migration 0004 finishing jobs during a rolling
 * upgrade, a row edited by hand). Costs one walk of the queue's open jobs.
 */
export async function unblockStrandedJobs(db: Kysely<Database>, queue: JobQueue): Promise<number> {
  const result = await db
    .updateTable('jobs as j')
    .set({ blocked: 0 })
    .where('j.queue', '=', queue)
    .where(isOpen('j.status'))
    .where('j.blocked', '=', 1)
    .where((eb) => eb.not(earlierOpenJob(eb)))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
