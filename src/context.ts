// What every service needs, built once by main.ts (the composition root).
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { FileStore } from './files/file-store.ts';
import type { Dialect } from './store/migrations.ts';
import type { Database, JobQueue } from './store/schema.ts';

export interface Context {
  db: Kysely<Database>;
  dialect: Dialect;
  config: Config;
  clock: Clock;
  files: FileStore;
  logger: Logger;
  /** Tells this process's worker for a queue that a committed change left it work. */
  wake(queue: JobQueue): void;
  /** Whether an export URL may be used: null when it may, else the reason it may not. */
  checkExportUrl(url: string): Promise<string | null>;
}
