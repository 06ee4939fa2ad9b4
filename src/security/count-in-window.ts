// Counts under a key within a fixed window, kept in the database so every process sharing it
// counts together: the public endpoints' rate limits (http/rate-limits.ts) and "once per window"
// records (document downloads). One upsert per count; rows whose window ended are swept.
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import { toTimestamp } from '../domain/time.ts';

export interface WindowCount {
  /** This count included: 1 for the first in the window. */
  count: number;
  windowEnds: Date;
}

export async function countInWindow(db: Kysely<Database>, key: string, windowMs: number, now: Date): Promise<WindowCount> {
  const at = toTimestamp(now);
  const ends = toTimestamp(new Date(now.getTime() + windowMs));
  // In DO UPDATE, the row's columns are its values before the update: a window that ended starts again.
  const row = await db
    .insertInto('rate_limits')
    .values({ key, count: 1, window_ends: ends })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        count: eb
          .case()
          .when('rate_limits.window_ends', '<=', at)
          .then(1)
          .else(eb('rate_limits.count', '+', 1))
          .end(),
        window_ends: eb.case().when('rate_limits.window_ends', '<=', at).then(ends).else(eb.ref('rate_limits.window_ends')).end(),
      })),
    )
    .returning(['count', 'window_ends'])
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), windowEnds: new Date(row.window_ends) };
}

/** Removes the counts whose window has ended; the periodic sweep calls it. */
export async function sweepWindowCounts(db: Kysely<Database>, now: Date): Promise<number> {
  const result = await db.deleteFrom('rate_limits').where('window_ends', '<=', toTimestamp(now)).executeTakeFirst();
  return Number(result.numDeletedRows);
}
