// Saving a template from the console's editor. A new one goes through createTemplate. An edit
// changes the template in place while no workflow uses it (its doc_id stays); once one does,
// the edit becomes a new template (a new doc_id) that replaces it in the console, and the
// workflows keep the boxes they started with.
import type { Caller } from '../accounts/access-tokens.ts';
import type { Context } from '../context.ts';
import { said } from '../domain/said.ts';
import { DojangError } from '../errors.ts';
import { checkTemplate, createTemplate, storeTemplatePdf, TemplateRejected, type TemplateInput } from '../templates/create-template.ts';
import { toTimestamp } from '../domain/time.ts';
import type { TemplateId } from '../domain/ids.ts';

export interface TemplateEdit {
  name: string;
  steps: number;
  fields: unknown[];
  /** A new PDF; the template's own when absent. */
  pdf?: Uint8Array;
}

export interface SavedTemplate {
  templateId: TemplateId;
  /** The template this save replaced with a new version, when the edited one was in use. */
  replaced: TemplateId | null;
}

/** TemplateRejected as the service error the HTTP layers know: each bad field named. */
async function checked<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof TemplateRejected) throw DojangError.invalid(error.problems);
    throw error;
  }
}

export function createConsoleTemplate(ctx: Context, caller: Caller, input: TemplateInput): Promise<TemplateId> {
  return checked(async () => (await createTemplate(ctx, caller.companyId, caller.memberId, input)).id);
}

export async function editTemplate(ctx: Context, caller: Caller, templateId: TemplateId, edit: TemplateEdit): Promise<SavedTemplate> {
  const template = await ctx.db.selectFrom('templates').selectAll().where('id', '=', templateId).where('company_id', '=', caller.companyId).executeTakeFirst();
  if (!template) throw new DojangError('not-found', said('noTemplate', { id: templateId }));
  const newer = await ctx.db.selectFrom('template_replacements').select('new_template_id').where('old_template_id', '=', templateId).executeTakeFirst();
  if (newer) throw new DojangError('state', said('templateReplaced', { id: templateId, newId: newer.new_template_id }));
  const pdf = edit.pdf ?? (await ctx.files.get(template.pdf_key));
  if (!pdf) throw new DojangError('not-found', said('templatePdfMissing', { id: templateId }));
  const input: TemplateInput = { name: edit.name, steps: edit.steps, fields: edit.fields, pdf };
  const next = await checked(() => checkTemplate(ctx, input));

  const { pdfKey, pdfSha256 } = await storeTemplatePdf(ctx, next.pdf);
  const now = toTimestamp(ctx.clock());
  // A start tells an edited template by its updated_at, so an edit always moves it on.
  const editedAt = now > template.updated_at ? now : toTimestamp(new Date(Date.parse(template.updated_at) + 1));
  // In place only while no workflow uses it. The template's row is locked first, as a start
  // locks it (workflows/start-workflow.ts): a start either committed before (and is seen
  // here) or waits and then finds the template changed.
  const inPlace = await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('templates')
      .set((eb) => ({ updated_at: eb.ref('updated_at') }))
      .where('id', '=', templateId)
      .execute();
    const used = await trx.selectFrom('workflows').select('id').where('template_id', '=', templateId).limit(1).executeTakeFirst();
    if (used) return false;
    await trx
      .updateTable('templates')
      .set({
        name: next.name,
        steps: next.steps,
        fields: JSON.stringify(next.fields),
        pages: JSON.stringify(next.pages),
        pdf_key: pdfKey,
        pdf_sha256: pdfSha256,
        updated_at: editedAt,
      })
      .where('id', '=', templateId)
      .where('company_id', '=', caller.companyId)
      .execute();
    return true;
  });
  if (inPlace) return { templateId, replaced: null };

  const newId = await createConsoleTemplate(ctx, caller, input);
  await ctx.db
    .insertInto('template_replacements')
    .values({ old_template_id: templateId, new_template_id: newId, member_id: caller.memberId, created_at: now })
    .execute();
  return { templateId: newId, replaced: templateId };
}
