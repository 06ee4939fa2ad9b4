// What every service needs, built once by main.ts (the composition root).
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { FileStore } from './files/file-store.ts';
import type { Dialect } from './store/migrations.ts';
import type { Database } from './store/schema.ts';
import type { Reservation } from './jobs/job-worker.ts';
import type { PdfPool } from './pdf/pdf-pool.ts';
import type { Effects } from './workflows/change-kit.ts';

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
  /** A slot of this process's export worker for an export about to be written for `target` (jobs/job-worker.ts), or null. */
  reserveExport(target: string): Reservation | null;
  /** Whether an export URL may be used: null when it may, else the reason it may not. */
  checkExportUrl(url: string): Promise<string | null>;
}
