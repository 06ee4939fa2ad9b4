// `npm run test:container` (run.sh) runs the image's checks with this configuration. The
// project's own vitest.config.ts includes only *.test.ts, so `npm test` never runs them.
import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = path.resolve(import.meta.dirname, '../..');

export default defineConfig({
  test: {
    root,
    include: ['test/container/**/*.container.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // The files mostly wait on containers: SQLite's and PostgreSQL's run side by side.
    maxWorkers: 3,
    // The same decision as `npm test`: the PostgreSQL admin URL, required when DOJANG_TEST_REQUIRE_POSTGRES=1.
    globalSetup: [path.join(root, 'test/support/global-setup.ts')],
  },
});
