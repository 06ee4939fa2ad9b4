// POST /exportfield (모든필드 값 조회): every field of a workflow with its value.
import type { Context } from '../context.ts';
import type { Workflow } from '../store/schema.ts';
import { loadWorkflowState } from './workflow-state.ts';
import type { CompanyId, WorkflowId } from '../domain/ids.ts';
import { noSuchWorkflow } from './workflow-refusals.ts';

export interface FieldValuesOfWorkflow {
  workflow: Workflow;
  starterEmail: string;
  /** Every field of the template in template order: its value, the template's default, or "". */
  values: [name: string, value: string][];
}

export async function readFieldValues(ctx: Pick<Context, 'db'>, companyId: CompanyId, workflowId: WorkflowId): Promise<FieldValuesOfWorkflow> {
  const state = await loadWorkflowState(ctx.db, companyId, workflowId);
  if (!state || state.workflow.status === 'Truncate') throw noSuchWorkflow(workflowId);
  const starter = await ctx.db.selectFrom('members').select('email').where('id', '=', state.workflow.starter_member_id).executeTakeFirstOrThrow();
  return {
    workflow: state.workflow,
    starterEmail: starter.email,
    values: state.fields.map((f) => [f.name, state.values[f.name] ?? f.default ?? '']),
  };
}
