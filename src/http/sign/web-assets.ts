// The browser bundle built from src/web by scripts/build-web.ts (npm run build:web, run before
// `npm start` and `npm test`), served under /assets/ with pdf.js's worker, CMaps and fonts: no
// CDN, so the pages work on a closed network.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { ASSETS_PREFIX } from './page-shell.ts';

export const WEB_ASSETS_DIR = fileURLToPath(new URL('../../../dist/web/', import.meta.url));

export async function registerWebAssets(app: FastifyInstance): Promise<void> {
  if (!existsSync(WEB_ASSETS_DIR)) app.log.warn(`${WEB_ASSETS_DIR} is missing: run "npm run build:web" for the signing pages`);
  await app.register(fastifyStatic, {
    root: WEB_ASSETS_DIR,
    prefix: ASSETS_PREFIX,
    decorateReply: false,
    suppressWarning: true,
    schemaHide: true,
    // Fixed names, so every load revalidates (a 304 when unchanged) and a new build is seen at once.
    cacheControl: false,
    setHeaders(reply) {
      reply.header('cache-control', 'no-cache');
      reply.header('x-content-type-options', 'nosniff');
    },
  });
}
