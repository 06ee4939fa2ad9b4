// GET /api/v2/docs/:docId (서식 정보 조회) and the template list 1123Q (목록 조회).
import type { Context } from '../context.ts';
import type { TemplateField } from '../domain/fields.ts';
import { formatInOffset } from '../domain/time.ts';
import type { CompanyId, MemberId, TemplateId } from '../domain/ids.ts';

export async function describeTemplate(ctx: Context, companyId: CompanyId, templateId: TemplateId, offset: string) {
  const row = await ctx.db
    .selectFrom('templates as t')
    .innerJoin('members as m', 'm.id', 't.creator_member_id')
    .selectAll('t')
    .select(['m.email as creator_email'])
    .where('t.id', '=', templateId)
    .where('t.company_id', '=', companyId)
    .executeTakeFirst();
  if (!row) return null;
  const fields = JSON.parse(row.fields) as TemplateField[];
  return {
    doc_id: String(row.id),
    doc_name: row.name,
    doc_type: 'WEBTYPE',
    creator: row.creator_email,
    workflow_library_id: String(row.id),
    dir_type: 'shared',
    dir_path: '/',
    last_modifier: row.creator_email,
    file_workflow_count: String(row.steps),
    last_modify_date: formatInOffset(new Date(row.updated_at), offset),
    create_date: formatInOffset(new Date(row.created_at), offset),
    pdf_sha256: row.pdf_sha256,
    pages: JSON.parse(row.pages) as unknown,
    field_list: fields.map((f) => ({
      action_id: String(f.owner),
      field_owner: f.name,
      email: '',
      field_name: f.name,
      label: f.label ?? f.name,
      field_type: f.type,
      required: f.required,
      page: f.page,
      x: f.x,
      y: f.y,
      width: f.width,
      height: f.height,
      ...(f.group ? { group: f.group } : {}),
      ...(f.default !== undefined ? { default: f.default } : {}),
    })),
  };
}

/** 1123Q display_order_mode: 2 created ascending, 3/4 name desc/asc, 5/6 id desc/asc, 9/10 steps desc/asc. */
const ORDERS: Record<string, [column: 'created_at' | 'name' | 'id' | 'steps', direction: 'asc' | 'desc']> = {
  '1': ['created_at', 'desc'],
  '2': ['created_at', 'asc'],
  '3': ['name', 'desc'],
  '4': ['name', 'asc'],
  '5': ['id', 'desc'],
  '6': ['id', 'asc'],
  '7': ['id', 'desc'],
  '8': ['id', 'asc'],
  '9': ['steps', 'desc'],
  '10': ['steps', 'asc'],
};

export async function listTemplates(ctx: Context, companyId: CompanyId, options: { memberId: MemberId; dir: string; order: string; offset: string }) {
  const [column, direction] = ORDERS[options.order] ?? ORDERS['1']!;
  const rows = await ctx.db
    .selectFrom('templates as t')
    .innerJoin('members as m', 'm.id', 't.creator_member_id')
    .select(['t.id', 't.name', 't.steps', 't.created_at', 't.updated_at', 't.creator_member_id', 'm.email', 'm.name as member_name'])
    .where('t.company_id', '=', companyId)
    // A contract's own template (made from its PDF's text tags) is not one to start others from.
    .where('t.one_off', '=', 0)
    .$if(options.dir === 'my', (q) => q.where('t.creator_member_id', '=', options.memberId))
    .$if(options.dir === 'shared', (q) => q.where('t.creator_member_id', '!=', options.memberId))
    .orderBy(`t.${column}`, direction)
    .orderBy('t.id', direction)
    .execute();
  return rows.map((r) => ({
    file_id: String(r.id),
    file_type: 'templete',
    file_name: r.name,
    dir_type: r.creator_member_id === options.memberId ? 'my' : 'shared',
    create_memb_email: r.email,
    create_date: formatInOffset(new Date(r.created_at), options.offset),
    create_memb_name: r.member_name,
    file_workflow_count: String(r.steps),
    file_workflow_type: 'WEBTYPE',
    file_workflow_library_id: String(r.id),
    last_modify_date: formatInOffset(new Date(r.updated_at), options.offset),
  }));
}
