// Search by field value (5008Q) and by period (5009Q): a company's workflows, newest first, a
// page at a time. Both queries walk one index in order and stop after the page (migration
// 0003_search_indexes), so they stay fast with a million workflows.
import { sql, type Kysely } from 'kysely';
import type { Context } from '../context.ts';
import { SEARCH_VALUE_PREFIX } from '../store/migrations.ts';
import type { Database, Workflow } from '../store/schema.ts';
import { toTimestamp } from '../domain/time.ts';
import type { CompanyId, TemplateId } from '../domain/ids.ts';

export interface PageRequest {
  /** 1-based. */
  page: number;
  rows: number;
}

/** One workflow found, with the field the search was about (eSignon's wf_list entry). */
export interface FoundWorkflow {
  workflow: Pick<Workflow, 'id' | 'template_id' | 'name' | 'status' | 'current_step' | 'total_steps' | 'created_at' | 'completed_at'>;
  starter: { name: string; email: string };
  fieldName: string;
  fieldValue: string;
}

export interface FoundPage {
  found: FoundWorkflow[];
  /** True when another page follows (found one more row than asked for). */
  hasMore: boolean;
}

export interface FieldCondition {
  /** The template (`doc_uid`), or null for any template. */
  templateId: TemplateId | null;
  fieldName: string;
  fieldValue: string;
}

export interface PeriodQuery {
  /** START: when the workflow started; END: when it completed (eSignon's default). */
  dateType: 'START' | 'END';
  from: Date;
  /** Exclusive. */
  until: Date;
  /** Templates and the field to show for each; empty for every template, no field. */
  targets: { templateId: TemplateId; fieldName: string }[];
}

const workflowColumns = [
  'w.id',
  'w.template_id',
  'w.name',
  'w.status',
  'w.current_step',
  'w.total_steps',
  'w.created_at',
  'w.completed_at',
  'm.name as starter_name',
  'm.email as starter_email',
] as const;

type WorkflowRow = Pick<Workflow, 'id' | 'template_id' | 'name' | 'status' | 'current_step' | 'total_steps' | 'created_at' | 'completed_at'> & {
  starter_name: string;
  starter_email: string;
};

const found = (row: WorkflowRow, fieldName: string, fieldValue: string): FoundWorkflow => ({
  workflow: {
    id: row.id,
    template_id: row.template_id,
    name: row.name,
    status: row.status,
    current_step: row.current_step,
    total_steps: row.total_steps,
    created_at: row.created_at,
    completed_at: row.completed_at,
  },
  starter: { name: row.starter_name, email: row.starter_email },
  fieldName,
  fieldValue,
});

/**
 * Workflows whose field has exactly the value, for each condition in turn (a workflow matching
 * two conditions is listed under each). Truncated workflows are not listed.
 */
export async function searchByFieldValue(ctx: Pick<Context, 'db'>, companyId: CompanyId, conditions: FieldCondition[], page: PageRequest): Promise<FoundPage> {
  // Each condition is its own index walk; the page is cut from their concatenation.
  const wanted = page.page * page.rows + 1;
  const all: FoundWorkflow[] = [];
  for (const condition of conditions) {
    const rows = await fieldValueQuery(ctx.db, companyId, condition)
      .limit(wanted - all.length)
      .execute();
    all.push(...rows.map((r) => found(r, condition.fieldName, r.value)));
    if (all.length >= wanted) break;
  }
  const start = (page.page - 1) * page.rows;
  return { found: all.slice(start, start + page.rows), hasMore: all.length > start + page.rows };
}

/** The 5008Q query of one condition, newest first (exported for the benchmark's query plans). */
export function fieldValueQuery(db: Kysely<Database>, companyId: CompanyId, condition: FieldCondition) {
  const prefix = sql.lit(SEARCH_VALUE_PREFIX);
  return (
    db
      .selectFrom('field_values as fv')
      .innerJoin('workflows as w', 'w.id', 'fv.workflow_id')
      .innerJoin('members as m', 'm.id', 'w.starter_member_id')
      .select([...workflowColumns, 'fv.value'])
      .where('fv.field_name', '=', condition.fieldName)
      // The same expression as the index field_values_search, then the whole value.
      .where(sql<string>`substr(fv.value, 1, ${prefix})`, '=', sql<string>`substr(cast(${condition.fieldValue} as text), 1, ${prefix})`)
      .where('fv.value', '=', condition.fieldValue)
      .where('w.company_id', '=', companyId)
      .$if(condition.templateId !== null, (q) => q.where('w.template_id', '=', condition.templateId!))
      .where('w.status', '!=', 'Truncate')
      .orderBy('fv.workflow_id', 'desc')
  );
}

/** The 5009Q query of one page, newest first (exported for the benchmark's query plans). */
export function periodQuery(db: Kysely<Database>, companyId: CompanyId, query: PeriodQuery, page: PageRequest) {
  const column = query.dateType === 'START' ? 'w.created_at' : 'w.completed_at';
  const templateIds = [...new Set(query.targets.map((t) => t.templateId))];
  return db
    .selectFrom('workflows as w')
    .innerJoin('members as m', 'm.id', 'w.starter_member_id')
    .select(workflowColumns)
    .where('w.company_id', '=', companyId)
    .$if(templateIds.length === 1, (q) => q.where('w.template_id', '=', templateIds[0]!))
    .$if(templateIds.length > 1, (q) => q.where('w.template_id', 'in', templateIds))
    .where(column, '>=', toTimestamp(query.from))
    .where(column, '<', toTimestamp(query.until))
    .where('w.status', '!=', 'Truncate')
    .orderBy(column, 'desc')
    .orderBy('w.id', 'desc')
    .limit(page.rows + 1)
    .offset((page.page - 1) * page.rows);
}

/** Workflows started (START) or completed (END) in [from, until), newest first. */
export async function searchByPeriod(ctx: Pick<Context, 'db'>, companyId: CompanyId, query: PeriodQuery, page: PageRequest): Promise<FoundPage> {
  const rows = await periodQuery(ctx.db, companyId, query, page).execute();
  const pageRows = rows.slice(0, page.rows);

  const fieldNames = [...new Set(query.targets.map((t) => t.fieldName).filter((n) => n !== ''))];
  const values = new Map<string, string>();
  if (pageRows.length > 0 && fieldNames.length > 0) {
    const found = await ctx.db
      .selectFrom('field_values')
      .select(['workflow_id', 'field_name', 'value'])
      .where(
        'workflow_id',
        'in',
        pageRows.map((r) => r.id),
      )
      .where('field_name', 'in', fieldNames)
      .execute();
    for (const v of found) values.set(`${v.workflow_id}\u0000${v.field_name}`, v.value);
  }
  // One entry per (workflow, requested field of its template); a workflow once when no field was asked.
  const entries = pageRows.flatMap((row) => {
    const targets = query.targets.filter((t) => t.templateId === row.template_id);
    const names = targets.length === 0 ? [''] : targets.map((t) => t.fieldName);
    return names.map((name) => found(row, name, name === '' ? '' : (values.get(`${row.id}\u0000${name}`) ?? '')));
  });
  return { found: entries, hasMore: rows.length > page.rows };
}
