// The PDF the console shows for a contract: the sealed completed document once it exists,
// otherwise the template with the values so far drawn in (what the signers see, all steps).
// Disposed and deleted contracts have none.
import type { Context } from '../context.ts';
import { fillPreviewPdf } from '../documents/fill-preview-pdf.ts';
import { said } from '../domain/said.ts';
import { DojangError } from '../errors.ts';
import { loadWorkflowState } from '../workflows/workflow-state.ts';
import type { CompanyId, WorkflowId } from '../domain/ids.ts';

export async function contractDocumentPdf(ctx: Context, companyId: CompanyId, workflowId: WorkflowId): Promise<Uint8Array> {
  const state = await loadWorkflowState(ctx.db, companyId, workflowId);
  if (!state || state.workflow.status === 'Truncate') throw new DojangError('not-found', said('noContract', { id: workflowId }));
  if (state.workflow.status === 'Disposal') throw new DojangError('gone', said('contractDisposed', { id: workflowId }));
  if (state.workflow.status === 'Complete') {
    const sealed = await ctx.db.selectFrom('documents').select('document_key').where('workflow_id', '=', workflowId).executeTakeFirst();
    const pdf = sealed ? await ctx.files.get(sealed.document_key) : null;
    if (pdf) return pdf;
  }
  const { template, fields, values, workflow } = state;
  return ctx.pdf.drawOnce(`contract:${workflowId}:${workflow.version}`, async () => {
    const templatePdf = await ctx.files.get(template.pdf_key);
    if (!templatePdf) throw new DojangError('not-found', said('contractTemplatePdfMissing', { id: workflowId }));
    return fillPreviewPdf(ctx, { template, templatePdf, fields, values });
  });
}
