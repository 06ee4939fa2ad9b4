// The console's contract list: a company's workflows newest first, filtered by status,
// template, the day they started (company time) and a search, a page at a time. Paging is by
// keyset (ids below the last one shown), so a page costs the same however deep it is, and
// every filter and search term reaches its rows through an index (migration 0005_console).
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Context } from '../context.ts';
import type { ContractRow } from './console-answers.ts';
import { WORKFLOW_STATUSES, type WorkflowStatus } from '../domain/workflow-status.ts';
import { endOfDay, startOfDay, toTimestamp } from '../domain/time.ts';
import { type CompanyId, parseId, type TemplateId, type WorkflowId, toWorkflowId } from '../domain/ids.ts';

/** Statuses the console lists; Truncate (deleted) workflows are hidden from lists. */
export const LISTED_STATUSES = WORKFLOW_STATUSES.filter((s) => s !== 'Truncate');

export interface ContractFilter {
  status?: WorkflowStatus;
  templateId?: TemplateId;
  /** YYYY-MM-DD, in the company's time zone, inclusive. */
  from?: string;
  to?: string;
  /** The contract's name (contains), its id, a signer's name or identity, or a field's exact value. */
  search?: string;
  /** Only contracts with ids below this one (the last one of the previous page). */
  before?: WorkflowId;
  limit: number;
}

/** Field values are indexed by their first 100 characters (see the migration). */
const VALUE_PREFIX = 100;

const likePattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function listContracts(
  ctx: Pick<Context, 'db'>,
  companyId: CompanyId,
  offset: string,
  filter: ContractFilter,
): Promise<{ contracts: ContractRow[]; next_before: string | null }> {
  const search = filter.search?.trim() ?? '';
  const rows = await ctx.db
    .selectFrom('workflows as w')
    .innerJoin('templates as t', 't.id', 'w.template_id')
    .leftJoin('players as p', (join) => join.onRef('p.workflow_id', '=', 'w.id').onRef('p.step', '=', 'w.current_step'))
    .select([
      'w.id',
      'w.name',
      'w.status',
      'w.template_id',
      't.name as template_name',
      'w.current_step',
      'w.total_steps',
      'p.name as current_signer',
      'w.created_at',
      'w.updated_at',
      'w.completed_at',
    ])
    .where('w.company_id', '=', companyId)
    .$if(filter.status === undefined, (q) => q.where('w.status', '!=', 'Truncate'))
    .$if(filter.status !== undefined, (q) => q.where('w.status', '=', filter.status!))
    .$if(filter.templateId !== undefined, (q) => q.where('w.template_id', '=', filter.templateId!))
    .$if(filter.from !== undefined, (q) => q.where('w.created_at', '>=', toTimestamp(startOfDay(filter.from!, offset))))
    .$if(filter.to !== undefined, (q) => q.where('w.created_at', '<', toTimestamp(endOfDay(filter.to!, offset))))
    .$if(filter.before !== undefined, (q) => q.where('w.id', '<', filter.before!))
    .$if(search !== '', (q) =>
      q.where((eb) => {
        const terms: Expression<SqlBool>[] = [
          sql<SqlBool>`lower(${eb.ref('w.name')}) like ${likePattern(search)} escape '\\'`,
          // Uncorrelated, so each is looked up once through its index.
          eb(
            'w.id',
            'in',
            eb
              .selectFrom('players')
              .select('workflow_id')
              .where((p) => p.or([p('identity', '=', search), p('name', '=', search)])),
          ),
          eb(
            'w.id',
            'in',
            eb
              .selectFrom('field_values')
              .select('workflow_id')
              .where(sql<string>`substr(value, 1, ${sql.lit(VALUE_PREFIX)})`, '=', Array.from(search).slice(0, VALUE_PREFIX).join(''))
              .where('value', '=', search),
          ),
        ];
        // A number that could be a contract's id (none is beyond MAX_ID: PostgreSQL would refuse to compare).
        const id = parseId(search);
        if (id !== null) terms.push(eb('w.id', '=', toWorkflowId(id)));
        return eb.or(terms);
      }),
    )
    .orderBy('w.id', 'desc')
    .limit(filter.limit + 1)
    .execute();
  const page = rows.slice(0, filter.limit);
  return {
    contracts: page.map((r) => ({
      workflow_id: String(r.id),
      name: r.name,
      status: r.status,
      template_id: String(r.template_id),
      template_name: r.template_name,
      current_step: r.current_step,
      total_steps: r.total_steps,
      current_signer: r.status === 'Playing' ? r.current_signer : null,
      created_at: r.created_at,
      updated_at: r.updated_at,
      completed_at: r.completed_at,
    })),
    next_before: rows.length > filter.limit ? String(page.at(-1)!.id) : null,
  };
}
