// The browser bundle built from src/web by scripts/build-web.ts (npm run build:web, run before
// `npm start` and `npm test`), served under /assets/ with pdf.js's worker, CMaps and fonts: no
// CDN, so the pages work on a closed network. Every file's name carries its content's hash (or
// pdf.js's version), so browsers keep them for a year and never ask again; only the pages' HTML
// revalidates. Brotli and gzip copies made at build are sent to browsers that take them.
import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { ASSETS_PREFIX } from './page-shell.ts';
import { WEB_ASSETS_DIR } from './web-assets-dir.ts';

export { WEB_ASSETS_DIR };

/** A file whose name changes with its content: `sign-CXLTASKK.js`, `pdfjs-5.6.205/cmaps/…`. */
const VERSIONED = /(?:-[A-Z0-9]{8}\.\w+(?:\.(?:br|gz))?$)|(?:^|[\\/])pdfjs-[\d.]+[\\/]/;

export async function registerWebAssets(app: FastifyInstance): Promise<void> {
  if (!existsSync(WEB_ASSETS_DIR)) app.log.warn(`${WEB_ASSETS_DIR} is missing: run "npm run build:web" for the signing pages`);
  await app.register(fastifyStatic, {
    root: WEB_ASSETS_DIR,
    prefix: ASSETS_PREFIX,
    decorateReply: false,
    suppressWarning: true,
    schemaHide: true,
    preCompressed: true,
    cacheControl: false,
    setHeaders(reply, file) {
      reply.header('cache-control', VERSIONED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache');
      reply.header('x-content-type-options', 'nosniff');
    },
  });
}
