// Wrong passwords of a member's email, counted across every way in (login 1001Q and the console),
// twice: from one client address, where five lock that email for that address for fifteen
// minutes, and from everywhere, where a looser ceiling locks the email for everyone. So a guesser
// is stopped, and locking an integration's account from elsewhere takes many addresses rather
// than five requests. Counted before the password is checked, so parallel guesses count too; a
// right password clears its address's count.
//
// Only a member's email is counted: a company or an email that does not exist has nothing to
// guess, and an anonymous caller cannot grow the table by inventing them. Counts expire after
// the window (sweepLoginGuards removes them), so the table holds only what is being counted now.
import type { Context } from '../context.ts';
import type { CompanyId } from '../domain/ids.ts';
import { type Timestamp, toTimestamp } from '../domain/time.ts';

export const MAX_LOGIN_FAILURES = 5;
/** Failures of one email from every address together before it is locked for all. */
export const MAX_EMAIL_FAILURES = 30;
export const LOGIN_LOCK_MINUTES = 15;
/** The longest email address there can be (RFC 5321: 64 + 1 + 255). */
export const MAX_EMAIL_LENGTH = 320;
/** The count of an email from everywhere is kept under this client. */
const EVERYWHERE = '*';

export type GuardedLogin<T> = { kind: 'ok'; value: T } | { kind: 'refused' } | { kind: 'locked'; until: Timestamp };

/** Runs `attempt` (null: wrong credentials) unless the email is locked for this client, and keeps the counts. */
export async function withLoginGuard<T>(
  ctx: Pick<Context, 'db' | 'clock'>,
  companyId: CompanyId,
  rawEmail: string,
  client: string,
  attempt: () => Promise<T | null>,
): Promise<GuardedLogin<T>> {
  const email = rawEmail.trim().toLowerCase();
  if (email.length > MAX_EMAIL_LENGTH) return { kind: 'refused' };
  const member = await ctx.db
    .selectFrom('members')
    .select('id')
    .where('company_id', '=', companyId)
    .where('email', '=', email)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  if (!member) {
    // Nothing to lock: still as slow as a wrong password (the attempt hashes one anyway).
    const value = await attempt();
    return value === null ? { kind: 'refused' } : { kind: 'ok', value };
  }

  const now = ctx.clock();
  const at = toTimestamp(now);
  const clients = [client.slice(0, 64), EVERYWHERE];
  const guards = ctx.db.selectFrom('login_guards').where('company_id', '=', companyId).where('email', '=', email).where('client', 'in', clients);
  // A lock that ran out, or a count older than the window, starts again.
  await ctx.db
    .deleteFrom('login_guards')
    .where('company_id', '=', companyId)
    .where('email', '=', email)
    .where('client', 'in', clients)
    .where((eb) => eb.or([eb('locked_until', '<=', at), eb.and([eb('locked_until', 'is', null), eb('updated_at', '<', windowStart(now))])]))
    .execute();
  const held = latestLock(await guards.select('locked_until').execute());
  if (held) return { kind: 'locked', until: held };

  for (const counted of clients) {
    await ctx.db
      .insertInto('login_guards')
      .values({ company_id: companyId, email, client: counted, failures: 1, locked_until: null, updated_at: at })
      .onConflict((oc) =>
        oc.columns(['company_id', 'email', 'client']).doUpdateSet((eb) => ({ failures: eb('login_guards.failures', '+', 1), updated_at: at })),
      )
      .execute();
  }
  const until = toTimestamp(new Date(now.getTime() + LOGIN_LOCK_MINUTES * 60_000));
  const locked = await ctx.db
    .updateTable('login_guards')
    .set({ locked_until: until })
    .where('company_id', '=', companyId)
    .where('email', '=', email)
    .where((eb) =>
      eb.or([
        eb.and([eb('client', '=', clients[0]!), eb('failures', '>=', MAX_LOGIN_FAILURES)]),
        eb.and([eb('client', '=', EVERYWHERE), eb('failures', '>=', MAX_EMAIL_FAILURES)]),
      ]),
    )
    .executeTakeFirst();

  const value = await attempt();
  if (value === null) return Number(locked.numUpdatedRows) > 0 ? { kind: 'locked', until } : { kind: 'refused' };
  // Right: this address starts again, and this try is no failure in the count from everywhere.
  await ctx.db.deleteFrom('login_guards').where('company_id', '=', companyId).where('email', '=', email).where('client', '=', clients[0]!).execute();
  await ctx.db
    .updateTable('login_guards')
    .set((eb) => ({ failures: eb('failures', '-', 1) }))
    .where('company_id', '=', companyId)
    .where('email', '=', email)
    .where('client', '=', EVERYWHERE)
    .where('failures', '>', 0)
    .execute();
  return { kind: 'ok', value };
}

/** Removes counts whose window and lock are over; the periodic sweep calls it. */
export async function sweepLoginGuards(ctx: Pick<Context, 'db' | 'clock'>): Promise<number> {
  const now = ctx.clock();
  const result = await ctx.db
    .deleteFrom('login_guards')
    .where((eb) =>
      eb.or([
        eb('locked_until', '<=', toTimestamp(now)),
        eb('failures', '<=', 0),
        eb.and([eb('locked_until', 'is', null), eb('updated_at', '<', windowStart(now))]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

const windowStart = (now: Date) => toTimestamp(new Date(now.getTime() - LOGIN_LOCK_MINUTES * 60_000));

function latestLock(rows: { locked_until: Timestamp | null }[]): Timestamp | null {
  const locks = rows.map((r) => r.locked_until).filter((l): l is Timestamp => l !== null);
  // Timestamps are ISO text: the later one sorts last (Math.max would make them numbers).
  // biome-ignore lint/complexity/useMathMinMax: strings, not numbers
  return locks.length === 0 ? null : locks.reduce((a, b) => (a > b ? a : b));
}
