// The document job: written in the same transaction as the final CF, carried
// out by the document worker: the completed PDF and the history certificate, each sealed,
// stored, fingerprinted. Also the removal of both when a workflow is disposed.
import type { X509Certificate } from 'node:crypto';
import type { Context } from '../context.ts';
import { identityKind } from '../domain/identity.ts';
import type { Job } from '../store/schema.ts';
import { PdfBusy } from '../pdf/pdf-pool.ts';
import { PdfRefused } from '../pdf/pdf-limits.ts';
import { change } from '../jobs/change.ts';
import type { QueueHandler } from '../jobs/queue.ts';
import type { DocumentJob } from '../jobs/queues.ts';
import { queueDocuments } from '../workflows/change-kit.ts';
import type { HistoryEntry } from '../store/schema.ts';
import { loadWorkflowState, type WorkflowState } from '../workflows/workflow-state.ts';
import { portableSigningKey } from './make-sealed-documents.ts';
import type { HistoryCertificateData, VerificationMethod } from './render-history-certificate.ts';
import type { SigningKey } from './signing-key.ts';
import { toTimestamp } from '../domain/time.ts';
import type { CompanyId, WorkflowId } from '../domain/ids.ts';

/** Seconds between tries: 10 s, 1 min, 5 min, 30 min, 2 h, then every 6 h; `failed` is shown after the fifth. */
const RETRY_SECONDS = [10, 60, 300, 1800, 7200];
const LATER_RETRY_SECONDS = 21600;

export const documentKeys = (workflowId: WorkflowId) => ({
  document: `documents/${workflowId}/completed.pdf`,
  certificate: `documents/${workflowId}/certificate.pdf`,
});

function verificationOf(state: WorkflowState, step: number, history: HistoryEntry[]): VerificationMethod[] {
  const player = state.players.find((p) => p.step === step)!;
  const methods: VerificationMethod[] = [];
  if (state.workflow.embed) methods.push('embedded');
  else methods.push(identityKind(player.identity) === 'mobile' ? 'kakao_link' : 'email_link');
  const at = (code: string) => history.some((h) => h.step_code === code && h.action_id === step);
  if (at('PASSWORD_CERT')) methods.push('password');
  if (at('MOBILE_CERT')) methods.push('mobile_otp');
  return methods;
}

/** What the history certificate shows, but the completed PDF's fingerprint (known once it is sealed). */
export async function certificateData(
  ctx: Pick<Context, 'db' | 'config'>,
  state: WorkflowState,
  issuedAt: Date,
): Promise<Omit<HistoryCertificateData, 'completedPdfSha256'>> {
  const { workflow } = state;
  const [history, starter] = await Promise.all([
    ctx.db.selectFrom('history').selectAll().where('workflow_id', '=', workflow.id).orderBy('id').execute(),
    ctx.db.selectFrom('members').select(['name', 'email']).where('id', '=', workflow.starter_member_id).executeTakeFirstOrThrow(),
  ]);
  const signatureOf = (step: number) => {
    const box = state.fields.find((f) => f.owner === step && f.type === 'SignBox' && (state.values[f.name] ?? '') !== '');
    return box ? state.values[box.name] : undefined;
  };
  return {
    workflow: {
      id: String(workflow.id),
      name: workflow.name,
      startedAt: workflow.created_at,
      ...(workflow.completed_at ? { completedAt: workflow.completed_at } : {}),
    },
    template: { id: String(state.template.id), name: state.template.name },
    company: { id: state.company.id, name: state.company.name },
    starter,
    signers: state.players.map((player) => {
      const signed = history.filter((h) => h.step_code === 'SIGN_COMPLETE' && h.action_id === player.step).at(-1);
      const signature = signatureOf(player.step);
      return {
        step: player.step,
        name: player.name,
        identity: player.identity,
        verification: verificationOf(state, player.step, history),
        ...(signed?.ip ? { ip: signed.ip } : {}),
        ...(signed?.user_agent ? { userAgent: signed.user_agent } : {}),
        ...(signed ? { signedAt: signed.created_at } : {}),
        ...(signature ? { signatureImage: signature } : {}),
      };
    }),
    events: history.map((h) => ({
      stepCode: h.step_code,
      at: h.created_at,
      ...(h.actor_name ? { actorName: h.actor_name } : {}),
      ...(h.actor_identity ? { actorIdentity: h.actor_identity } : {}),
      ...(h.ip ? { ip: h.ip } : {}),
      ...(h.user_agent ? { userAgent: h.user_agent } : {}),
    })),
    templatePdfSha256: state.template.pdf_sha256,
    verifyUrl: `${ctx.config.publicUrl}/verify`,
    displayOffset: state.company.utc_offset,
    issuedAt: issuedAt.toISOString(),
  };
}

async function produce(ctx: Context, sealing: SealingKeys, companyId: CompanyId, workflowId: WorkflowId): Promise<string | null> {
  const state = await loadWorkflowState(ctx.db, companyId, workflowId);
  if (state?.workflow.status !== 'Complete') return `workflow ${workflowId} is no longer Complete; nothing to produce`;
  const templatePdf = await ctx.files.get(state.template.pdf_key);
  if (!templatePdf) throw new Error(`the template PDF ${state.template.pdf_key} is missing from the file store`);
  const { tsaUrl } = ctx.config.signing;
  // Filling and sealing both files is the heavy part: a PDF worker does it (pdf/pdf-pool.ts).
  const made = await ctx.pdf.run('seal', {
    workflowId: String(workflowId),
    templatePdf,
    templateChecked: ctx.pdf.isChecked(state.template.pdf_sha256),
    limits: ctx.pdf.limits,
    fields: state.fields,
    values: state.values,
    certificate: await certificateData(ctx, state, ctx.clock()),
    key: portableSigningKey(await sealing.signingKey()),
    location: `Dojang (${ctx.config.publicUrl})`,
    sealName: state.company.name,
    timestamp: tsaUrl ? { url: tsaUrl, authorities: sealing.timestampAuthorities.map((c) => new Uint8Array(c.raw)) } : null,
  });
  ctx.pdf.markChecked(state.template.pdf_sha256);
  const keys = documentKeys(workflowId);
  await ctx.files.put(keys.document, made.document);
  await ctx.files.put(keys.certificate, made.certificate);
  const row = {
    document_key: keys.document,
    document_sha256: made.documentSha256,
    certificate_key: keys.certificate,
    certificate_sha256: made.certificateSha256,
    created_at: toTimestamp(ctx.clock()),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('documents')
      .values({ workflow_id: workflowId, ...row })
      .onConflict((oc) => oc.column('workflow_id').doUpdateSet(row))
      .execute();
    await trx.updateTable('workflows').set({ documents_state: 'ready' }).where('id', '=', workflowId).where('status', '=', 'Complete').execute();
  });
  return null;
}

async function remove(ctx: Context, workflowId: WorkflowId): Promise<void> {
  const keys = documentKeys(workflowId);
  await ctx.files.delete(keys.document);
  await ctx.files.delete(keys.certificate);
  await ctx.db.deleteFrom('documents').where('workflow_id', '=', workflowId).execute();
}

/** The seal's key, loaded on first use, and the timestamp authorities its timestamps must come from (DOJANG_TSA_CA; any, when empty). */
export interface SealingKeys {
  signingKey: () => Promise<SigningKey>;
  timestampAuthorities: readonly X509Certificate[];
}

/** Tries a run that hit the time or memory bound gets before the job gives up. */
const HEAVY_TRIES = 3;

export function documentJobHandler(ctx: Context, sealing: SealingKeys): QueueHandler<DocumentJob> {
  return async (job, { action }) => {
    const startedAt = ctx.clock();
    try {
      let skipped: string | null = null;
      if (action === 'remove') await remove(ctx, job.workflow_id!);
      else skipped = await produce(ctx, sealing, job.company_id, job.workflow_id!);
      const attempt = { startedAt, durationMs: ctx.clock().getTime() - startedAt.getTime(), ok: true, responseExcerpt: skipped ?? `${action}d` };
      return { resolution: { kind: 'succeeded' }, attempts: [attempt] };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const attempt = { startedAt, durationMs: ctx.clock().getTime() - startedAt.getTime(), ok: false, error: message };
      if (givesUp(job, error)) {
        ctx.logger.warn({ workflowId: job.workflow_id, reason: message }, 'documents cannot be made within the PDF bounds');
        await ctx.db
          .updateTable('workflows')
          .set({ documents_state: 'refused' })
          .where('id', '=', job.workflow_id!)
          .where('documents_state', 'in', ['pending', 'failed'])
          .execute();
        return { resolution: { kind: 'dead', error: message }, attempts: [attempt] };
      }
      if (!(error instanceof PdfBusy)) ctx.logger.error({ err: error, workflowId: job.workflow_id, action }, 'document job failed');
      if (action === 'produce' && job.attempts >= RETRY_SECONDS.length) {
        await ctx.db
          .updateTable('workflows')
          .set({ documents_state: 'failed' })
          .where('id', '=', job.workflow_id!)
          .where('documents_state', '=', 'pending')
          .execute();
      }
      // Anything else is passing (a timestamp authority down, a busy pool): a completed workflow
      // must end up with its files, so it is tried again for as long as it takes.
      const wait = error instanceof PdfBusy ? 10 : (RETRY_SECONDS[job.attempts - 1] ?? LATER_RETRY_SECONDS);
      return { resolution: { kind: 'retry', at: new Date(ctx.clock().getTime() + wait * 1000), error: message }, attempts: [attempt] };
    }
  };
}

/** A template that breaks a PDF bound always will; one that ran out of time or memory may not, the first times. */
function givesUp(job: Job, error: unknown): boolean {
  if (!(error instanceof PdfRefused)) return false;
  const heavy = error.refusal.bound === 'time' || error.refusal.bound === 'memory';
  return !heavy || job.attempts >= HEAVY_TRIES;
}

/**
 * Finds completed workflows whose documents are neither ready nor being made (a job lost to a
 * bug, a database restored from backup) and queues the job again. Nothing stays "Complete
 * without documents" silently.
 */
export async function sweepMissingDocuments(ctx: Context, limit = 100): Promise<number> {
  const orphans = await ctx.db
    .selectFrom('workflows as w')
    .select(['w.id', 'w.company_id'])
    .where('w.status', '=', 'Complete')
    .where('w.documents_state', 'not in', ['ready', 'refused'])
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('jobs as j')
            .select('j.id')
            .whereRef('j.workflow_id', '=', 'w.id')
            .where('j.queue', '=', 'document')
            .where('j.status', 'in', ['pending', 'running']),
        ),
      ),
    )
    .limit(limit)
    .execute();
  for (const orphan of orphans) await change(ctx, (tx) => queueDocuments(tx, { companyId: orphan.company_id, workflowId: orphan.id }, 'produce'));
  if (orphans.length > 0) ctx.logger.warn({ workflows: orphans.map((o) => o.id) }, 'completed workflows without documents: production queued again');
  return orphans.length;
}
