// On PostgreSQL the prepared queries run as named statements, prepared once per connection.
import pg from 'pg';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { scratchDatabase, scratchStores, testDatabases } from '../../test/support/databases.ts';
import { openDatabase } from './open-database.ts';
import { prepareQuery } from './prepared-query.ts';
import { toCompanyId, type CompanyId } from '../domain/ids.ts';

describe.runIf(testDatabases().includes('postgres'))('named statements on PostgreSQL', () => {
  const stores = scratchStores('postgres');
  afterEach(() => stores.closeAll());
  const acme = toCompanyId('acme');
  const guardsOf = prepareQuery<{ companyId: CompanyId }>()((db, p) => db.selectFrom('login_guards').selectAll().where('company_id', '=', p.companyId));

  /** One connection, so every run below meets the statements the ones before it prepared. */
  async function open() {
    const scratch = await scratchDatabase('postgres');
    const store = await openDatabase({ kind: 'postgres', url: scratch.url }, { poolSize: 1 });
    stores.track(store, scratch);
    return { db: store.db, url: scratch.url };
  }
  const prepared = async (db: Awaited<ReturnType<typeof open>>['db']) =>
    (await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(db)).rows.map((r) => r.statement);

  it('prepares a prepared query once per connection, and sends SQL built per call unnamed', async () => {
    const { db } = await open();
    expect(await guardsOf.rows(db, { companyId: acme })).toEqual([]);
    expect(await guardsOf.rows(db, { companyId: acme })).toEqual([]);
    await db.selectFrom('login_guards').select('email').where('company_id', '=', acme).execute();
    const statements = await prepared(db);
    expect(statements.filter((s) => s.includes('"login_guards"'))).toEqual([expect.stringContaining('select * from "login_guards"')]);
  });

  it('prepares a statement afresh once a column was added under it', async () => {
    const { db, url } = await open();
    await guardsOf.rows(db, { companyId: acme });
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      await other.query('alter table login_guards add column note text');
      await other.query(
        `insert into login_guards (company_id, email, client, failures, updated_at, note) values ('acme', 'kim@example.com', '*', 1, '2026-12-01T00:00:00.000Z', 'new')`,
      );
    } finally {
      await other.end();
    }
    // The run that meets the change fails (its plan no longer fits); the next prepares anew.
    await expect(guardsOf.rows(db, { companyId: acme })).rejects.toThrow(/cached plan must not change result type/);
    expect(await guardsOf.rows(db, { companyId: acme })).toEqual([expect.objectContaining({ email: 'kim@example.com', note: 'new' })]);
  });
});
