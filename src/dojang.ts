// The composition root: configuration → database → files → services → HTTP server → workers.
// main.ts runs it for `npm start`; tests run it in-process to speak HTTP to a real server.
import path from 'node:path';
import pino, { type Logger } from 'pino';
import { Registry, collectDefaultMetrics } from 'prom-client';
import type { FastifyInstance } from 'fastify';
import { systemClock, type Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Context } from './context.ts';
import { databaseFileStore, diskFileStore } from './files/file-store.ts';
import { buildServer } from './http/build-server.ts';
import type { JobWorker } from './jobs/job-worker.ts';
import { serverSecret } from './security/server-secret.ts';
import { openDatabase, type Store } from './store/open-database.ts';
import type { JobQueue } from './store/schema.ts';
import { bootstrapAccounts } from './accounts/bootstrap-accounts.ts';
import { expireWorkflows } from './workflows/expire-workflows.ts';

export interface Dojang {
  app: FastifyInstance;
  ctx: Context;
  store: Store;
  /** The address the server listens on, e.g. http://127.0.0.1:3000 */
  url: string;
  metrics: Registry;
  close(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  clock?: Clock;
  /** Listen (default) or only build the server. */
  listen?: boolean;
}

export function createLogger(config: Config): Logger {
  return pino({
    level: config.logLevel,
    redact: { paths: ['req.headers.authorization', 'authorization', '*.authorization', 'headers.authorization'], censor: '[redacted]' },
  });
}

export async function startDojang(config: Config, options: StartOptions = {}): Promise<Dojang> {
  const logger = options.logger ?? createLogger(config);
  const clock = options.clock ?? systemClock;
  const store = await openDatabase(config.database);
  await serverSecret(store.db);
  const files =
    config.fileStore === 'database'
      ? databaseFileStore(store.db, () => clock().toISOString())
      : diskFileStore(path.join(config.dataDir, 'files'));
  const workers = new Map<JobQueue, JobWorker>();
  const ctx: Context = {
    db: store.db,
    dialect: store.dialect,
    config,
    clock,
    files,
    logger,
    wake: (queue) => workers.get(queue)?.wake(),
    async checkExportUrl(url) {
      try {
        const parsed = new URL(url);
        return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? null : 'http:// 또는 https:// 주소여야 합니다 (must be an http(s) URL)';
      } catch {
        return 'URL 형식이 아닙니다 (not a URL)';
      }
    },
  };
  await bootstrapAccounts(ctx);

  const metrics = new Registry();
  collectDefaultMetrics({ register: metrics });
  const app = await buildServer({ ctx, logger, metrics });

  const timers: NodeJS.Timeout[] = [];
  if (config.workers) {
    for (const worker of workers.values()) worker.start();
    const sweep = () => expireWorkflows(ctx).catch((error: unknown) => logger.error({ err: error }, 'expiry sweep failed'));
    timers.push(setInterval(sweep, 60_000));
    void sweep();
  }

  let url = '';
  if (options.listen !== false) {
    url = await app.listen({ port: config.port, host: config.host });
    url = url.replace('//[::]', '//localhost').replace('//0.0.0.0', '//localhost');
  }

  return {
    app,
    ctx,
    store,
    url,
    metrics,
    async close() {
      for (const timer of timers) clearInterval(timer);
      await app.close();
      await Promise.all([...workers.values()].map((w) => w.stop()));
      await store.close();
    },
  };
}
