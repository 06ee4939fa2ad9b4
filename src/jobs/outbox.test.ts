// The outbox's claim query, on SQLite: it must reach open jobs through the partial indexes.
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { scratchDatabase, type ScratchDatabase } from '../../test/support/databases.ts';
import { openDatabase } from '../store/open-database.ts';
import type { Database } from '../store/schema.ts';
import { claimJobs } from './outbox.ts';

describe('the claim query on SQLite', () => {
  const scratches: ScratchDatabase[] = [];
  afterEach(async () => {
    for (const scratch of scratches.splice(0)) await scratch.drop();
  });

  it('claims through the partial indexes, never by scanning the table', async () => {
    const scratch = await scratchDatabase('sqlite');
    scratches.push(scratch);
    const file = scratch.url.slice('sqlite:'.length);
    await (await openDatabase({ kind: 'sqlite', file })).close();
    const raw = new SQLite(file);
    const queries: { sql: string; parameters: readonly unknown[] }[] = [];
    const logged = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }), log: (event) => void queries.push(event.query) });
    await claimJobs(logged, 'sqlite', { queue: 'export', owner: 'w1', limit: 16, leaseMs: 30_000, now: new Date(), excludeTargets: ['receiver.example'] });
    const plans = queries
      .filter((q) => q.sql.startsWith('select'))
      .map((q) => (raw.prepare(`explain query plan ${q.sql}`).all(...(q.parameters as unknown[])) as { detail: string }[]).map((r) => r.detail).join('\n'));
    await logged.destroy();
    expect(plans).toHaveLength(2);
    for (const plan of plans) {
      expect(plan).toMatch(/SEARCH j USING INDEX jobs_claim/);
      expect(plan).toMatch(/SEARCH p USING (COVERING )?INDEX jobs_ordering/);
      expect(plan).not.toMatch(/SCAN|TEMP B-TREE/);
    }
  });
});
