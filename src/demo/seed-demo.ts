// First start without configuration: a demo company, a member and the Korean
// sample contract template, so `npm start` shows a working server with something to start.
import type { Context } from '../context.ts';
import { createCompany } from '../accounts/create-company.ts';
import { makeSampleContractPdf } from './sample-contract.ts';
import { createTemplate } from '../templates/create-template.ts';
import { type TemplateId, toCompanyId } from '../domain/ids.ts';

export const DEMO = {
  company: toCompanyId('demo'),
  companyName: '도장 데모 주식회사',
  email: 'demo@dojang.local',
  password: 'dojang-demo',
  memberName: '데모 관리자',
  templateName: '서비스 이용 계약서',
} as const;

/** Creates the demo company and template when the demo company does not exist yet; answers the template id. */
export async function seedDemo(ctx: Context): Promise<{ created: boolean; templateId: TemplateId }> {
  const existing = await ctx.db.selectFrom('templates').select('id').where('company_id', '=', DEMO.company).orderBy('id').executeTakeFirst();
  if (existing) return { created: false, templateId: existing.id };
  const company = await ctx.db.selectFrom('companies').select('id').where('id', '=', DEMO.company).executeTakeFirst();
  if (!company) {
    await createCompany(ctx, { id: DEMO.company, name: DEMO.companyName, email: DEMO.email, password: DEMO.password, memberName: DEMO.memberName });
  }
  const member = await ctx.db.selectFrom('members').select('id').where('company_id', '=', DEMO.company).orderBy('id').executeTakeFirstOrThrow();
  const sample = await makeSampleContractPdf();
  const { id: templateId } = await createTemplate(ctx, DEMO.company, member.id, { name: DEMO.templateName, steps: 2, pdf: sample.pdf, fields: sample.fields });
  return { created: true, templateId };
}
