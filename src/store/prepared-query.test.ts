// Prepared queries on SQLite and PostgreSQL: built once, run with each call's values.
import { WithSchemaPlugin } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { scratchStores, testDatabases } from '../../test/support/databases.ts';
import { holdingConnection, prepareQuery, prepareRowsInsert } from './prepared-query.ts';
import type { LoginGuardTable } from './schema.ts';
import { toTimestamp } from '../domain/time.ts';
import { toCompanyId, type CompanyId } from '../domain/ids.ts';

describe.each(testDatabases())('prepared queries on %s', (kind) => {
  const stores = scratchStores(kind);
  afterEach(() => stores.closeAll());
  const database = async () => (await stores.open()).store;

  const acme = toCompanyId('acme');
  const at = toTimestamp(new Date('2026-12-01T00:00:00.000Z'));
  let builds = 0;
  const insertGuard = prepareQuery<LoginGuardTable>()((db, p) => {
    builds++;
    return db
      .insertInto('login_guards')
      .values({ company_id: p.company_id, email: p.email, client: p.client, failures: p.failures, locked_until: p.locked_until, updated_at: p.updated_at })
      .returning(['email', 'failures']);
  });
  // A constant in the query ('%@example.com') stays where it was written, between the slots.
  const guardsOf = prepareQuery<{ companyId: CompanyId; atLeast: number }>()((db, p) =>
    db
      .selectFrom('login_guards')
      .select(['email', 'failures'])
      .where('company_id', '=', p.companyId)
      .where('email', 'like', '%@example.com')
      .where('failures', '>=', p.atLeast)
      .orderBy('email'),
  );
  const lockGuards = prepareQuery<{ companyId: CompanyId; until: LoginGuardTable['locked_until'] }>()((db, p) =>
    db.updateTable('login_guards').set({ locked_until: p.until }).where('company_id', '=', p.companyId),
  );

  it('is built once and runs with each call’s values, in a transaction as outside one', async () => {
    const { db } = await database();
    builds = 0;
    const guard = (email: string, failures: number) => ({ company_id: acme, email, client: '*', failures, locked_until: null, updated_at: at });
    expect(await insertGuard.rows(db, guard('kim@example.com', 1))).toEqual([{ email: 'kim@example.com', failures: 1 }]);
    await db.transaction().execute(async (trx) => {
      await insertGuard.rows(trx, guard('lee@example.com', 3));
      await insertGuard.rows(trx, guard('park@elsewhere.example', 5));
    });
    expect(builds).toBe(1);
    expect(await guardsOf.rows(db, { companyId: acme, atLeast: 2 })).toEqual([{ email: 'lee@example.com', failures: 3 }]);
    expect(await guardsOf.rows(db, { companyId: acme, atLeast: 0 })).toEqual([
      { email: 'kim@example.com', failures: 1 },
      { email: 'lee@example.com', failures: 3 },
    ]);
    expect(await guardsOf.rows(db, { companyId: toCompanyId('other'), atLeast: 0 })).toEqual([]);
  });

  it('answers how many rows a write changed, and takes null as a value', async () => {
    const { db } = await database();
    for (const email of ['a@example.com', 'b@example.com'])
      await insertGuard.run(db, { company_id: acme, email, client: '*', failures: 0, locked_until: at, updated_at: at });
    expect(await lockGuards.run(db, { companyId: acme, until: null })).toBe(2);
    expect(await lockGuards.run(db, { companyId: toCompanyId('other'), until: at })).toBe(0);
    expect(await db.selectFrom('login_guards').select('locked_until').execute()).toEqual([{ locked_until: null }, { locked_until: null }]);
  });

  it('answers the same in a transaction that holds the connection, and fails there as a promise', async () => {
    const { db } = await database();
    const guard = (email: string, failures: number) => ({ company_id: acme, email, client: '*', failures, locked_until: null, updated_at: at });
    const committed = db.transaction().execute((trx) =>
      holdingConnection(db, trx, async () => {
        expect(await insertGuard.rows(trx, guard('kim@example.com', 4))).toEqual([{ email: 'kim@example.com', failures: 4 }]);
        expect(await guardsOf.rows(trx, { companyId: acme, atLeast: 0 })).toEqual([{ email: 'kim@example.com', failures: 4 }]);
        expect(await lockGuards.run(trx, { companyId: acme, until: at })).toBe(1);
        // A duplicate key: the statement throws, the query's promise rejects.
        const failed = insertGuard.rows(trx, guard('kim@example.com', 5));
        await expect(failed).rejects.toThrow(/unique|duplicate/i);
      }),
    );
    // PostgreSQL refuses to commit the transaction that failed; SQLite commits the insert before the failure.
    if (kind === 'postgres') await expect(committed).rejects.toThrow();
    else await committed;
    expect(await guardsOf.rows(db, { companyId: acme, atLeast: 0 })).toEqual(kind === 'sqlite' ? [{ email: 'kim@example.com', failures: 4 }] : []);
  });

  it('refuses to run without a value for one of its slots', async () => {
    const { db } = await database();
    await expect(guardsOf.rows(db, { companyId: acme } as never)).rejects.toThrow(/without a value for atLeast/);
  });

  it('is compiled without the plugins of whichever Kysely ran it first', async () => {
    const { db } = await database();
    const countGuards = prepareQuery<{ companyId: CompanyId }>()((q, p) =>
      q
        .selectFrom('login_guards')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('company_id', '=', p.companyId),
    );
    // Had the first caller's plugin been compiled in, every later call would name a schema that does not exist.
    const withSchema = db.withPlugin(new WithSchemaPlugin('no_such_schema'));
    expect((await countGuards.rows(withSchema, { companyId: acme }))[0]!.n).toEqual(expect.anything());
    expect(Number((await countGuards.rows(db, { companyId: acme }))[0]!.n)).toBe(0);
  });

  it('inserts any number of rows in one statement, each with its own values', async () => {
    const { db } = await database();
    const insertGuards = prepareRowsInsert('login_guards', ['company_id', 'email', 'client', 'failures', 'locked_until', 'updated_at']);
    const guard = (email: string, failures: number) => ({ company_id: acme, email, client: '*', failures, locked_until: null, updated_at: at });
    expect(await insertGuards.run(db, [])).toBe(0);
    expect(await insertGuards.run(db, [guard('김@example.com', 1)])).toBe(1);
    expect(await insertGuards.run(db, [guard('lee@example.com', 2), guard('park@example.com', 3), guard('choi@example.com', 4)])).toBe(3);
    expect(await insertGuards.run(db, [guard('kang@example.com', 5)])).toBe(1);
    expect(await guardsOf.rows(db, { companyId: acme, atLeast: 0 })).toEqual([
      { email: 'choi@example.com', failures: 4 },
      { email: 'kang@example.com', failures: 5 },
      { email: 'lee@example.com', failures: 2 },
      { email: 'park@example.com', failures: 3 },
      { email: '김@example.com', failures: 1 },
    ]);
  });
});
