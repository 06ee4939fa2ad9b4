// A change's transaction holding its connection: statements issued together run in the order
// issued, a failure among them takes the whole transaction back, on both databases; on
// PostgreSQL they are sent before the first is answered (pipelined; the exports bench measures it).
import { afterEach, describe, expect, it } from 'vitest';
import { scratchStores, testDatabases } from '../../test/support/databases.ts';
import { allWritten, inHeldTransaction } from './held-transaction.ts';
import { holdsItsConnection, prepareQuery } from './prepared-query.ts';
import { toCompanyId, type CompanyId } from '../domain/ids.ts';
import type { Timestamp } from '../domain/time.ts';

const insertCompany = prepareQuery<{ id: CompanyId; name: string }>()((db, p) =>
  db
    .insertInto('companies')
    .values({ id: p.id, name: p.name, utc_offset: '+09:00', webhook_secret: 'whsec_x', created_at: '2026-12-07T00:00:00.000Z' as Timestamp }),
);
const renameCompany = prepareQuery<{ id: CompanyId; name: string }>()((db, p) => db.updateTable('companies').set({ name: p.name }).where('id', '=', p.id));

describe.each(testDatabases())('statements issued together in a held transaction on %s', (kind) => {
  const stores = scratchStores(kind);
  afterEach(() => stores.closeAll());

  it('run in the order issued', async () => {
    const { store } = await stores.open();
    const id = toCompanyId('acme');
    const changed = await inHeldTransaction(store.db, (trx) =>
      allWritten(insertCompany.run(trx, { id, name: '하나' }), [renameCompany.run(trx, { id, name: '둘' }), renameCompany.run(trx, { id, name: '셋' })]),
    );
    expect(changed).toBe(1);
    expect(await store.db.selectFrom('companies').select('name').where('id', '=', id).executeTakeFirst()).toEqual({ name: '셋' });
  });

  it('hold their connection, in transactions opened together too', async () => {
    const { store } = await stores.open();
    const held = await Promise.all([1, 2, 3].map(() => inHeldTransaction(store.db, async (trx) => holdsItsConnection(trx))));
    expect(held).toEqual([true, true, true]);
  });

  it('take the whole transaction back when one of them fails', async () => {
    const { store } = await stores.open();
    const id = toCompanyId('acme');
    const failing = inHeldTransaction(store.db, (trx) =>
      allWritten(insertCompany.run(trx, { id, name: '하나' }), [insertCompany.run(trx, { id, name: '같은 id' }), renameCompany.run(trx, { id, name: '셋' })]),
    );
    await expect(failing).rejects.toThrow(/unique|duplicate/i);
    expect(await store.db.selectFrom('companies').select('name').execute()).toEqual([]);
  });
});
