// Changes arriving together on SQLite share one transaction, each in its own savepoint.
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../store/schema.ts';
import { CommitGroup } from './commit-group.ts';

interface Scratch {
  parents: { id: number };
  children: { id: number; parent_id: number };
}

describe('commit groups', () => {
  let sqlite: SQLite.Database;
  let commits = 0;
  afterEach(() => sqlite.close());

  function open(): { db: Kysely<Scratch>; group: CommitGroup } {
    sqlite = new SQLite(':memory:');
    sqlite.pragma('foreign_keys = ON');
    sqlite.exec('create table parents (id integer primary key); create table children (id integer primary key, parent_id integer references parents(id))');
    commits = 0;
    const counting = {
      close: () => sqlite.close(),
      prepare: (text: string) => {
        if (/^commit/i.test(text)) commits++;
        return sqlite.prepare(text);
      },
    };
    const db = new Kysely<Scratch>({ dialect: new SqliteDialect({ database: counting }) });
    return { db, group: new CommitGroup(db as unknown as Kysely<Database>) };
  }
  const asScratch = (trx: Kysely<Database>) => trx as unknown as Kysely<Scratch>;
  const ids = async (db: Kysely<Scratch>) => (await db.selectFrom('parents').select('id').orderBy('id').execute()).map((r) => r.id);

  it('commits the changes that arrive together once, each answered after the commit', async () => {
    const { db, group } = open();
    const answers = await Promise.all(
      [1, 2, 3, 4, 5].map((id) =>
        group.run(async (trx) => {
          await asScratch(trx).insertInto('parents').values({ id }).execute();
          return id * 10;
        }),
      ),
    );
    expect(answers).toEqual([10, 20, 30, 40, 50]);
    expect(await ids(db)).toEqual([1, 2, 3, 4, 5]);
    expect(commits).toBe(1);
  });

  it("rolls back a failing change's writes alone, and tells only its caller", async () => {
    const { db, group } = open();
    const results = await Promise.allSettled([
      group.run((trx) => asScratch(trx).insertInto('parents').values({ id: 1 }).execute()),
      group.run(async (trx) => {
        await asScratch(trx).insertInto('parents').values({ id: 2 }).execute();
        throw new Error('refused');
      }),
      group.run((trx) => asScratch(trx).insertInto('parents').values({ id: 3 }).execute()),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error('refused'));
    expect(await ids(db)).toEqual([1, 3]);
    expect(commits).toBe(1);
  });

  it('fails the changes waiting when no transaction can begin, once', async () => {
    const { group } = open();
    sqlite.close();
    await expect(group.run(async () => 1)).rejects.toThrow(/not open/);
    await expect(group.run(async () => 2)).rejects.toThrow(/not open/);
    sqlite = new SQLite(':memory:');
  });

  it('fails every change of a group whose commit fails, and the next group commits', async () => {
    const { db, group } = open();
    const results = await Promise.allSettled([
      group.run((trx) => asScratch(trx).insertInto('parents').values({ id: 1 }).execute()),
      group.run(async (trx) => {
        // Checked at the commit, which then fails for the whole group.
        await sql`pragma defer_foreign_keys = on`.execute(trx);
        await asScratch(trx).insertInto('children').values({ id: 1, parent_id: 99 }).execute();
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await ids(db)).toEqual([]);
    await group.run((trx) => asScratch(trx).insertInto('parents').values({ id: 2 }).execute());
    expect(await ids(db)).toEqual([2]);
  });
});
