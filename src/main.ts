// `npm start`: Dojang with the configuration from the environment, the demo on first start,
// and a clean shutdown on SIGINT/SIGTERM (shutdown.ts): exit 0 within ten seconds.
import { issueAccessToken } from './accounts/access-tokens.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { DEMO, seedDemo } from './demo/seed-demo.ts';
import { createLogger, startDojang } from './dojang.ts';
import { SHUTDOWN_LIMIT_MS } from './shutdown.ts';
import { startBanner } from './start-banner.ts';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error(`Dojang cannot start: ${(error as Error).message}`);
    process.exit(1);
  }
  const logger = createLogger(config);
  const dojang = await startDojang(config, { logger });

  let demo = null;
  if (config.demo) {
    const { created, templateId } = await seedDemo(dojang.ctx);
    if (created) logger.info({ company: DEMO.company, templateId }, 'demo company and sample contract template created');
    const member = await dojang.ctx.db.selectFrom('members').select('id').where('company_id', '=', DEMO.company).where('email', '=', DEMO.email).executeTakeFirst();
    if (member) {
      const { token } = await issueAccessToken(dojang.ctx, { companyId: DEMO.company, memberId: member.id }, 'start banner');
      const company = await dojang.ctx.db.selectFrom('companies').select('webhook_secret').where('id', '=', DEMO.company).executeTakeFirstOrThrow();
      demo = { templateId, token, webhookSecret: company.webhook_secret };
    }
  }
  const routes = 'routes' in dojang.notifications ? (dojang.notifications as { routes: { email: string; mobile: string } }).routes : { email: '?', mobile: '?' };
  process.stdout.write(startBanner({ config, listening: dojang.url, demo, notifyRoutes: routes }));

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    // Whatever is still open by then (a stuck connection, a slow database) does not hold the exit:
    // jobs were given back, their leases let any process take them.
    setTimeout(() => {
      logger.warn({ limitMs: SHUTDOWN_LIMIT_MS }, 'shutdown took too long; exiting');
      process.exit(0);
    }, SHUTDOWN_LIMIT_MS).unref();
    dojang.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError || (error as { variable?: string }).variable ? (error as Error).message : (error as Error).stack;
  console.error(`Dojang cannot start: ${message}`);
  process.exit(1);
});
