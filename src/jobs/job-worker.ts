// Runs one queue's jobs: claims what is due, carries each out with bounded concurrency (overall
// and per destination), records the attempt and resolves the job. A commit in this process
// wakes the worker at once; otherwise it polls, so other processes' jobs are found too. A change
// may also write its job already claimed by this worker (reserve, then adopt after the commit):
// the job then runs with no claim at all, which is how an approval's export usually goes.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { Dialect } from '../store/migrations.ts';
import type { Database, Job, JobQueue } from '../store/schema.ts';
import { claimJobs, resolveJob, unblockStrandedJobs, type AttemptRecord, type JobResolution } from './outbox.ts';

export interface JobOutcome {
  resolution: JobResolution;
  attempts: AttemptRecord[];
}

export type JobHandler = (job: Job) => Promise<JobOutcome>;

/**
 * A slot of a worker held for a job while the change that writes it is still open: the job is
 * written already claimed by this worker (outbox.ts, `claimedBy`), and runs here as soon as the
 * change commits, with no claim query in between. Should this process die first, the job's
 * lease runs out and any worker claims it, as with any claimed job.
 */
export interface Reservation {
  owner: string;
  leaseMs: number;
  /** The change committed with the job written claimed: run it. */
  adopt(job: Job): void;
  /** The job was written unclaimed (it waits behind another of its key), or the change rolled back. */
  release(): void;
}

/** A reservation not adopted within this long is given up (a change that rolled back without saying so). */
const RESERVATION_MS = 10_000;

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
  private readonly perTarget = new Map<string, number>();
  /** Slots held by reservations, counted in `perTarget` too. */
  private reserved = 0;
  private wakeUp: (() => void) | null = null;
  private wakeRequested = false;
  private loopDone: Promise<void> = Promise.resolve();
  private nextUnblock = 0;
  private nextExpiredCheck = 0;
  /**
   * The destinations excluded by a claim that took every due job it could (less than its limit),
   * for as long as nothing has happened that could give the same claim more: a job written here,
   * a poll, a job unblocked by the one before it finishing, a retry. Claiming again meanwhile
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

  /** Stops claiming, and waits for the jobs in flight to finish. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loopDone;
    await Promise.allSettled([...this.inFlight.values()]);
  }

  /**
   * Holds a slot for a job about to be written for `target`, when this worker has one free for
   * it; null when it does not (the job is then written for any worker to claim).
   */
  reserve(target: string | null): Reservation | null {
    const { concurrency, perTargetConcurrency, leaseMs } = this.options;
    if (!this.running || this.inFlight.size + this.reserved >= concurrency) return null;
    if (target !== null && perTargetConcurrency !== undefined && (this.perTarget.get(target) ?? 0) >= perTargetConcurrency) return null;
    this.reserved++;
    this.countTarget(target, +1);
    let held = true;
    const free = () => {
      if (!held) return false;
      held = false;
      clearTimeout(timer);
      this.reserved--;
      this.countTarget(target, -1);
      return true;
    };
    const timer = setTimeout(free, RESERVATION_MS);
    timer.unref();
    return {
      owner: this.owner,
      leaseMs,
      // Run even when the reservation was given up: the job is ours, claimed with our lease.
      // Stopping, leave it: its lease runs out and the next worker takes it.
      adopt: (job) => {
        free();
        if (this.running) this.run(job);
      },
      release: () => {
        // A slot came free that a claim may fill.
        if (free()) this.nudge();
      },
    };
  }

  private countTarget(target: string | null, by: 1 | -1): void {
    if (target === null) return;
    const count = (this.perTarget.get(target) ?? 0) + by;
    if (count > 0) this.perTarget.set(target, count);
    else this.perTarget.delete(target);
  }

  /** Something new may be due: claim again now. */
  wake(): void {
    this.futileExclusion = null;
    this.nudge();
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
   * How many jobs one claim may take: the free slots, but never so many that a destination could
   * end up with more than its limit in flight (the claim cannot tell whose jobs it will find).
   */
  private claimLimit(): number {
    const free = Math.min(this.options.concurrency - this.inFlight.size - this.reserved, 16);
    const limit = this.options.perTargetConcurrency;
    if (limit === undefined) return free;
    const busiest = Math.max(0, ...[...this.perTarget.values()].filter((n) => n < limit));
    return Math.min(free, limit - busiest);
  }

  private async loop(): Promise<void> {
    const { db, dialect, queue, leaseMs, logger, clock } = this.options;
    while (this.running) {
      this.wakeRequested = false;
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
      for (const job of claimed) this.run(job);
      if (claimed.length > 0 && claimed.length === limit) continue;
      if (this.wakeRequested) continue;
      const polled = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(true), this.options.pollMs);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve(false);
        };
      });
      this.wakeUp = null;
      // Retries come due and other processes write jobs: a poll claims whatever the exclusion.
      if (polled) this.futileExclusion = null;
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

  private run(job: Job): void {
    this.countTarget(job.target, +1);
    const done = this.carryOut(job).then((freedAJob) => {
      this.inFlight.delete(job.id);
      this.countTarget(job.target, -1);
      // The job's slot is free. A claim can find more than the last one only if this job or the
      // next of its key is due now, or if its destination was excluded and now has room (see
      // claimIsFutile).
      if (freedAJob) this.futileExclusion = null;
      this.nudge();
    });
    this.inFlight.set(job.id, done);
  }

  /** Runs the job and records its outcome; answers whether a claim may now find a job it could not before. Never throws. */
  private async carryOut(job: Job): Promise<boolean> {
    const { db, handler, onCrash, logger, clock, queue } = this.options;
    let outcome: JobOutcome;
    try {
      outcome = await handler(job);
    } catch (error) {
      logger.error({ err: error, queue, jobId: job.id }, 'job handler failed');
      outcome = { resolution: onCrash(job, error), attempts: [] };
    }
    try {
      const { took, unblocked } = await resolveJob(db, job, this.owner, outcome.resolution, outcome.attempts, clock());
      if (!took) logger.warn({ queue, jobId: job.id }, 'lease lost before the job was resolved; its new holder decides');
      this.options.onResolved?.(job, outcome);
      // A retry may be due at once (Retry-After: 0, a schedule of zeros).
      return unblocked || outcome.resolution.kind === 'retry';
    } catch (error) {
      // The lease runs out and the job is claimed again: at least once, never lost.
      logger.error({ err: error, queue, jobId: job.id }, 'recording the job outcome failed');
      return false;
    }
  }
}
