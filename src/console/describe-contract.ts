// One contract as the console shows it: built on describeWorkflow (the eSignon info call), with
// instants as ISO-8601, each signer's state read from the history, where its exports go, and
// what the member may do with it now.
import type { Caller } from '../accounts/access-tokens.ts';
import { may } from '../accounts/permissions.ts';
import type { Context } from '../context.ts';
import { EMBED_REQUEST_CODE, type ExportConfig } from '../domain/export-config.ts';
import { isImageField, type FieldType } from '../domain/fields.ts';
import type { WorkflowStatus } from '../domain/workflow-status.ts';
import { describeWorkflow } from '../workflows/describe-workflow.ts';
import type { WorkflowId } from '../domain/ids.ts';
import type { ContractView, SignerState } from './console-answers.ts';

/** describeWorkflow's `YYYY-MM-DD HH:mm:ss` (asked for in UTC) as ISO-8601, or null when empty. */
const isoOf = (utc: string): string | null => (utc === '' ? null : `${utc.replace(' ', 'T')}Z`);

/** Where exports go, without credentials a URL may carry; the receiver's authorization is never shown. */
function exportSummary(config: ExportConfig | null) {
  if (!config) return null;
  let url = config.url;
  try {
    const parsed = new URL(config.url);
    parsed.username = '';
    parsed.password = '';
    url = parsed.toString();
  } catch {
    // shown as given
  }
  return { url, api_type: config.apiType, request_code: config.requestCode, embed: config.requestCode === 'embed' };
}

interface HistoryItem {
  step_code: string;
  action_id: string;
}

/** The state of step `step`'s signer, from the workflow's status and the history so far. */
export function signerState(status: WorkflowStatus, currentStep: number, step: number, history: readonly HistoryItem[]): SignerState {
  const own = history.filter((h) => h.action_id === String(step));
  if (status === 'Playing' && currentStep === step) {
    const lastRequest = own.map((h) => h.step_code).lastIndexOf('SIGN_REQ');
    return own.slice(lastRequest + 1).some((h) => h.step_code === 'VIEW') ? 'viewed' : 'due';
  }
  const acted = own.filter((h) => h.step_code === 'SIGN_COMPLETE' || h.step_code === 'SIGN_RETURN').at(-1);
  if (acted) return acted.step_code === 'SIGN_COMPLETE' ? 'signed' : 'returned';
  return status === 'Playing' ? 'waiting' : 'not-reached';
}

export async function describeContract(ctx: Context, caller: Caller, workflowId: WorkflowId): Promise<ContractView | null> {
  const info = await describeWorkflow(ctx, caller.companyId, workflowId, '+00:00');
  if (!info) return null;
  const row = await ctx.db
    .selectFrom('workflows as w')
    .innerJoin('templates as t', 't.id', 'w.template_id')
    .select(['w.status', 'w.current_step', 'w.language', 'w.comment', 'w.export_config', 't.name as template_name'])
    .where('w.id', '=', workflowId)
    .where('w.company_id', '=', caller.companyId)
    .executeTakeFirstOrThrow();
  const players = await ctx.db.selectFrom('players').select(['step', 'language']).where('workflow_id', '=', workflowId).orderBy('step').execute();
  const exportConfig = row.export_config ? (JSON.parse(row.export_config) as ExportConfig) : null;
  const history = info.action_history_list;
  const playing = row.status === 'Playing';
  return {
    workflow_id: info.workflow_id,
    name: info.workflow_name,
    status: row.status,
    template: { id: info.doc_id, name: row.template_name },
    current_step: row.current_step,
    total_steps: Number(info.total_action_count),
    language: row.language,
    comment: row.comment,
    expires_on: info.expiry_date || null,
    starter: { name: info.creator_name, email: info.creator_email },
    created_at: isoOf(info.create_date)!,
    updated_at: isoOf(info.last_modify_date)!,
    completed_at: isoOf(info.complete_date),
    export: exportSummary(exportConfig),
    signers: info.owner_list.map((o) => ({
      step: Number(o.action_id),
      name: o.name,
      identity: o.email,
      mobile_number: o.phone_number || null,
      password: o.cert_password_yn === 'Y',
      language: players.find((p) => p.step === Number(o.action_id))?.language ?? row.language,
      state: signerState(row.status, row.current_step, Number(o.action_id), history),
      acted_at: isoOf(o.sign_date),
    })),
    history: history.map((h) => ({
      step_code: h.step_code,
      step: h.action_id === '' ? null : Number(h.action_id),
      actor_name: h.name,
      actor_identity: h.confirm_email,
      comment: h.comment,
      ip: h.ip || null,
      at: isoOf(h.confirm_date)!,
    })),
    fields: info.field_list.map((f) => {
      const image = isImageField(f.field_type as FieldType);
      // Images (signatures, pictures) can be a megabyte each: the list says only whether one is there.
      return { name: f.field_name, type: f.field_type, step: Number(f.action_id), value: image ? '' : f.field_value, filled: f.field_value !== '' };
    }),
    documents: {
      state: info.documents.state,
      attempts: info.documents.attempts,
      last_error: info.documents.last_error || null,
      download_url: info.download_url || null,
      certificate_url: info.certificate_url || null,
      viewer_url: info.view_url || null,
    },
    can: {
      cancel: playing,
      resend: playing && exportConfig?.requestCode !== EMBED_REQUEST_CODE,
      dispose: row.status === 'Complete' && may(caller, 'dispose of contracts'),
    },
  };
}
