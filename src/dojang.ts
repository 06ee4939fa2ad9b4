// The composition root: configuration → database → files → services → HTTP server → workers.
// main.ts runs it for `npm start`; tests run it in-process to speak HTTP to a real server.
import path from 'node:path';
import pino, { type Logger } from 'pino';
import { Registry, collectDefaultMetrics } from 'prom-client';
import type { FastifyInstance } from 'fastify';
import { systemClock, type Clock } from './clock.ts';
import { ConfigError, type Config } from './config.ts';
import type { Context } from './context.ts';
import { databaseFileStore, diskFileStore } from './files/file-store.ts';
import { buildServer } from './http/build-server.ts';
import { renderPdfViewerPage, signerSide } from './http/sign/plugin.ts';
import { consoleSide } from './http/console/plugin.ts';
import type { JobWorker } from './jobs/job-worker.ts';
import { queueWorker } from './jobs/queue.ts';
import { documentQueue, exportQueue, notifyQueue } from './jobs/queues.ts';
import { createAddressPolicy } from './exports/address-policy.ts';
import { assertExportUrl } from './exports/assert-export-url.ts';
import { ExportUrlError } from './exports/export-errors.ts';
import { exportJobHandler } from './exports/export-job-handler.ts';
import { createExportMetrics } from './exports/export-metrics.ts';
import { GuardedAgent } from './exports/guarded-agent.ts';
import { parseRetrySchedule } from './jobs/retry-schedule.ts';
import { notifyJobHandler } from './notify/notify-job-handler.ts';
import multipart from '@fastify/multipart';
import { readPemCertificates } from './documents/certificate-trust.ts';
import { documentJobHandler, sweepMissingDocuments } from './documents/produce-documents.ts';
import { loadOrCreateSigningKey, type SigningKey } from './documents/signing-key.ts';
import { verifyDocument } from './documents/verify-document.ts';
import { documentRoutes } from './http/documents/document-routes.ts';
import { verifyApiRoute, verifyPageRoutes } from './http/documents/verify-routes.ts';
import { createNotificationSender, type NotificationSender } from './notify/send-notification.ts';
import { serverSecret } from './security/server-secret.ts';
import { openDatabase, type Store } from './store/open-database.ts';
import type { JobQueue } from './store/schema.ts';
import { bootstrapAccounts } from './accounts/bootstrap-accounts.ts';
import { sweepLoginGuards } from './accounts/login-guard.ts';
import { sweepWindowCounts } from './security/count-in-window.ts';
import { sweepDrafts } from './signing/sign-drafts.ts';
import { clearExpiredDeliveries } from './jobs/retention.ts';
import { expireWorkflows } from './workflows/expire-workflows.ts';
import { remindBeforeExpiry } from './workflows/remind-before-expiry.ts';
import { toTimestamp } from './domain/time.ts';
import { PdfPool } from './pdf/pdf-pool.ts';
import { finishedWithin, SHUTDOWN_GRACE_MS } from './shutdown.ts';

export interface Dojang {
  app: FastifyInstance;
  ctx: Context;
  store: Store;
  /** The address the server listens on, e.g. http://127.0.0.1:3000 */
  url: string;
  metrics: Registry;
  notifications: NotificationSender;
  close(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  clock?: Clock;
  /** Listen (default) or only build the server. */
  listen?: boolean;
  /** Where messages go; built from the configuration by default. */
  notificationSender?: NotificationSender;
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
  const store = await openDatabase(config.database, {
    onCheckpointError: (message) => logger.warn({ reason: message }, 'SQLite checkpoint failed; will try again'),
  });
  await serverSecret(store.db);
  const files = config.fileStore === 'database' ? databaseFileStore(store.db, () => toTimestamp(clock())) : diskFileStore(path.join(config.dataDir, 'files'));
  const workers = new Map<JobQueue, JobWorker>();
  const metrics = new Registry();
  collectDefaultMetrics({ register: metrics });
  const exportMetrics = createExportMetrics(metrics, {
    countPending: async () =>
      Number(
        (
          await store.db
            .selectFrom('jobs')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('queue', '=', 'export')
            .where('status', 'in', ['pending', 'running'])
            .executeTakeFirstOrThrow()
        ).n,
      ),
  });
  // Outside production loopback is allowed, so a demo with a local receiver works out of the box.
  const pdf = new PdfPool({ ...config.pdf, maxWaiting: 64 });
  const exportPolicy = createAddressPolicy({ allowNetworks: config.exports.allowNetworks, allowLoopback: !config.production });
  const retrySchedule = parseRetrySchedule(config.exports.retrySchedule);
  const exportAgent = new GuardedAgent({ policy: exportPolicy, connectionsPerOrigin: config.exports.perHostConcurrency });

  const ctx: Context = {
    db: store.db,
    dialect: store.dialect,
    config,
    clock,
    files,
    logger,
    pdf,
    committed(effects) {
      for (let i = 0; i < effects.queued.export; i++) exportMetrics.recordEventCreated();
      // Jobs written claimed run here at once; only the others need a claim.
      for (const { reservation, job, known } of effects.adoptions) reservation.adopt(job, known);
      for (const [queue, worker] of workers) {
        if (queue === 'export' && effects.redeliveries > 0) worker.wake();
        else if (effects.unclaimed[queue]) worker.wake(effects.unclaimed[queue]);
      }
    },
    reserve: (queue, target) => workers.get(queue)?.reserve(target) ?? null,
    async checkExportUrl(url) {
      try {
        await assertExportUrl(url, exportPolicy);
        return null;
      } catch (error) {
        if (error instanceof ExportUrlError) return error.reason;
        throw error;
      }
    },
  };
  await bootstrapAccounts(ctx);

  // A worker per queue (jobs/queues.ts says what each carries and how a crash is retried).
  const workerBase = { db: store.db, dialect: store.dialect, logger, clock, pollMs: config.workerPollMs };
  workers.set(
    'export',
    queueWorker(
      exportQueue,
      exportJobHandler({ ctx, agent: exportAgent, schedule: retrySchedule, timeoutMs: config.exports.timeoutMs, metrics: exportMetrics }),
      {
        ...workerBase,
        concurrency: config.exports.concurrency,
        perTargetConcurrency: config.exports.perHostConcurrency,
        // Longer than the longest attempt and the write of its outcome, so a live attempt never
        // loses its lease; a dead process's event is taken over this long after it died.
        leaseMs: 2 * config.exports.timeoutMs + 5_000,
      },
    ),
  );

  const notifications = options.notificationSender ?? createNotificationSender({ config: config.notify, logger });
  const notifySchedule = config.notifyRetrySchedule ? parseRetrySchedule(config.notifyRetrySchedule, 'DOJANG_NOTIFY_RETRY_SCHEDULE') : undefined;
  workers.set(
    'notify',
    queueWorker(notifyQueue, notifyJobHandler(ctx, notifications, notifySchedule), {
      ...workerBase,
      concurrency: 8,
      leaseMs: 120_000,
    }),
  );

  const timestampAuthorities = config.signing.tsaCaPath ? readPemCertificates(config.signing.tsaCaPath, 'DOJANG_TSA_CA') : [];
  let signingKeyLoad: Promise<SigningKey> | null = null;
  const signingKey = () => {
    signingKeyLoad ??= loadOrCreateSigningKey({ dataDir: config.dataDir, ...config.signing }).catch((error: unknown) => {
      signingKeyLoad = null;
      throw error;
    });
    return signingKeyLoad;
  };
  // An operator's PKCS#12 is opened now: a wrong path or password stops the start, naming the
  // variable, rather than failing every document job later. Dojang's own key is made on first use.
  if (config.signing.p12Path) {
    await signingKey().catch(async (error: unknown) => {
      await Promise.all([pdf.close(), store.close()]);
      throw new ConfigError('DOJANG_SIGNING_P12', error instanceof Error ? error.message : String(error));
    });
  }
  workers.set(
    'document',
    queueWorker(documentQueue, documentJobHandler(ctx, { signingKey, timestampAuthorities }), {
      ...workerBase,
      concurrency: 2,
      leaseMs: 5 * 60_000,
    }),
  );
  const verify = async (pdf: Uint8Array) => verifyDocument(ctx, await signingKey(), pdf, timestampAuthorities);

  let stopping = false;
  const app = await buildServer({
    ctx,
    logger,
    metrics,
    // A process started without workers (DOJANG_WORKERS=false) serves HTTP only and is ready without them.
    async readiness() {
      const checks: Record<string, string> = { shutdown: stopping ? 'stopping' : 'ok' };
      if (config.workers) for (const [queue, worker] of workers) checks[`worker ${queue}`] = worker.isRunning ? 'ok' : 'stopped';
      return checks;
    },
    v1Routes: [(scope) => verifyApiRoute(scope, ctx, verify)],
    pages: [
      (scope) => documentRoutes(scope, ctx, renderPdfViewerPage),
      async (scope) => {
        await scope.register(multipart, { limits: { fileSize: 30 * 1024 * 1024, files: 1 } });
        verifyPageRoutes(scope, ctx, verify);
      },
      signerSide,
      consoleSide,
    ],
  });

  const timers: NodeJS.Timeout[] = [];
  if (config.workers) {
    for (const worker of workers.values()) worker.start();
    const sweep = async () => {
      await expireWorkflows(ctx).catch((error: unknown) => logger.error({ err: error }, 'expiry sweep failed'));
      await sweepMissingDocuments(ctx).catch((error: unknown) => logger.error({ err: error }, 'document sweep failed'));
      await remindBeforeExpiry(ctx).catch((error: unknown) => logger.error({ err: error }, 'expiry reminder sweep failed'));
      await sweepLoginGuards(ctx).catch((error: unknown) => logger.error({ err: error }, 'login guard sweep failed'));
      await sweepWindowCounts(ctx.db, clock()).catch((error: unknown) => logger.error({ err: error }, 'rate limit sweep failed'));
      await sweepDrafts(ctx).catch((error: unknown) => logger.error({ err: error }, 'draft sweep failed'));
      await clearExpiredDeliveries(ctx).then(
        (cleared) =>
          cleared > 0 && logger.info({ cleared, retentionDays: config.retentionDays }, 'cleared the content of finished exports and messages past retention'),
        (error: unknown) => logger.error({ err: error }, 'retention sweep failed'),
      );
    };
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
    notifications,
    async close() {
      stopping = true;
      for (const timer of timers) clearInterval(timer);
      // No new requests or jobs; those in flight get the grace period (shutdown.ts), together.
      await Promise.all([finishedWithin(app.close(), SHUTDOWN_GRACE_MS), ...[...workers.values()].map((w) => w.stop(SHUTDOWN_GRACE_MS))]);
      await exportAgent.close();
      await pdf.close();
      await notifications.close();
      await store.close();
    },
  };
}
