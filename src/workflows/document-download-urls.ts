// POST /workflow/download (다운로드 URL 생성): direct download URLs of a completed workflow's PDF
// and history certificate, valid five minutes.
import type { Context } from '../context.ts';
import { DojangError } from '../errors.ts';
import { documentLinks, type DocumentLinks } from './document-links.ts';
import type { CompanyId, WorkflowId } from '../domain/ids.ts';
import { localized } from '../domain/localized.ts';
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
  if (workflow.status === 'Disposal')
    throw new DojangError('gone', localized('폐기된 문서입니다', 'the workflow was disposed of: its documents are no longer served', '廃棄された文書です'));
  if (workflow.status !== 'Complete')
    throw new DojangError(
      'state',
      localized(
        `완료된 문서가 아닙니다 (상태: ${workflow.status})`,
        `the workflow is ${workflow.status}: only a complete workflow has documents`,
        `完了した文書ではありません（状態: ${workflow.status}）`,
      ),
    );
  const expiresAt = new Date(ctx.clock().getTime() + DOWNLOAD_URL_MINUTES * 60_000);
  return { ...(await documentLinks(ctx, workflowId, 'download', expiresAt)), workflowName: workflow.name, expiresAt };
}
