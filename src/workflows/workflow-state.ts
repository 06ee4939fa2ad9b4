// A workflow with everything a change or a query needs: template, players, values, export config.
import type { Kysely } from 'kysely';
import type { ExportConfig } from '../domain/export-config.ts';
import type { FieldValues, TemplateField } from '../domain/fields.ts';
import type { Company, Database, Player, Template, Workflow } from '../store/schema.ts';
import type { CompanyId, WorkflowId } from '../domain/ids.ts';

export interface WorkflowState {
  workflow: Workflow;
  company: Company;
  template: Template;
  fields: TemplateField[];
  players: Player[];
  values: FieldValues;
  exportConfig: ExportConfig | null;
}

export async function loadWorkflowState(db: Kysely<Database>, companyId: CompanyId, workflowId: WorkflowId): Promise<WorkflowState | null> {
  const workflow = await db
    .selectFrom('workflows')
    .selectAll()
    .where('id', '=', workflowId)
    .where('company_id', '=', companyId)
    .executeTakeFirst();
  if (!workflow) return null;
  const [company, template, players, values] = await Promise.all([
    db.selectFrom('companies').selectAll().where('id', '=', companyId).executeTakeFirstOrThrow(),
    db.selectFrom('templates').selectAll().where('id', '=', workflow.template_id).executeTakeFirstOrThrow(),
    db.selectFrom('players').selectAll().where('workflow_id', '=', workflowId).orderBy('step').execute(),
    db.selectFrom('field_values').select(['field_name', 'value']).where('workflow_id', '=', workflowId).execute(),
  ]);
  return {
    workflow,
    company,
    template,
    fields: JSON.parse(template.fields) as TemplateField[],
    players,
    values: Object.fromEntries(values.map((v) => [v.field_name, v.value])),
    exportConfig: workflow.export_config ? (JSON.parse(workflow.export_config) as ExportConfig) : null,
  };
}

export function playerAt(state: WorkflowState, step: number): Player {
  const player = state.players.find((p) => p.step === step);
  if (!player) throw new Error(`workflow ${state.workflow.id} has no player for step ${step}`);
  return player;
}
