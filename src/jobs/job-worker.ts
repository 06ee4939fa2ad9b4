// Runs one queue's jobs: claims what is due, carries each out with bounded concurrency (overall,
// and per destination while its attempt runs), records the attempt and resolves the job. A
// commit in this process wakes the worker at once; otherwise it polls, so other processes' jobs
// are found too. A change may also write its job already claimed by this worker (reserve, then
// adopt after the commit): the job then waits here for a free slot and runs with no claim at
// all, which is how an approval's export usually goes. Outcomes finishing together are written
// in one transaction.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { Reservation } from '../context.ts';
import type { Dialect } from '../store/migrations.ts';
import type { Database, Job, JobQueue } from '../store/schema.ts';
import { finishedWithin } from '../shutdown.ts';
import type { Known } from './queue.ts';
import {
  claimJobs,
  renewLease,
  resolveJobs,
  unblockStrandedJobs,
  unclaimJobs,
  type AttemptRecord,
  type JobResolution,
  type JobRun,
  type Resolved,
} from './outbox.ts';

export interface JobOutcome {
  resolution: JobResolution;
  attempts: AttemptRecord[];
}

/**
 * Carries out one job. `stopping` aborts when the process is shutting down and the job's time is
 * up: a handler that listens stops its attempt and throws, and the job is given back (not a
 * failed attempt, not a crash). `known`: what the change that wrote an adopted job knew (queue.ts).
 */
export type JobHandler = (job: Job, stopping: AbortSignal, known?: Known<unknown, unknown>) => Promise<JobOutcome>;

/** What a handler throws when `stopping` cut its attempt short. */
export class AttemptStopped extends Error {
  constructor() {
    super('the process is stopping; the attempt was cut short and the job given back');
  }
}

/** After the grace period, how long handlers that listen to `stopping` get to give up before their jobs are given back regardless. */
const STOP_SETTLE_MS = 1000;

/**
 * Jobs adopted but not yet running, per slot of the worker (and per slot of a destination): beyond,
 * jobs are written for any worker to claim. An adopted job costs a kilobyte or two of memory while
 * it waits, a claimed one a claim and a read of what its change knew; at 256 a receiver's backlog
 * of 2048 is held (a couple of seconds of a fast receiver's work, so other processes seldom stand
 * idle beside it). At 64, a burst of 2000 approvals to one receiver had a quarter of its exports
 * written for a claim: 6 alternating runs of the exports bench on SQLite, 256 against 64, had
 * 3-12% more throughput and burst p99s 13-25% lower.
 */
const HELD_PER_SLOT = 256;
/** Outcomes written in one transaction at most. */
const RESOLVE_BATCH = 64;

export interface JobWorkerOptions {
  db: Kysely<Database>;
  dialect: Dialect;
  queue: JobQueue;
  handler: JobHandler;
  /** What to do when the handler throws instead of returning an outcome. */
  onCrash: (job: Job, error: unknown) => JobResolution;
  logger: Logger;
  clock: Clock;
  concurrency: number;
  perTargetConcurrency?: number;
  leaseMs: number;
  pollMs: number;
  /** Called after each job is resolved (metrics, tests). */
  onResolved?: (job: Job, outcome: JobOutcome) => void;
  /** How often to look for jobs left blocked with nothing before them (outbox.ts, unblockStrandedJobs). Default 60 s. */
  unblockEveryMs?: number;
  /** How often a claim also looks for running jobs whose lease ran out (a process died). Default 1 s, or less with short leases. */
  expiredEveryMs?: number;
}

export class JobWorker {
  readonly owner = `${process.pid}-${randomUUID().slice(0, 8)}`;
  private running = false;
  private readonly inFlight = new Map<number, Promise<void>>();
  /** Aborted when a stop's grace period ends with jobs still running. */
  private readonly stopping = new AbortController();
  /** Jobs in flight per destination. */
  private readonly perTarget = new Map<string, number>();
  /** Adopted jobs waiting for a slot (their own or their destination's), per destination in the order written. */
  private held = new Map<string | null, Job[]>();
  private heldCount = 0;
  /** What the changes that wrote the adopted jobs knew for them; a job claimed again is a new object, without. */
  private readonly known = new WeakMap<Job, Known<unknown, unknown>>();
  /** Finished runs whose outcome is not written yet, and whether a transaction is writing some. */
  private readonly unresolved: { run: JobRun; done: (resolved: Resolved) => void; failed: (error: unknown) => void }[] = [];
  private resolving = false;
  private wakeUp: (() => void) | null = null;
  private wakeRequested = false;
  private loopDone: Promise<void> = Promise.resolve();
  private nextUnblock = 0;
  /** When the next claim is made whatever the exclusion (performance.now()). */
  private nextPoll = 0;
  private nextExpiredCheck = 0;
  /**
   * The destinations excluded by a claim that took every due job it could (less than its limit),
   * for as long as nothing has happened that could give the same claim more: a job written here
   * or unblocked by the one before it finishing, for a destination the claim did not skip; a
   * retry due at once; the poll. Claiming again meanwhile
   * finds nothing, or only walks those destinations' due jobs to skip them all: with a backlog
   * for one busy receiver that was half of the worker's claims, and under a steady load a futile
   * claim followed every finished job. A claim excluding at least these finds nothing either;
   * only one of them getting room again (its due jobs may then be taken) calls for a claim.
   */
  private futileExclusion: ReadonlySet<string> | null = null;

  private claimIsFutile(excluded: readonly string[]): boolean {
    if (this.futileExclusion === null) return false;
    const excludedNow = new Set(excluded);
    return [...this.futileExclusion].every((target) => excludedNow.has(target));
  }

  constructor(private readonly options: JobWorkerOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loopDone = this.loop();
  }

  get isRunning(): boolean {
    return this.running;
  }

  /**
   * Stops claiming, gives back the adopted jobs not yet started, and waits for the jobs in flight
   * to finish, for `graceMs` at most: then their handlers are told to stop (their jobs are given
   * back, not counted as attempts), and whatever still runs a moment later is given back as it is,
   * for any worker to run again. Delivery stays at least once: a receiver may see such an attempt twice.
   */
  async stop(graceMs = Number.POSITIVE_INFINITY): Promise<void> {
    this.running = false;
    this.wake();
    await this.loopDone;
    const held = [...this.held.values()].flat();
    this.held = new Map();
    this.heldCount = 0;
    await this.giveBack(held);
    const settled = Promise.allSettled([...this.inFlight.values()]);
    if (await finishedWithin(settled, graceMs)) return;
    this.stopping.abort();
    if (await finishedWithin(settled, STOP_SETTLE_MS)) return;
    const still = [...this.inFlight.keys()];
    this.options.logger.warn({ queue: this.options.queue, jobs: still.length }, 'jobs still running at shutdown; given back for any worker');
    await this.giveBack(still.map((id) => ({ id }) as Job));
  }

  /**
   * Consents to a job for `target` being written claimed by this worker, unless it is stopping
   * or already holds as many adopted jobs as it may (null: the job is written for any worker).
   */
  reserve(target: string | null): Reservation | null {
    const { concurrency, perTargetConcurrency, leaseMs } = this.options;
    if (!this.running || this.heldCount >= concurrency * HELD_PER_SLOT) return null;
    if (perTargetConcurrency !== undefined && (this.held.get(target)?.length ?? 0) >= perTargetConcurrency * HELD_PER_SLOT) return null;
    return { owner: this.owner, leaseMs, adopt: (job, known) => this.adopt(job, known) };
  }

  private adopt(job: Job, known?: Known<unknown, unknown>): void {
    // Stopping: the job goes back to any worker now rather than when its lease runs out.
    if (!this.running) {
      void this.giveBack([job]);
      return;
    }
    if (known) this.known.set(job, known);
    this.hold(job);
    this.runHeld();
  }

  /** Keeps a job until its destination (and the worker) has a slot for it, after those of its destination held before. */
  private hold(job: Job): void {
    const queue = this.held.get(job.target);
    if (queue) queue.push(job);
    else this.held.set(job.target, [job]);
    this.heldCount++;
  }

  /** Starts the held jobs that have room now, oldest first (per destination, the order written). */
  private runHeld(): void {
    const { concurrency } = this.options;
    for (const [target, queue] of this.held) {
      if (this.inFlight.size >= concurrency) return;
      while (queue.length > 0 && this.inFlight.size < concurrency && !this.isSaturated(target)) {
        this.heldCount--;
        this.run(queue.shift()!, { held: true });
      }
      if (queue.length === 0) this.held.delete(target);
    }
  }

  /** A claim took over a held job (its lease ran out while it waited): it runs as claimed, not twice. */
  private forgetHeld(claimed: Job): void {
    const queue = this.held.get(claimed.target);
    const i = queue?.findIndex((job) => job.id === claimed.id) ?? -1;
    if (i < 0) return;
    queue!.splice(i, 1);
    this.heldCount--;
  }

  private async giveBack(jobs: Job[]): Promise<void> {
    if (jobs.length === 0) return;
    const { db, logger, queue } = this.options;
    try {
      await unclaimJobs(
        db,
        jobs.map((job) => job.id),
        this.owner,
      );
    } catch (error) {
      // Their leases run out and any worker claims them.
      logger.warn({ err: error, queue, jobs: jobs.length }, 'giving back adopted jobs failed; they run when their leases end');
    }
  }

  private isSaturated(target: string | null): boolean {
    const limit = this.options.perTargetConcurrency;
    return target !== null && limit !== undefined && (this.perTarget.get(target) ?? 0) >= limit;
  }

  private countTarget(target: string | null, by: 1 | -1): void {
    if (target === null) return;
    const count = (this.perTarget.get(target) ?? 0) + by;
    if (count > 0) this.perTarget.set(target, count);
    else this.perTarget.delete(target);
  }

  /**
   * Something new may be due: claim again now. Jobs written for `targets` alone call for no claim
   * while every one of them is a destination the last futile claim excluded: a claim would skip
   * them too, and the claim made once one of them has room takes them (claimIsFutile). Under a
   * burst that outruns a receiver, that was one futile claim per approval once this worker held
   * all the adopted jobs it may.
   */
  wake(targets?: readonly (string | null)[]): void {
    this.mayBeDue(targets);
    this.nudge();
  }

  /** Jobs for `targets` (for any, when not given) may be due now: the next claim is not futile unless it skips them all. */
  private mayBeDue(targets?: readonly (string | null)[]): void {
    const excluded = this.futileExclusion;
    if (targets === undefined || excluded === null || !targets.every((target) => target !== null && excluded.has(target))) this.futileExclusion = null;
  }

  /** Runs the loop again, still knowing which claim would find nothing. */
  private nudge(): void {
    this.wakeRequested = true;
    this.wakeUp?.();
  }

  private saturatedTargets(): string[] {
    const limit = this.options.perTargetConcurrency;
    if (limit === undefined) return [];
    return [...this.perTarget].filter(([, n]) => n >= limit).map(([target]) => target);
  }

  /**
   * How many jobs one claim may take: the free slots, 16 at most. A claimed job whose destination
   * is at its limit waits for a slot there as an adopted one does (held). Taking only what the
   * busiest destination had room for made a backlog for one receiver (after its outage, or a
   * burst past what the worker holds) cost one claim per job: at 100,000 pending, 1-4 ms each.
   */
  private claimLimit(): number {
    return Math.min(this.options.concurrency - this.inFlight.size, 16);
  }

  /** Runs a claimed job now, or holds it until its destination (or the worker) has a slot for it. */
  private runClaimed(job: Job): void {
    this.forgetHeld(job);
    if (this.inFlight.size < this.options.concurrency && !this.isSaturated(job.target)) {
      this.run(job);
      return;
    }
    this.hold(job);
  }

  private async loop(): Promise<void> {
    const { db, dialect, queue, leaseMs, logger, clock } = this.options;
    while (this.running) {
      this.wakeRequested = false;
      // Retries come due and other processes write jobs: once every pollMs a claim looks whatever
      // the exclusion, however often the worker is woken meanwhile.
      if (performance.now() >= this.nextPoll) {
        this.futileExclusion = null;
        this.nextPoll = performance.now() + this.options.pollMs;
      }
      await this.unblockStranded();
      const limit = this.claimLimit();
      const excluded = this.saturatedTargets();
      let claimed: Job[] = [];
      if (limit > 0 && !this.claimIsFutile(excluded)) {
        try {
          const now = clock();
          const includeExpired = now.getTime() >= this.nextExpiredCheck;
          if (includeExpired) this.nextExpiredCheck = now.getTime() + (this.options.expiredEveryMs ?? Math.min(1000, leaseMs / 2));
          claimed = await claimJobs(db, dialect, { queue, owner: this.owner, limit, leaseMs, now, excludeTargets: excluded, includeExpired });
          if (claimed.length < limit) this.futileExclusion = new Set(excluded);
        } catch (error) {
          if (!this.running) break;
          logger.warn({ err: error, queue }, 'claiming jobs failed; will try again');
        }
      }
      for (const job of claimed) this.runClaimed(job);
      if (claimed.length > 0 && claimed.length === limit) continue;
      if (this.wakeRequested) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, this.nextPoll - performance.now()));
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = null;
    }
  }

  /** A safety net that should find nothing; when it does, the log says so. */
  private async unblockStranded(): Promise<void> {
    const { db, queue, logger, clock, unblockEveryMs = 60_000 } = this.options;
    if (clock().getTime() < this.nextUnblock) return;
    this.nextUnblock = clock().getTime() + unblockEveryMs;
    try {
      const unblocked = await unblockStrandedJobs(db, queue);
      if (unblocked > 0) {
        logger.warn({ queue, unblocked }, 'jobs were blocked behind no open job; unblocked');
        this.futileExclusion = null;
      }
    } catch (error) {
      if (this.running) logger.warn({ err: error, queue }, 'looking for stranded jobs failed; will try again');
    }
  }

  private run(job: Job, { held = false } = {}): void {
    this.countTarget(job.target, +1);
    let attemptOver = false;
    // The destination's slot is for the attempt alone: once it is over, the next job for the
    // destination may start while this one's outcome is being written.
    const endAttempt = () => {
      if (attemptOver) return;
      attemptOver = true;
      this.countTarget(job.target, -1);
      if (this.running) this.runHeld();
    };
    const done = this.carryOut(job, held, endAttempt).then((due) => {
      endAttempt();
      this.inFlight.delete(job.id);
      // The job's slot is free: a held job takes it first. A claim can find more than the last
      // one only if this job or the next of its key is due now (for a destination the last claim
      // did not skip), or if its destination was excluded and now has room (see claimIsFutile).
      // Under a backlog for one receiver at its limit, every delivery unblocks the next of its
      // workflow, and a claim for each skipped that receiver's due jobs only to find nothing
      // (100,000 pending: 5-6 ms each, most of the recovery's time).
      if (due) this.mayBeDue([due.target]);
      if (this.running) this.runHeld();
      this.nudge();
    });
    this.inFlight.set(job.id, done);
  }

  /**
   * Runs the job and records its outcome, saying when the attempt is over (before the outcome is
   * written); answers the job a claim may now find that it could not before (this one, due again
   * at once, or the next of its key), by where it goes, or null. Never throws.
   */
  private async carryOut(job: Job, held: boolean, endAttempt: () => void): Promise<{ target: string | null } | null> {
    const { handler, onCrash, logger, clock, queue } = this.options;
    if (held && !(await this.keepLease(job))) return null;
    let outcome: JobOutcome;
    try {
      outcome = await handler(job, this.stopping.signal, this.known.get(job)).finally(endAttempt);
    } catch (error) {
      if (this.stopping.signal.aborted) {
        logger.info({ queue, jobId: job.id }, 'attempt cut short by shutdown; job given back');
        await this.giveBack([job]);
        return null;
      }
      logger.error({ err: error, queue, jobId: job.id }, 'job handler failed');
      outcome = { resolution: onCrash(job, error), attempts: [] };
    }
    try {
      const { took, unblocked } = await this.resolve({ job, resolution: outcome.resolution, attempts: outcome.attempts, now: clock() });
      if (!took) logger.warn({ queue, jobId: job.id }, 'lease lost before the job was resolved; its new holder decides');
      this.options.onResolved?.(job, outcome);
      // A retry may be due at once (Retry-After: 0, a schedule of zeros); one due later is found
      // by the poll after it (a claim after every failed attempt was most of the worker's work
      // while a receiver with a backlog was down).
      const { resolution } = outcome;
      if (resolution.kind === 'retry' && resolution.at.getTime() <= clock().getTime()) return job;
      return unblocked;
    } catch (error) {
      // The lease runs out and the job is claimed again: at least once, never lost.
      logger.error({ err: error, queue, jobId: job.id }, 'recording the job outcome failed');
      return null;
    }
  }

  /**
   * A held job waited for its slot with the lease it was written with: once a quarter of it is
   * gone, the lease is renewed before the job runs (an attempt then always has at least three
   * quarters of a lease), and a job whose lease another worker took meanwhile is left to that worker.
   */
  private async keepLease(job: Job): Promise<boolean> {
    const { db, clock, leaseMs, logger, queue } = this.options;
    const now = clock();
    if (job.lease_expires_at !== null && Date.parse(job.lease_expires_at) - now.getTime() >= (leaseMs * 3) / 4) return true;
    try {
      if (await renewLease(db, job.id, this.owner, new Date(now.getTime() + leaseMs))) return true;
      logger.info({ queue, jobId: job.id }, "an adopted job's lease ran out while it waited; its new holder runs it");
    } catch (error) {
      logger.warn({ err: error, queue, jobId: job.id }, "renewing an adopted job's lease failed; it runs when claimed again");
    }
    return false;
  }

  /**
   * Writes a run's outcome together with the others finished by then: the first waits for the
   * rest of this turn of the event loop, and runs finishing while a transaction writes wait for
   * the next one. Should a group fail, each is written on its own, so one bad run fails alone.
   */
  private resolve(run: JobRun): Promise<Resolved> {
    return new Promise((done, failed) => {
      this.unresolved.push({ run, done, failed });
      if (this.resolving) return;
      this.resolving = true;
      setImmediate(() => void this.resolveWaiting());
    });
  }

  private async resolveWaiting(): Promise<void> {
    const { db } = this.options;
    while (this.unresolved.length > 0) {
      const group = this.unresolved.splice(0, RESOLVE_BATCH);
      try {
        const resolved = await resolveJobs(
          db,
          this.owner,
          group.map((entry) => entry.run),
        );
        group.forEach((entry, i) => entry.done(resolved[i]!));
      } catch (error) {
        if (group.length === 1) group[0]!.failed(error);
        else for (const entry of group) await resolveJobs(db, this.owner, [entry.run]).then(([resolved]) => entry.done(resolved!), entry.failed);
      }
    }
    this.resolving = false;
  }
}
