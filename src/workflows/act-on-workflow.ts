// A signer's approve (CF) or return (RT) at the current step: from the
// eSignon action call (5010Q) or from the signing page. One transaction writes the new state,
// the history, the next signing link, the export event, the messages and the document job.
import { addDays } from '../clock.ts';
import type { Context } from '../context.ts';
import { change } from '../jobs/change.ts';
import { allWritten } from '../store/held-transaction.ts';
import { checkFieldValue, fieldProblem, missingRequiredFields, radioConflicts, type FieldProblem } from '../domain/field-values.ts';
import type { FieldValues } from '../domain/fields.ts';
import { EMBED_REQUEST_CODE } from '../domain/export-config.ts';
import { decideSignerAction, TransitionRefused, type SignerCommand, type SignerOutcome } from '../domain/workflow-machine.ts';
import { DojangError } from '../errors.ts';
import {
  claimWorkflowVersion,
  closeSignTokens,
  isFirstAction,
  issueSignToken,
  nextExportId,
  queueDocuments,
  queueExport,
  queueNotification,
  recordHistory,
  signUrl,
  type HistoryRecord,
  type RequestOrigin,
} from './change-kit.ts';
import { asLanguage } from '../domain/recipient.ts';
import { documentLinks } from './document-links.ts';
import { notifyCompletion, notifyCancel } from './notify-outcome.ts';
import { loadWorkflowState, playerAt, type WorkflowState } from './workflow-state.ts';
import { type Timestamp, toTimestamp } from '../domain/time.ts';
import type { FieldValueTable } from '../store/schema.ts';
import { prepareQuery } from '../store/prepared-query.ts';
import type { CompanyId, WorkflowId } from '../domain/ids.ts';
import { said } from '../domain/said.ts';
import { noSuchWorkflow } from './workflow-refusals.ts';

export interface SignerAction {
  companyId: CompanyId;
  workflowId: WorkflowId;
  step: number;
  command: SignerCommand;
  opinion: string;
  fields: { name: string; value: string }[];
}

export interface ActionResult {
  outcome: SignerOutcome;
  workflowId: WorkflowId;
}

/** Applies the acting step's field values to the workflow's values, or names what is wrong. */
export function applyStepValues(
  state: WorkflowState,
  step: number,
  updates: SignerAction['fields'],
): { values: FieldValues; changed: string[]; problems: FieldProblem[] } {
  const values = { ...state.values };
  const changed: string[] = [];
  const problems: FieldProblem[] = [];
  for (const { name, value } of updates) {
    const field = state.fields.find((f) => f.name === name);
    if (!field) {
      problems.push(fieldProblem(`field_list.${name}`, said('noSuchField', { name })));
      continue;
    }
    if (field.owner !== step) {
      problems.push(fieldProblem(`field_list.${name}`, said('fieldOfAnotherStep', { name, owner: field.owner, step })));
      continue;
    }
    const check = checkFieldValue(field, value);
    if (!check.ok) {
      problems.push(fieldProblem(`field_list.${name}`, check.said));
      continue;
    }
    values[name] = check.value;
    changed.push(name);
    // Choosing one radio box clears the rest of its group.
    if (field.type === 'RadioBox' && check.value === 'Y') {
      for (const other of state.fields) {
        if (other.type === 'RadioBox' && other.name !== name && other.group === field.group && values[other.name] === 'Y') {
          values[other.name] = 'N';
          changed.push(other.name);
        }
      }
    }
  }
  const chosenInRequest = updates.filter((u) => u.value.toUpperCase() === 'Y').map((u) => u.name);
  problems.push(
    ...radioConflicts(
      state.fields.filter((f) => chosenInRequest.includes(f.name)),
      Object.fromEntries(chosenInRequest.map((n) => [n, 'Y'])),
    ),
  );
  return { values, changed: [...new Set(changed)], problems };
}

const upsertFieldValue = prepareQuery<FieldValueTable>()((db, p) =>
  db
    .insertInto('field_values')
    .values({ workflow_id: p.workflow_id, field_name: p.field_name, value: p.value, step: p.step, updated_at: p.updated_at })
    .onConflict((oc) =>
      oc
        .columns(['workflow_id', 'field_name'])
        .doUpdateSet((eb) => ({ value: eb.ref('excluded.value'), step: eb.ref('excluded.step'), updated_at: eb.ref('excluded.updated_at') })),
    ),
);
const markPlayerActed = prepareQuery<{ workflowId: WorkflowId; step: number; at: Timestamp }>()((db, p) =>
  db.updateTable('players').set({ acted_at: p.at }).where('workflow_id', '=', p.workflowId).where('step', '=', p.step),
);

/**
 * `loaded` is the workflow's state when the caller has just read it (5010Q checks the signer's
 * identity on it): read before the transaction either way, the version claim refuses the change
 * if anything moved since.
 */
export async function actOnWorkflow(ctx: Context, action: SignerAction, origin: RequestOrigin, loaded?: WorkflowState | null): Promise<ActionResult> {
  const now = ctx.clock();
  const state = loaded === undefined ? await loadWorkflowState(ctx.db, action.companyId, action.workflowId) : loaded;
  if (!state || state.workflow.status === 'Truncate') throw noSuchWorkflow(action.workflowId);

  let outcome: SignerOutcome;
  try {
    outcome = decideSignerAction(
      { status: state.workflow.status, currentStep: state.workflow.current_step, totalSteps: state.workflow.total_steps },
      action.step,
      action.command,
    );
  } catch (error) {
    if (error instanceof TransitionRefused) throw new DojangError('state', error.said);
    throw error;
  }

  const { values, changed, problems } = applyStepValues(state, action.step, action.fields);
  if (problems.length > 0) throw DojangError.invalid(problems);
  if (action.command === 'CF') {
    const missing = missingRequiredFields(state.fields, values, action.step);
    if (missing.length > 0) {
      throw new DojangError(
        'missing-required',
        said('requiredFieldsEmpty', { fields: missing.join(', ') }),
        missing.map((field) => fieldProblem(field, said('required'))),
      );
    }
  }

  const actor = playerAt(state, action.step);
  const embed = state.exportConfig?.requestCode === EMBED_REQUEST_CODE;
  await change(
    ctx,
    async (tx) => {
      const trx = tx.db;
      const nextStep = outcome.kind === 'advanced' || outcome.kind === 'returned' ? outcome.nextStep : state.workflow.current_step;
      const firstAction = isFirstAction(state);
      const exportId = nextExportId(state, { isFirstAction: firstAction, statusAfter: outcome.status });
      // The version claim and the writes that follow it are issued together (one round trip on
      // PostgreSQL, store/held-transaction.ts); should the claim fail, the transaction's
      // rollback takes the others back.
      const claim = claimWorkflowVersion(
        trx,
        state,
        {
          status: outcome.status,
          current_step: nextStep,
          export_seq: exportId,
          ...(outcome.kind === 'completed' ? { completed_at: toTimestamp(now) } : {}),
        },
        now,
      );
      const writes: Promise<unknown>[] = changed.map((name) =>
        upsertFieldValue.run(trx, {
          workflow_id: state.workflow.id,
          field_name: name,
          value: values[name] ?? '',
          step: action.step,
          updated_at: toTimestamp(now),
        }),
      );
      writes.push(markPlayerActed.run(trx, { workflowId: state.workflow.id, step: action.step, at: toTimestamp(now) }));

      const actorRecord = { actionId: action.step, actorName: actor.name, actorIdentity: actor.identity, comment: action.opinion };
      const history: HistoryRecord[] = [{ ...actorRecord, stepCode: action.command === 'CF' ? 'SIGN_COMPLETE' : 'SIGN_RETURN' }];
      const next = outcome.kind === 'advanced' || outcome.kind === 'returned' ? playerAt(state, outcome.nextStep) : null;
      if (next) history.push({ stepCode: 'SIGN_REQ', actionId: next.step, actorName: next.name, actorIdentity: next.identity, comment: '' });
      else if (outcome.kind === 'completed') history.push({ ...actorRecord, stepCode: 'WORKFLOW_COMPLETE', comment: '' });
      else history.push({ ...actorRecord, stepCode: 'WORKFLOW_CANCEL' });
      writes.push(recordHistory(trx, state.workflow.id, history, origin, now));
      writes.push(closeSignTokens(trx, state.workflow.id, now, next ? [action.step, next.step] : undefined));
      const signLink = next ? issueSignToken(ctx, trx, state, next.step, now) : null;
      if (signLink) writes.push(signLink.written);

      // The export goes with them: its place in its workflow's line is looked up in the same
      // round trip. The state is now the one this change leaves (thrown away should the claim fail).
      state.values = values;
      state.workflow.current_step = nextStep;
      state.workflow.status = outcome.status;
      const exportBase = {
        actionStep: action.step,
        at: now,
        worktype: action.command,
        actorIdentity: actor.identity,
        actorName: actor.name,
        opinion: action.opinion,
      };
      if (next && signLink) {
        writes.push(
          queueExport(tx, state, exportId, {
            ...exportBase,
            statusAfter: 'Playing',
            next: { identity: next.identity, name: next.name, playUrl: signUrl(ctx, signLink.token) },
          }),
        );
      } else if (outcome.kind === 'completed') {
        writes.push(
          (async () => {
            const links = embed
              ? await documentLinks(ctx, state.workflow.id, state.exportConfig?.linkType ?? 'viewer', addDays(now, ctx.config.documentLinkTtlDays))
              : null;
            return queueExport(tx, state, exportId, {
              ...exportBase,
              statusAfter: 'Complete',
              ...(links ? { links: { certUrl: links.certificateUrl, downloadUrl: links.documentUrl } } : {}),
            });
          })(),
        );
      } else {
        writes.push(queueExport(tx, state, exportId, { ...exportBase, statusAfter: 'Canceled' }));
      }
      if (!(await allWritten(claim, writes))) throw new DojangError('conflict', said('stepActedFirst'));

      if (next && signLink) {
        if (!embed) {
          await queueNotification(tx, state, {
            kind: 'sign-request',
            step: next.step,
            to: { name: next.name, identity: next.identity, language: asLanguage(next.language) },
            signUrl: signUrl(ctx, signLink.token),
            ...(outcome.kind === 'returned' ? { returnedBy: { name: actor.name, reason: action.opinion } } : {}),
          });
        }
      } else if (outcome.kind === 'completed') {
        await queueDocuments(tx, { companyId: state.workflow.company_id, workflowId: state.workflow.id }, 'produce');
        if (!embed) await notifyCompletion(ctx, tx, state);
      } else if (!embed) {
        await notifyCancel(tx, state, { cause: 'returned', by: actor.name, reason: action.opinion, actedSteps: [action.step] });
      }
    },
    now,
  );
  return { outcome, workflowId: state.workflow.id };
}
