// The Export API payload, built from a workflow's state by pure functions.
import { effectiveValue, exportedValue } from './field-values.ts';
import type { FieldValues, TemplateField } from './fields.ts';
import { EMBED_REQUEST_CODE, type ExportApiType, type ExportConfig, type RequestParam } from './export-config.ts';
import { formatWorkdatetime } from './time.ts';

export type Worktype = 'CF' | 'RT' | 'CANCEL';
export type ExportStatus = 'Playing' | 'Complete' | 'Canceled';

/** Whether a change gets an export: ALL, every change; StartAndEnd, the first action and the end. */
export function shouldExport(apiType: ExportApiType, change: { isFirstAction: boolean; statusAfter: ExportStatus }): boolean {
  if (apiType === 'ALL') return true;
  return change.isFirstAction || change.statusAfter !== 'Playing';
}

export interface ExportChange {
  docId: string;
  workflowId: string;
  companyId: string;
  /** This event's number within its workflow, from 1. */
  processId: number;
  /** The step that acted; null for a cancel by the company or by expiry. */
  actionStep: number | null;
  at: Date;
  worktype: Worktype;
  /** The acting signer's identity as given at start; the member's email for a company cancel; "" for expiry. */
  actorIdentity: string;
  actorName: string;
  opinion: string;
  statusAfter: ExportStatus;
  fields: readonly TemplateField[];
  values: FieldValues;
  /** Embed mode while Playing: the signer now due. */
  next?: { identity: string; name: string; playUrl: string };
  /** Embed mode at Complete. */
  links?: { certUrl: string; downloadUrl: string };
}

export interface ExportPayload {
  header: { api_name: 'export'; session_id: 'S1001'; request_code: string; authorization?: string };
  body: Record<string, string>;
}

/**
 * The payload as it goes out: with `export_api_info.authorization` in its header, where receivers
 * built on eSignon read it. Added only when sent, so the stored payload never holds the secret.
 */
export function payloadAsSent(payload: ExportPayload, authorization: string | null): ExportPayload {
  return authorization ? { header: { ...payload.header, authorization }, body: payload.body } : payload;
}

export function resolveRequestParam(param: RequestParam, fields: readonly TemplateField[], values: FieldValues): string {
  for (const name of param.fields) {
    const field = fields.find((f) => f.name === name);
    const value = field ? exportedValue(field, effectiveValue(field, values)) : '';
    if (value !== '') return value;
  }
  return param.paramValue;
}

export function buildExportPayload(config: ExportConfig, change: ExportChange): ExportPayload {
  const embed = config.requestCode === EMBED_REQUEST_CODE;
  const body: Record<string, string> = {
    wfluid: change.docId,
    clientid: config.clientid ?? change.companyId,
    processid: String(change.processId),
    requestid: config.requestCode,
    actionid: change.actionStep === null ? '' : String(change.actionStep),
    workdatetime: formatWorkdatetime(change.at),
    worktype: change.worktype,
    wfuid: change.workflowId,
    useremail: change.actorIdentity,
    opinion: change.opinion,
    status: change.statusAfter,
  };
  for (const param of config.requestParams) {
    body[param.paramId] = resolveRequestParam(param, change.fields, change.values);
  }
  if (embed) Object.assign(body, embedKeys(change));
  return { header: { api_name: 'export', session_id: 'S1001', request_code: config.requestCode }, body };
}

function embedKeys(change: ExportChange): Record<string, string> {
  switch (change.statusAfter) {
    case 'Playing':
      return change.next
        ? {
            next_play_user: change.next.identity,
            play_url: change.next.playUrl,
            next_user_name: change.next.name,
            user_name: change.actorName,
          }
        : { user_name: change.actorName };
    case 'Complete':
      return change.links
        ? { cert_url: change.links.certUrl, download_url: change.links.downloadUrl, user_name: change.actorName }
        : { user_name: change.actorName };
    case 'Canceled':
      return { user_name: change.actorName };
  }
}
