// GET /api/v2/company (회사 정보 조회): the company and what it used. Dojang is self-hosted and
// bills nobody, so the "period" is the calendar month in the company's time zone; every count
// is a range count on an index (migration 0003_search_indexes).
import type { Context } from '../context.ts';
import { dayInOffset, startOfDay, type Timestamp, toTimestamp } from '../domain/time.ts';
import type { Kysely } from 'kysely';
import type { Company, Database } from '../store/schema.ts';
import type { CompanyId } from '../domain/ids.ts';

export interface CompanyUsage {
  company: Company;
  /** The earliest member: who created the company. */
  creatorEmail: string;
  periodStart: Date;
  periodEnd: Date;
  started: number;
  completed: number;
  members: number;
  templates: number;
}

/** The calendar month an instant falls in, in the given offset: [start, end). */
export function monthAround(now: Date, offset: string): { start: Date; end: Date } {
  const [year, month] = dayInOffset(now, offset).split('-').map(Number) as [number, number];
  const first = `${year}-${String(month).padStart(2, '0')}-01`;
  const next = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  return { start: startOfDay(first, offset), end: startOfDay(next, offset) };
}

/** This period's counts (exported for the benchmark's query plans). */
export function usageCountQueries(db: Kysely<Database>, companyId: CompanyId, from: Timestamp, until: Timestamp) {
  const count = (column: 'created_at' | 'completed_at') =>
    db
      .selectFrom('workflows')
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .where('company_id', '=', companyId)
      .where(column, '>=', from)
      .where(column, '<', until);
  return { started: count('created_at'), completed: count('completed_at') };
}

export async function countCompanyUsage(ctx: Pick<Context, 'db' | 'clock'>, companyId: CompanyId): Promise<CompanyUsage | null> {
  const company = await ctx.db.selectFrom('companies').selectAll().where('id', '=', companyId).executeTakeFirst();
  if (!company) return null;
  const { start, end } = monthAround(ctx.clock(), company.utc_offset);
  const usage = usageCountQueries(ctx.db, companyId, toTimestamp(start), toTimestamp(end));
  const count = <T extends { total: number | string | bigint }>(row: T) => Number(row.total);
  const [creator, started, completed, members, templates] = await Promise.all([
    ctx.db.selectFrom('members').select('email').where('company_id', '=', companyId).orderBy('id').limit(1).executeTakeFirst(),
    usage.started.executeTakeFirstOrThrow(),
    usage.completed.executeTakeFirstOrThrow(),
    ctx.db
      .selectFrom('members')
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .where('company_id', '=', companyId)
      .where('removed_at', 'is', null)
      .executeTakeFirstOrThrow(),
    ctx.db
      .selectFrom('templates')
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .where('company_id', '=', companyId)
      .where('one_off', '=', 0)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    company,
    creatorEmail: creator?.email ?? '',
    periodStart: start,
    periodEnd: end,
    started: count(started),
    completed: count(completed),
    members: count(members),
    templates: count(templates),
  };
}
