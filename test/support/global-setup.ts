// Decides once per run whether the PostgreSQL half of the suite runs. `npm test` runs it when
// PostgreSQL answers and says loudly when it does not; DOJANG_TEST_REQUIRE_POSTGRES=1 (set by
// .ci/run) turns an unreachable PostgreSQL into a failure, so CI can never skip it silently.
import pg from 'pg';
import type { TestProject } from 'vitest/node';

export const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/test';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string | null;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const url = process.env.DOJANG_TEST_POSTGRES_URL ?? DEFAULT_ADMIN_URL;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    project.provide('postgresAdminUrl', url);
    console.log(`\n  PostgreSQL: running the PostgreSQL half of the suite against ${url.replace(/:[^:@/]*@/, ':…@')}\n`);
  } catch (error) {
    if (process.env.DOJANG_TEST_REQUIRE_POSTGRES === '1') {
      throw new Error(`PostgreSQL is required (DOJANG_TEST_REQUIRE_POSTGRES=1) but ${url} did not answer: ${(error as Error).message}`);
    }
    project.provide('postgresAdminUrl', null);
    console.log(
      `\n  ************************************************************************\n  PostgreSQL at ${url} did not answer: SKIPPING the PostgreSQL half.\n  Only SQLite was tested. Set DOJANG_TEST_POSTGRES_URL or start PostgreSQL.\n  ************************************************************************\n`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}
