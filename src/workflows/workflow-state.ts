// A workflow with everything a change or a query needs: template, players, values, export config.
// Read in one statement (the workflow, its company, players and values), and the template from
// memory once read: a template a committed workflow uses never changes in place (an edit makes a
// new version, console/save-template.ts), and an edit before any use moves its updated_at on, so
// a template kept by its id and updated_at is the row itself. Only templates read outside a
// transaction are kept: one read inside may be rolled back with it, and SQLite then hands its id
// to the next template written.
import type { Kysely } from 'kysely';
import type { ExportConfig } from '../domain/export-config.ts';
import type { FieldValues, TemplateField } from '../domain/fields.ts';
import type { Company, Database, Player, Template, Workflow } from '../store/schema.ts';
import type { CompanyId, TemplateId, WorkflowId } from '../domain/ids.ts';
import { prepareQuery } from '../store/prepared-query.ts';
import { jsonRows, parsedJson } from '../store/json-rows.ts';
import type { Timestamp } from '../domain/time.ts';

export interface WorkflowState {
  workflow: Workflow;
  company: Company;
  template: Template;
  /** The template's fields: shared by every state of its workflows, so frozen. */
  fields: readonly TemplateField[];
  players: Player[];
  values: FieldValues;
  exportConfig: ExportConfig | null;
}

const workflowWithParts = prepareQuery<{ workflowId: WorkflowId; companyId: CompanyId }>()((db, p) => {
  const json = jsonRows(db);
  return db
    .selectFrom('workflows as w')
    .selectAll('w')
    .select((eb) => [
      eb.selectFrom('templates as t').select('t.updated_at').whereRef('t.id', '=', 'w.template_id').as('template_updated_at'),
      json
        .objectFrom(
          eb
            .selectFrom('companies as c')
            .select(['c.id', 'c.name', 'c.utc_offset', 'c.webhook_secret', 'c.webhook_secret_previous', 'c.webhook_secret_previous_until', 'c.created_at'])
            .whereRef('c.id', '=', 'w.company_id'),
        )
        .as('company'),
      json
        .arrayFrom(
          eb
            .selectFrom('players as pl')
            .select([
              'pl.workflow_id',
              'pl.step',
              'pl.identity',
              'pl.name',
              'pl.mobile_number',
              'pl.password_hash',
              'pl.password_hint',
              'pl.language',
              'pl.acted_at',
            ])
            .whereRef('pl.workflow_id', '=', 'w.id')
            .orderBy('pl.step'),
        )
        .as('players'),
      json.arrayFrom(eb.selectFrom('field_values as v').select(['v.field_name', 'v.value']).whereRef('v.workflow_id', '=', 'w.id')).as('values'),
    ])
    .where('w.id', '=', p.workflowId)
    .where('w.company_id', '=', p.companyId);
});
const templateById = prepareQuery<{ id: TemplateId }>()((db, p) => db.selectFrom('templates').selectAll().where('id', '=', p.id));

interface KnownTemplate {
  template: Template;
  fields: readonly TemplateField[];
}
/** Templates read, per database (a transaction shares its database's adapter), by id; a few thousand at most. */
const knownTemplates = new WeakMap<object, Map<TemplateId, KnownTemplate>>();
const KNOWN_TEMPLATES = 2000;

async function templateOf(db: Kysely<Database>, id: TemplateId, updatedAt: Timestamp | null): Promise<KnownTemplate | null> {
  const adapter = db.getExecutor().adapter;
  let known = knownTemplates.get(adapter);
  if (!known) knownTemplates.set(adapter, (known = new Map()));
  const kept = known.get(id);
  if (kept && kept.template.updated_at === updatedAt) return kept;
  const [template] = await templateById.rows(db, { id });
  if (!template) return null;
  const read = { template, fields: Object.freeze((JSON.parse(template.fields) as TemplateField[]).map((f) => Object.freeze(f))) };
  if (db.isTransaction) return read;
  if (known.size >= KNOWN_TEMPLATES) known.delete(known.keys().next().value!);
  known.set(id, read);
  return read;
}

export async function loadWorkflowState(db: Kysely<Database>, companyId: CompanyId, workflowId: WorkflowId): Promise<WorkflowState | null> {
  const [row] = await workflowWithParts.rows(db, { workflowId, companyId });
  if (!row) return null;
  const { template_updated_at, company, players, values, ...workflow } = row;
  const template = await templateOf(db, workflow.template_id, template_updated_at);
  const companyRow = parsedJson(company);
  if (!companyRow || !template) throw new Error(`workflow ${workflowId} lost its company or template`);
  return {
    workflow,
    company: companyRow as Company,
    template: template.template,
    fields: template.fields,
    players: (parsedJson(players) as Player[]).sort((a, b) => a.step - b.step),
    values: Object.fromEntries(parsedJson(values).map((v) => [v.field_name, v.value])),
    exportConfig: workflow.export_config ? (JSON.parse(workflow.export_config) as ExportConfig) : null,
  };
}

export function playerAt(state: WorkflowState, step: number): Player {
  const player = state.players.find((p) => p.step === step);
  if (!player) throw new Error(`workflow ${state.workflow.id} has no player for step ${step}`);
  return player;
}
