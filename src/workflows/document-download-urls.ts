// POST /workflow/download (다운로드 URL 생성): direct download URLs of a completed workflow's PDF
// and history certificate, valid five minutes.
import type { Context } from '../context.ts';
import { DojangError } from '../errors.ts';
import { documentLinks, type DocumentLinks } from './document-links.ts';
import type { CompanyId, WorkflowId } from '../domain/ids.ts';
import { said } from '../domain/said.ts';
import { noSuchWorkflow } from './workflow-refusals.ts';

export const DOWNLOAD_URL_MINUTES = 5;

export async function documentDownloadUrls(
  ctx: Pick<Context, 'db' | 'config' | 'clock'>,
  companyId: CompanyId,
  workflowId: WorkflowId,
): Promise<DocumentLinks & { workflowName: string; expiresAt: Date }> {
  const workflow = await ctx.db
    .selectFrom('workflows')
    .select(['id', 'name', 'status'])
    .where('id', '=', workflowId)
    .where('company_id', '=', companyId)
    .executeTakeFirst();
  if (!workflow || workflow.status === 'Truncate') throw noSuchWorkflow(workflowId);
  if (workflow.status === 'Disposal') throw new DojangError('gone', said('workflowDisposed'));
  if (workflow.status !== 'Complete') throw new DojangError('state', said('workflowNotComplete', { status: workflow.status }));
  const expiresAt = new Date(ctx.clock().getTime() + DOWNLOAD_URL_MINUTES * 60_000);
  return { ...(await documentLinks(ctx, workflowId, 'download', expiresAt)), workflowName: workflow.name, expiresAt };
}
