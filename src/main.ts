// `npm start`: Dojang with the configuration from the environment, the demo on first start,
// and a clean shutdown on SIGINT/SIGTERM (shutdown.ts): exit 0 within ten seconds.
//
// The signals are heard before anything else is loaded (a container stopped a second after it
// started, when Node runs as PID 1 and an unheard SIGTERM is ignored): the rest of Dojang is
// imported once the handlers are in place.
import type { Dojang } from './dojang.ts';
import { SHUTDOWN_LIMIT_MS } from './shutdown.ts';

let dojang: Dojang | null = null;
let stopping: string | null = null;

function close(running: Dojang, signal: string): void {
  running.ctx.logger.info({ signal }, 'stopping');
  running.close().then(
    () => process.exit(0),
    (error: unknown) => {
      running.ctx.logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    },
  );
}

function stop(signal: string): void {
  if (stopping) return;
  stopping = signal;
  // Whatever is still open by then (a stuck connection, a slow database, a start that hangs)
  // does not hold the exit: jobs were given back, their leases let any process take them.
  setTimeout(() => {
    console.error(`Dojang: shutdown took longer than ${SHUTDOWN_LIMIT_MS} ms; exiting`);
    process.exit(0);
  }, SHUTDOWN_LIMIT_MS).unref();
  if (dojang) close(dojang, signal);
}
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));

async function main(): Promise<void> {
  const { loadConfig } = await import('./config.ts');
  const config = loadConfig();
  const [{ createLogger, startDojang }, { DEMO, seedDemo }, { issueAccessToken }, { startBanner }] = await Promise.all([
    import('./dojang.ts'),
    import('./demo/seed-demo.ts'),
    import('./accounts/access-tokens.ts'),
    import('./start-banner.ts'),
  ]);
  // Stopped before anything was started: nothing to close.
  if (stopping) process.exit(0);
  const logger = createLogger(config);
  const running = await startDojang(config, { logger });
  dojang = running;
  if (stopping) return close(running, stopping);

  let demo = null;
  if (config.demo) {
    const { created, templateId } = await seedDemo(running.ctx);
    if (created) logger.info({ company: DEMO.company, templateId }, 'demo company and sample contract template created');
    const member = await running.ctx.db
      .selectFrom('members')
      .select('id')
      .where('company_id', '=', DEMO.company)
      .where('email', '=', DEMO.email)
      .executeTakeFirst();
    if (member) {
      const { token } = await issueAccessToken(running.ctx, { companyId: DEMO.company, memberId: member.id }, 'start banner');
      const company = await running.ctx.db.selectFrom('companies').select('webhook_secret').where('id', '=', DEMO.company).executeTakeFirstOrThrow();
      demo = { templateId, token, webhookSecret: company.webhook_secret };
    }
  }
  const routes =
    'routes' in running.notifications ? (running.notifications as { routes: { email: string; mobile: string } }).routes : { email: '?', mobile: '?' };
  process.stdout.write(startBanner({ config, listening: running.url, demo, notifyRoutes: routes }));
}

main().catch((error: unknown) => {
  // A bad setting says which variable and why; anything else, where it happened.
  const message = (error as { variable?: string }).variable ? (error as Error).message : (error as Error).stack;
  console.error(`Dojang cannot start: ${message}`);
  process.exit(1);
});
