// startsimple (5005Q): a workflow at step 1, its signing link, and the step-1 signer told
// (unless embed). Everything the start causes is written in one transaction.
import type { Caller } from '../accounts/access-tokens.ts';
import type { Context } from '../context.ts';
import { change } from '../jobs/change.ts';
import { EMBED_REQUEST_CODE, parseExportConfig, type ExportConfig } from '../domain/export-config.ts';
import { fieldProblem, type FieldProblem } from '../domain/field-values.ts';
import type { TemplateField } from '../domain/fields.ts';
import { dayInOffset, endOfDay, isCalendarDate, type Timestamp, toTimestamp } from '../domain/time.ts';
import { DojangError } from '../errors.ts';
import { hashPassword } from '../security/hash-password.ts';
import { mintPreviewToken } from './preview-token.ts';
import { mintSignToken, queueNotification, recordHistory, signUrl, type RequestOrigin } from './change-kit.ts';
import { checkAgainstTemplate, parseStartRequest, type StartRequest } from './start-request.ts';
import { loadWorkflowState } from './workflow-state.ts';
import type { TemplateId, WorkflowId } from '../domain/ids.ts';
import type { PageSize } from '../pdf/read-page-sizes.ts';
import { storeTemplatePdf } from '../templates/create-template.ts';
import type { Kysely } from 'kysely';
import type { Database, Template } from '../store/schema.ts';
import { said } from '../domain/said.ts';

export type StartResult =
  | { kind: 'preview'; previewUrl: string }
  | {
      kind: 'started';
      workflowId: WorkflowId;
      templateId: TemplateId;
      workflowName: string;
      token: string;
      playUrl: string;
      embed: boolean;
      starterEmail: string;
      language: string;
      firstPlayer: { identity: string; name: string };
    };

/**
 * Locks the template's row for this transaction, provided it is still the version the request
 * was checked against. An edit in the console (console/save-template.ts) locks the same row
 * before it decides to change the template in place, so the two never cross: either the edit
 * sees this workflow and makes a new version, or this start sees the edit and is refused.
 */
async function holdTemplateAsChecked(trx: Kysely<Database>, template: Pick<Template, 'id' | 'updated_at'>): Promise<TemplateId> {
  const held = await trx
    .updateTable('templates')
    .set({ updated_at: template.updated_at })
    .where('id', '=', template.id)
    .where('updated_at', '=', template.updated_at)
    .executeTakeFirst();
  if (Number(held.numUpdatedRows) !== 1) {
    throw new DojangError('conflict', said('templateChangedWhileStarting', { id: template.id }));
  }
  return template.id;
}

async function insertOneOff(
  trx: Kysely<Database>,
  caller: Caller,
  template: OneOffTemplate & { pdfKey: string; pdfSha256: string },
  now: Timestamp,
): Promise<TemplateId> {
  const row = await trx
    .insertInto('templates')
    .values({
      company_id: caller.companyId,
      name: template.name,
      steps: template.steps,
      fields: JSON.stringify(template.fields),
      pages: JSON.stringify(template.pages),
      pdf_key: template.pdfKey,
      pdf_sha256: template.pdfSha256,
      creator_member_id: caller.memberId,
      one_off: 1,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * A template made for this contract alone from its PDF's text tags (POST /api/v1/contracts): its
 * PDF stored once the start has passed every check, its row written in the start's own
 * transaction, so a refused start leaves neither behind.
 */
export interface OneOffTemplate {
  name: string;
  steps: number;
  fields: TemplateField[];
  pages: PageSize[];
  pdf: Uint8Array;
}

/** The template a start is checked against: a stored one (held as checked when written), or a one-off to write. */
type StartTemplate = { steps: number; fields: TemplateField[] } & ({ stored: Template } | { oneOff: OneOffTemplate });

async function findStartTemplate(ctx: Context, caller: Caller, request: StartRequest, problems: FieldProblem[]): Promise<StartTemplate | undefined> {
  if (!Number.isSafeInteger(request.docId)) return undefined;
  const stored = await ctx.db.selectFrom('templates').selectAll().where('id', '=', request.docId).where('company_id', '=', caller.companyId).executeTakeFirst();
  if (!stored) problems.push(fieldProblem('doc_id', said('noTemplateInCompany', { id: request.docId })));
  return stored && { steps: stored.steps, fields: JSON.parse(stored.fields) as TemplateField[], stored };
}

export async function startWorkflow(
  ctx: Context,
  caller: Caller,
  raw: Record<string, unknown>,
  origin: RequestOrigin,
  options: { type?: 'WEBTYPE' | 'BULKTYPE'; oneOff?: OneOffTemplate } = {},
): Promise<StartResult> {
  const { oneOff } = options;
  const { request, problems } = parseStartRequest(raw, { templateGiven: oneOff === undefined });
  const now = ctx.clock();
  const company = await ctx.db.selectFrom('companies').selectAll().where('id', '=', caller.companyId).executeTakeFirstOrThrow();

  const expiresAt = checkExpiry(request, request.timezoneOffset ?? company.utc_offset, now);
  const starter = await findStarter(ctx, caller, request.memberEmail, problems);
  const template: StartTemplate | undefined = oneOff
    ? { steps: oneOff.steps, fields: oneOff.fields, oneOff }
    : await findStartTemplate(ctx, caller, request, problems);

  let exportConfig: ExportConfig | null = null;
  let values = {};
  if (template) {
    const { fields } = template;
    const checked = checkAgainstTemplate(request, template.steps, fields);
    values = checked.values;
    problems.push(...checked.problems);
    if (request.exportInfo !== undefined && request.exportInfo !== null) {
      // A one-off template has no id yet: a field named with a doc_id is then of another template.
      const docId = 'stored' in template ? String(template.stored.id) : '';
      const parsed = parseExportConfig(request.exportInfo, { docId, fieldNames: new Set(fields.map((f) => f.name)) });
      if (parsed.ok) {
        exportConfig = parsed.config;
        const refusal = await ctx.checkExportUrl(parsed.config.url);
        if (refusal) problems.push(fieldProblem('export_api_info.url', said('exportUrlRefused', { reason: refusal })));
      } else {
        problems.push(...parsed.problems);
      }
    }
  }
  if (problems.length > 0 || !template || !starter) throw DojangError.invalid(problems);

  if (request.preview && 'stored' in template) {
    return { kind: 'preview', previewUrl: `${ctx.config.publicUrl}/preview?token=${await mintPreviewToken(ctx, caller.companyId, template.stored.id, now)}` };
  }

  const passwordHashes = await Promise.all(request.players.map((p) => (p.password ? hashPassword(p.password) : null)));
  const embed = exportConfig?.requestCode === EMBED_REQUEST_CODE;
  const players = request.players.map((p, i) => ({ ...p, passwordHash: passwordHashes[i] ?? null })).sort((a, b) => a.step - b.step);
  const first = players[0]!;
  const oneOffPdf = 'oneOff' in template ? await storeTemplatePdf(ctx, template.oneOff.pdf) : null;

  const { workflowId, token, templateId } = await change(
    ctx,
    async (tx) => {
      const trx = tx.db;
      const nowIso = toTimestamp(now);
      const templateId =
        'stored' in template
          ? await holdTemplateAsChecked(trx, template.stored)
          : await insertOneOff(trx, caller, { ...template.oneOff, ...oneOffPdf! }, nowIso);
      const workflow = await trx
        .insertInto('workflows')
        .values({
          company_id: caller.companyId,
          template_id: templateId,
          name: request.workflowName,
          status: 'Playing',
          type: options.type ?? 'WEBTYPE',
          current_step: 1,
          total_steps: template.steps,
          starter_member_id: starter.id,
          language: request.language,
          comment: request.comment,
          expires_on: request.expireddate,
          expires_at: expiresAt ? toTimestamp(expiresAt) : null,
          embed: embed ? 1 : 0,
          export_config: exportConfig ? JSON.stringify(exportConfig) : null,
          referers: JSON.stringify(request.referers),
          export_seq: 0,
          version: 1,
          documents_state: 'none',
          created_at: nowIso,
          updated_at: nowIso,
          completed_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('players')
        .values(
          players.map((p) => ({
            workflow_id: workflow.id,
            step: p.step,
            identity: p.identity,
            name: p.name,
            mobile_number: p.mobileNumber,
            password_hash: p.passwordHash,
            password_hint: p.passwordHint,
            language: p.language,
            acted_at: null,
          })),
        )
        .execute();
      const entries = Object.entries(values as Record<string, string>).filter(([, v]) => v !== '');
      if (entries.length > 0) {
        await trx
          .insertInto('field_values')
          .values(entries.map(([name, value]) => ({ workflow_id: workflow.id, field_name: name, value, step: 0, updated_at: nowIso })))
          .execute();
      }
      await recordHistory(
        trx,
        workflow.id,
        [
          { stepCode: 'WORKFLOW_START', actionId: null, actorName: starter.name, actorIdentity: starter.email, comment: request.comment },
          { stepCode: 'SIGN_REQ', actionId: 1, actorName: first.name, actorIdentity: first.identity },
        ],
        origin,
        now,
      );
      const state = await loadWorkflowState(trx, caller.companyId, workflow.id);
      if (!state) throw new Error('the workflow just written is missing');
      const token = await mintSignToken(ctx, trx, state, 1, now);
      if (!embed) {
        await queueNotification(tx, state, {
          kind: 'sign-request',
          step: 1,
          to: { name: first.name, identity: first.identity, language: first.language },
          signUrl: signUrl(ctx, token),
        });
      }
      return { workflowId: workflow.id, token, templateId };
    },
    now,
  );
  return {
    kind: 'started',
    workflowId,
    templateId,
    workflowName: request.workflowName,
    token,
    playUrl: signUrl(ctx, token),
    embed,
    starterEmail: starter.email,
    language: request.language,
    firstPlayer: { identity: first.identity, name: first.name },
  };
}

/** The end of `expireddate` in the company's time zone; "19" for a bad date, "20" for a past one. */
function checkExpiry(request: StartRequest, offset: string, now: Date): Date | null {
  if (request.expireddate === null) return null;
  if (!isCalendarDate(request.expireddate)) {
    throw new DojangError('bad-expiry-format', said('expiryFormat', { expireddate: request.expireddate }));
  }
  if (request.expireddate < dayInOffset(now, offset)) {
    throw new DojangError('expiry-past', said('expiryPast', { expireddate: request.expireddate }));
  }
  return endOfDay(request.expireddate, offset);
}

async function findStarter(ctx: Context, caller: Caller, email: string | null, problems: FieldProblem[]) {
  if (email === null) return { id: caller.memberId, name: caller.memberName, email: caller.memberEmail };
  const member = await ctx.db
    .selectFrom('members')
    .select(['id', 'name', 'email'])
    .where('company_id', '=', caller.companyId)
    .where('email', '=', email.toLowerCase())
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  if (!member) problems.push(fieldProblem('memb_email', said('starterNotMember', { email })));
  return member;
}
