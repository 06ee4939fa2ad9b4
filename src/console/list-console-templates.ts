// The company's templates for the console: the newest version of each by default, whether
// workflows use it, and which template it replaced or was replaced by.
import type { Context } from '../context.ts';
import type { TemplateField } from '../domain/fields.ts';
import type { CompanyId, TemplateId } from '../domain/ids.ts';
import type { ConsoleField, ConsoleTemplate, TemplateSummary } from './console-answers.ts';

/** A stored box as the editor reads it. */
export const consoleFieldOf = (f: TemplateField): ConsoleField => ({ ...f, label: f.label ?? null, group: f.group ?? null, default: f.default ?? null });

export async function listConsoleTemplates(ctx: Pick<Context, 'db'>, companyId: CompanyId, options: { includeReplaced: boolean }): Promise<TemplateSummary[]> {
  const rows = await ctx.db
    .selectFrom('templates as t')
    .leftJoin('template_replacements as newer', 'newer.old_template_id', 't.id')
    .leftJoin('template_replacements as older', 'older.new_template_id', 't.id')
    .select([
      't.id',
      't.name',
      't.steps',
      't.fields',
      't.created_at',
      't.updated_at',
      'newer.new_template_id as replaced_by',
      'older.old_template_id as replaces',
    ])
    .select((eb) => eb.exists(eb.selectFrom('workflows as w').select('w.id').whereRef('w.template_id', '=', 't.id')).as('in_use'))
    .where('t.company_id', '=', companyId)
    // A contract's own template, made from its PDF's tags, is not one to start others from.
    .where('t.one_off', '=', 0)
    .$if(!options.includeReplaced, (q) => q.where('newer.new_template_id', 'is', null))
    .orderBy('t.id', 'desc')
    .execute();
  return rows.map((r) => ({
    doc_id: String(r.id),
    name: r.name,
    steps: r.steps,
    field_count: (JSON.parse(r.fields) as unknown[]).length,
    in_use: Boolean(r.in_use),
    replaced_by: r.replaced_by === null ? null : String(r.replaced_by),
    replaces: r.replaces === null ? null : String(r.replaces),
    created_at: r.created_at,
    updated_at: r.updated_at,
  }));
}

/** One template for the editor: its pages and boxes, and how many workflows use it. */
export async function describeConsoleTemplate(ctx: Pick<Context, 'db'>, companyId: CompanyId, templateId: TemplateId): Promise<ConsoleTemplate | null> {
  const row = await ctx.db
    .selectFrom('templates as t')
    .leftJoin('template_replacements as newer', 'newer.old_template_id', 't.id')
    .leftJoin('template_replacements as older', 'older.new_template_id', 't.id')
    .select([
      't.id',
      't.name',
      't.steps',
      't.fields',
      't.pages',
      't.created_at',
      't.updated_at',
      'newer.new_template_id as replaced_by',
      'older.old_template_id as replaces',
    ])
    .where('t.id', '=', templateId)
    .where('t.company_id', '=', companyId)
    .executeTakeFirst();
  if (!row) return null;
  const used = await ctx.db
    .selectFrom('workflows')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('template_id', '=', templateId)
    .executeTakeFirstOrThrow();
  const fields = JSON.parse(row.fields) as TemplateField[];
  return {
    doc_id: String(row.id),
    name: row.name,
    steps: row.steps,
    pages: JSON.parse(row.pages) as { width: number; height: number }[],
    fields: fields.map(consoleFieldOf),
    workflow_count: Number(used.n),
    replaced_by: row.replaced_by === null ? null : String(row.replaced_by),
    replaces: row.replaces === null ? null : String(row.replaces),
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}
