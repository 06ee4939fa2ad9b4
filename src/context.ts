// What every service needs, built once by main.ts (the composition root).
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { FileStore } from './files/file-store.ts';
import type { Dialect } from './store/migrations.ts';
import type { Database, Job, JobQueue } from './store/schema.ts';
import type { PdfPool } from './pdf/pdf-pool.ts';
import type { Known } from './jobs/queue.ts';

export interface Context {
  db: Kysely<Database>;
  dialect: Dialect;
  config: Config;
  clock: Clock;
  files: FileStore;
  logger: Logger;
  /** Where every PDF is parsed, drawn, sealed and checked: worker threads, within bounds. */
  pdf: PdfPool;
  /** A change committed these side effects: wake the workers that carry them out, count them. */
  committed(effects: Effects): void;
  /** A slot of this process's worker of `queue` for a job about to be written for `target` (jobs/job-worker.ts), or null. */
  reserve(queue: JobQueue, target: string | null): Reservation | null;
  /** Whether an export URL may be used: null when it may, else the reason it may not. */
  checkExportUrl(url: string): Promise<string | null>;
}

/** The side effects a change queued (jobs/change.ts), so the workers can be woken and counted after the commit. */
export interface Effects {
  /** Jobs written, per queue. */
  queued: Record<JobQueue, number>;
  /** Export events put back in line (redelivery). */
  redeliveries: number;
  /** Jobs written already claimed by this process's worker, to run once the change commits, with what the change knew for them. */
  adoptions: { reservation: Reservation; job: Job; known: Known<unknown, unknown> }[];
  /** The destinations of the jobs written for any worker to claim (not adopted), per queue. */
  unclaimed: Partial<Record<JobQueue, (string | null)[]>>;
}

/**
 * A worker's consent to a job being written already claimed by it, while the change that writes
 * it is still open (jobs/outbox.ts, `claimedBy`). Once the change commits, the job is adopted:
 * it waits in this process for a free slot and runs with no claim query. Should this process
 * die first, the job's lease runs out and any worker claims it, as with any claimed job; a
 * change that rolls back wrote nothing, so there is nothing to give back.
 */
export interface Reservation {
  owner: string;
  leaseMs: number;
  /** The change committed with the job written claimed: run it when there is room. */
  adopt(job: Job, known?: Known<unknown, unknown>): void;
}
