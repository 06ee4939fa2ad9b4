// startsimple with preview: "preview" starts nothing and answers a link that shows the template
// for a while. The link is signed by the server, not stored.
import type { Context } from '../context.ts';
import { openSignedValue, serverSecret, signValue } from '../security/server-secret.ts';
import { type CompanyId, type TemplateId, toCompanyId, toTemplateId } from '../domain/ids.ts';

const PREVIEW_MINUTES = 60;

export async function mintPreviewToken(ctx: Pick<Context, 'db'>, companyId: CompanyId, templateId: TemplateId, now: Date): Promise<string> {
  return signValue(await serverSecret(ctx.db), { c: companyId, t: templateId, e: now.getTime() + PREVIEW_MINUTES * 60_000 });
}

export async function openPreviewToken(ctx: Pick<Context, 'db'>, token: string, now: Date): Promise<{ companyId: CompanyId; templateId: TemplateId } | null> {
  const value = openSignedValue(await serverSecret(ctx.db), token) as { c?: unknown; t?: unknown; e?: unknown } | null;
  if (!value || typeof value.c !== 'string' || typeof value.t !== 'number' || typeof value.e !== 'number') return null;
  if (value.e < now.getTime()) return null;
  return { companyId: toCompanyId(value.c), templateId: toTemplateId(value.t) };
}
