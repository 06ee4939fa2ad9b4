// 1410Q 대량전송 계약 시작: one workflow per `unset_player_list` entry, each started on its own
// (its own transaction, its own values), so one bad entry does not sink the others.
import type { Caller } from '../accounts/access-tokens.ts';
import type { Context } from '../context.ts';
import { fieldProblem, type FieldProblem } from '../domain/field-values.ts';
import { said } from '../domain/said.ts';
import { DojangError } from '../errors.ts';
import { isCheckEnabled } from '../domain/verification-flags.ts';
import type { RequestOrigin } from './change-kit.ts';
import { startWorkflow, type StartResult } from './start-workflow.ts';

/** More entries than this in one call are refused: a call is one HTTP request's worth of work. */
export const BULK_LIMIT = 1000;

export type BulkEntryResult =
  | { ok: true; entry: Record<string, unknown>; started: Extract<StartResult, { kind: 'started' }> }
  | { ok: false; entry: Record<string, unknown>; error: DojangError };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

/** An unset_player_list / customer_list entry as a startsimple player of the given step. */
export function bulkPlayer(entry: Record<string, unknown>, step: number): Record<string, unknown> {
  const identity = text(entry.email);
  const mobile = text(entry.mobile_number);
  const password = text(entry.password);
  const useMobile = isCheckEnabled(entry.enable_mobile_cert, mobile);
  const usePassword = isCheckEnabled(entry.enable_password_cert, password);
  return {
    field_owner: String(step),
    email: identity,
    name: entry.name,
    ...(entry.language !== undefined && text(entry.language) !== '' ? { language: entry.language } : {}),
    ...(useMobile ? { mobile_number: mobile !== '' ? mobile : identity } : {}),
    ...(usePassword ? { password: entry.password, password_hint: entry.password_hint } : {}),
  };
}

/** A customer_list entry that says something: the 2-step C template's customer B. */
const isFilled = (entry: unknown): entry is Record<string, unknown> => isRecord(entry) && text(entry.email) !== '';

export interface BulkRequest {
  templateId: string;
  starterEmail: string | null;
  workflowName: string;
  comment: string;
  entries: Record<string, unknown>[];
  /** Values for every entry (a body-level field_list); an entry's own values win. */
  sharedValues: unknown[];
  /** Step 2 of every workflow when the template has two steps (eSignon's "2단계 C"). */
  customerB: Record<string, unknown> | null;
}

export function parseBulkRequest(body: Record<string, unknown>): BulkRequest {
  const entries = body.unset_player_list;
  const problems: FieldProblem[] = [];
  if (!Array.isArray(entries) || entries.length === 0) problems.push(fieldProblem('unset_player_list', said('bulkEntriesRequired')));
  else if (entries.length > BULK_LIMIT) problems.push(fieldProblem('unset_player_list', said('bulkTooManyEntries', { max: BULK_LIMIT })));
  const templateId = text(body.workflow_lib_id) || text(body.doc_id);
  if (templateId === '') problems.push(fieldProblem('workflow_lib_id', said('bulkTemplateRequired')));
  if (problems.length > 0) throw DojangError.invalid(problems);
  const customers = Array.isArray(body.customer_list) ? body.customer_list.filter(isFilled) : [];
  return {
    templateId,
    starterEmail: text(body.memb_email) || null,
    workflowName: text(body.workflow_name),
    comment: typeof body.comment === 'string' ? body.comment : '',
    entries: (entries as unknown[]).map((e) => (isRecord(e) ? e : {})),
    sharedValues: Array.isArray(body.field_list) ? body.field_list : [],
    customerB: customers[0] ?? null,
  };
}

/** Values of an entry: the shared ones, overridden by the entry's own (`doc_id` is ignored: one template). */
function valuesOf(request: BulkRequest, entry: Record<string, unknown>): unknown[] {
  const own = Array.isArray(entry.field_list) ? entry.field_list : [];
  const names = new Set(own.filter(isRecord).map((f) => text(f.field_name)));
  return [...request.sharedValues.filter((f) => !(isRecord(f) && names.has(text(f.field_name)))), ...own];
}

export async function bulkStartWorkflows(
  ctx: Context,
  caller: Caller,
  request: BulkRequest,
  template: { steps: number; name: string },
  origin: RequestOrigin,
): Promise<BulkEntryResult[]> {
  const results: BulkEntryResult[] = [];
  for (const entry of request.entries) {
    const players = [bulkPlayer(entry, 1)];
    if (template.steps === 2 && request.customerB) players.push(bulkPlayer(request.customerB, 2));
    const raw: Record<string, unknown> = {
      workflow_name: text(entry.workflow_name) || request.workflowName || template.name,
      doc_id: request.templateId,
      ...(request.starterEmail ? { memb_email: request.starterEmail } : {}),
      ...(entry.language !== undefined && text(entry.language) !== '' ? { language: entry.language } : {}),
      comment: request.comment,
      player_list: players,
      field_list: valuesOf(request, entry),
    };
    try {
      const started = await startWorkflow(ctx, caller, raw, origin, { type: 'BULKTYPE' });
      if (started.kind !== 'started') throw new Error('bulk start never previews');
      results.push({ ok: true, entry, started });
    } catch (error) {
      if (!(error instanceof DojangError)) throw error;
      results.push({ ok: false, entry, error });
    }
  }
  return results;
}
