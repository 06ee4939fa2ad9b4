// A workflow with everything a change or a query needs: template, players, values, export config.
import type { Kysely } from 'kysely';
import type { ExportConfig } from '../domain/export-config.ts';
import type { FieldValues, TemplateField } from '../domain/fields.ts';
import type { Company, Database, Player, Template, Workflow } from '../store/schema.ts';
import type { CompanyId, TemplateId, WorkflowId } from '../domain/ids.ts';
import { prepareQuery } from '../store/prepared-query.ts';

export interface WorkflowState {
  workflow: Workflow;
  company: Company;
  template: Template;
  fields: TemplateField[];
  players: Player[];
  values: FieldValues;
  exportConfig: ExportConfig | null;
}

const workflowOfCompany = prepareQuery<{ workflowId: WorkflowId; companyId: CompanyId }>()((db, p) =>
  db.selectFrom('workflows').selectAll().where('id', '=', p.workflowId).where('company_id', '=', p.companyId),
);
const companyById = prepareQuery<{ id: CompanyId }>()((db, p) => db.selectFrom('companies').selectAll().where('id', '=', p.id));
const templateById = prepareQuery<{ id: TemplateId }>()((db, p) => db.selectFrom('templates').selectAll().where('id', '=', p.id));
const playersOf = prepareQuery<{ workflowId: WorkflowId }>()((db, p) =>
  db.selectFrom('players').selectAll().where('workflow_id', '=', p.workflowId).orderBy('step'),
);
const valuesOf = prepareQuery<{ workflowId: WorkflowId }>()((db, p) =>
  db.selectFrom('field_values').select(['field_name', 'value']).where('workflow_id', '=', p.workflowId),
);

export async function loadWorkflowState(db: Kysely<Database>, companyId: CompanyId, workflowId: WorkflowId): Promise<WorkflowState | null> {
  const [workflow] = await workflowOfCompany.rows(db, { workflowId, companyId });
  if (!workflow) return null;
  const [[company], [template], players, values] = await Promise.all([
    companyById.rows(db, { id: companyId }),
    templateById.rows(db, { id: workflow.template_id }),
    playersOf.rows(db, { workflowId }),
    valuesOf.rows(db, { workflowId }),
  ]);
  if (!company || !template) throw new Error(`workflow ${workflowId} lost its company or template`);
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
