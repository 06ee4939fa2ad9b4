// GET /api/v2/workflows/:workflowId: the workflow as eSignon's 정보 조회 page shapes it.
import { addDays } from '../clock.ts';
import type { Context } from '../context.ts';
import { formatInOffset } from '../domain/time.ts';
import { documentLinks } from './document-links.ts';
import { loadWorkflowState } from './workflow-state.ts';
import type { CompanyId, WorkflowId } from '../domain/ids.ts';

const when = (iso: string | null, offset: string) => (iso ? formatInOffset(new Date(iso), offset) : '');

export async function describeWorkflow(ctx: Context, companyId: CompanyId, workflowId: WorkflowId, offset: string) {
  const state = await loadWorkflowState(ctx.db, companyId, workflowId);
  if (!state || state.workflow.status === 'Truncate') return null;
  const { workflow } = state;
  const [starter, history, documentJob] = await Promise.all([
    ctx.db.selectFrom('members').select(['name', 'email']).where('id', '=', workflow.starter_member_id).executeTakeFirstOrThrow(),
    ctx.db.selectFrom('history').selectAll().where('workflow_id', '=', workflowId).orderBy('id').execute(),
    ctx.db
      .selectFrom('jobs')
      .select(['status', 'attempts', 'last_error'])
      .where('workflow_id', '=', workflowId)
      .where('queue', '=', 'document')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst(),
  ]);
  const complete = workflow.status === 'Complete';
  const links = complete ? await documentLinks(ctx, workflowId, 'download', addDays(ctx.clock(), ctx.config.documentLinkTtlDays)) : null;
  const viewer = complete ? await documentLinks(ctx, workflowId, 'viewer', addDays(ctx.clock(), ctx.config.documentLinkTtlDays)) : null;
  const referers = JSON.parse(workflow.referers) as { name: string; identity: string }[];
  const ownerOf = (step: number) => state.players.find((p) => p.step === step)?.identity ?? '';
  return {
    workflow_id: String(workflow.id),
    workflow_name: workflow.name,
    workflow_status: workflow.status,
    workflow_type: workflow.type,
    last_modify_date: when(workflow.updated_at, offset),
    expiry_date: workflow.expires_on ?? '',
    create_date: when(workflow.created_at, offset),
    complete_date: when(workflow.completed_at, offset),
    creator_email: starter.email,
    creator_name: starter.name,
    biz_id: '0',
    biz_name: '',
    doc_id: String(workflow.template_id),
    action_history_list: history.map((h) => ({
      step_code: h.step_code,
      action_id: h.action_id === null ? '' : String(h.action_id),
      confirm_date: when(h.created_at, offset),
      name: h.actor_name,
      confirm_email: h.actor_identity,
      comment: h.comment,
      ip: h.ip ?? '',
    })),
    current_action_id: String(workflow.current_step),
    total_action_count: String(workflow.total_steps),
    certificate_url: links?.certificateUrl ?? '',
    download_url: links?.documentUrl ?? '',
    view_url: viewer?.documentUrl ?? '',
    documents: {
      state: workflow.documents_state,
      attempts: documentJob?.attempts ?? 0,
      last_error: documentJob?.last_error ?? '',
    },
    referer_list: [
      { name: starter.name, type: 'starter', email: starter.email },
      ...referers.map((r) => ({ name: r.name, type: 'referer', email: r.identity })),
    ],
    field_list: state.fields.map((f) => ({
      action_id: String(f.owner),
      field_owner: f.name,
      field_name: f.name,
      field_type: f.type,
      field_value: state.values[f.name] ?? f.default ?? '',
      email: f.owner === 0 ? '' : ownerOf(f.owner),
    })),
    owner_list: state.players.map((p) => ({
      action_id: String(p.step),
      turn_yn: workflow.status === 'Playing' && workflow.current_step === p.step ? 'Y' : 'N',
      name: p.name,
      email: p.identity,
      phone_number: p.mobile_number ?? '',
      cert_mobile_yn: p.mobile_number ? 'Y' : 'N',
      cert_password_yn: p.password_hash ? 'Y' : 'N',
      password_hint: p.password_hint ?? '',
      sign_date: when(p.acted_at, offset),
    })),
  };
}
