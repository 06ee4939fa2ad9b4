// A small typed client for Dojang's HTTP API: every eSignon-compatible call and the main calls
// of Dojang's own v1 API. Written by hand to stay small; where a route's TypeBox schema is
// exported, the types here are derived from it (`Static<typeof …>`), so the documented shapes
// and the client's shapes are one. Imports are type-only: the client has no server code in it.
//
//   const dojang = new DojangClient({ baseUrl: 'http://localhost:3000' });
//   await dojang.login('demo', 'demo@dojang.local', 'dojang-demo');
//   const { header, body } = await dojang.searchByField('demo', { field_list: [{ doc_uid: '1', field_name: 'customer_name', field_value: '김철수' }] });
import type { Static } from 'typebox';
import type { BulkStartResponseBody } from '../http/esignon/bulk-start.ts';
import type { CompanyInfoBody } from '../http/esignon/company-info.ts';
import type { ExportFieldBody } from '../http/esignon/exportfield.ts';
import type { StartResponseBody } from '../http/shared/start-body.ts';
import type { StartBodySchema } from '../http/shared/start-body.ts';
import type { SearchResponseBody } from '../http/esignon/search.ts';
import type { DownloadBody } from '../http/esignon/workflow-download.ts';
import type { WorklistResponseBody } from '../http/esignon/worklists.ts';

/** eSignon's response header; result_code "00" is success. */
export interface EsignonHeader {
  response_code: string;
  result_code: string;
  result_msg: string;
  session_id: string;
  version: string;
}

/** An eSignon answer, with the HTTP status (200 for business failures, 401/403/400 otherwise). */
export interface EsignonAnswer<B> {
  status: number;
  header: EsignonHeader;
  body: Partial<B>;
}

/** A JSON answer of Dojang's own API (problem+json when status ≥ 400). */
export interface JsonAnswer<T> {
  status: number;
  json: T;
}

type Scalar = string | number;
type Loose<T> = { [K in keyof T]: T[K] extends string ? Scalar : T[K] } & Record<string, unknown>;

export type LoginBody = { access_token: string; comp_id: string; device_id: string; expire_date: string; memb_email: string };
export type StartRequest = Loose<Static<typeof StartBodySchema>>;
export type StartAnswerBody = Static<typeof StartResponseBody>;
export type ActionRequest = Loose<{
  memb_email: string;
  action_id: string;
  workflow_id: string;
  command: 'CF' | 'RT' | string;
  comment?: string;
  comp_id?: string;
  biz_id?: string;
}> & {
  field_list?: { field_name: string; field_value: string }[];
};
export type CompanyCommandRequest = Loose<{
  workflow_id: string;
  command: 'CANCEL' | 'DISPOSAL' | 'DELETE' | string;
  description?: string;
  memb_email?: string;
  comp_id?: string;
  biz_id?: string;
  timezone_offset?: string;
}>;
export type CompanyCommandBody = { comp_id: string; biz_id: string; memb_email: string; workflow_id: string; command: string };
export type ResendRequest = Loose<{ workflow_id: string; memb_email?: string; comp_id?: string; biz_id?: string }>;
export type ResendBody = { comp_id: string; biz_id: string; memb_email: string; workflow_id: string };
export type TemplateListRequest = Loose<{
  search_dir_id?: 'all' | 'my' | 'shared' | string;
  display_order_mode?: string;
  memb_email?: string;
  comp_id?: string;
  biz_id?: string;
}>;
export interface TemplateFile {
  file_id: string;
  file_type: string;
  file_name: string;
  dir_type: string;
  create_memb_email: string;
  create_date: string;
  create_memb_name: string;
  file_workflow_count: string;
  file_workflow_type: string;
  file_workflow_library_id: string;
  last_modify_date: string;
}
export type TemplateListBody = { comp_id: string; biz_id: string; memb_email: string; search_dir_id: string; file_list: TemplateFile[] };
export type BulkPlayer = Loose<{
  email: string;
  name: string;
  memb_id_type?: 'EMail' | 'Mobile' | string;
  language?: string;
  workflow_name?: string;
  enable_mobile_cert?: string;
  mobile_number?: string;
  enable_password_cert?: string;
  password?: string;
  password_hint?: string;
}> & { field_list?: { doc_id?: Scalar; field_name: string; field_value: string }[] };
export type BulkStartRequest = Loose<{
  workflow_lib_id: string;
  memb_email?: string;
  workflow_name?: string;
  comment?: string;
  comp_id?: string;
  biz_id?: string;
}> & {
  unset_player_list: BulkPlayer[];
  customer_list?: BulkPlayer[];
  field_list?: { field_name: string; field_value: string }[];
};
export type BulkStartBody = Static<typeof BulkStartResponseBody>;
export type SearchBody = Static<typeof SearchResponseBody>;
export type SearchByFieldRequest = Loose<{ comp_id?: string; page?: string; rows?: string }> & {
  field_list: { doc_uid?: Scalar; field_name: string; field_value: string }[];
};
export type SearchByPeriodRequest = Loose<{
  start_date: string;
  end_date: string;
  search_date_type?: 'START' | 'END';
  doc_uid?: string;
  comp_id?: string;
  page?: string;
  rows?: string;
}> & {
  field_list?: { doc_uid?: Scalar; field_name?: string }[];
};
export type WorklistBody = Static<typeof WorklistResponseBody>;
export type CompanyBody = Static<typeof CompanyInfoBody>;
export type ExportFieldAnswerBody = Static<typeof ExportFieldBody>;
export type DownloadAnswerBody = Static<typeof DownloadBody>;
/** GET /api/v2/workflows/:id (the page's keys; Dojang adds more, see /docs). */
export interface WorkflowInfoBody {
  workflow_id: string;
  workflow_name: string;
  workflow_status: string;
  workflow_type: string;
  last_modify_date: string;
  expiry_date: string;
  create_date: string;
  complete_date: string;
  creator_email: string;
  creator_name: string;
  biz_id: string;
  biz_name: string;
  doc_id: string;
  action_history_list: { step_code: string; action_id: string; confirm_date: string; name: string; confirm_email: string; comment: string; ip: string }[];
  current_action_id: string;
  total_action_count: string;
  certificate_url: string;
  download_url: string;
  view_url: string;
  referer_list: { name: string; type: string; email: string }[];
  field_list: { action_id: string; field_owner: string; field_name: string; field_type: string; field_value: string; email: string }[];
  owner_list: {
    action_id: string;
    turn_yn: string;
    name: string;
    email: string;
    phone_number: string;
    cert_mobile_yn: string;
    cert_password_yn: string;
    password_hint: string;
    sign_date: string;
  }[];
}
/** GET /api/v2/docs/:id (the page's keys; Dojang adds the boxes' places). */
export interface TemplateInfoBody {
  doc_id: string;
  doc_name: string;
  doc_type: string;
  creator: string;
  workflow_library_id: string;
  dir_type: string;
  dir_path: string;
  last_modifier: string;
  file_workflow_count: string;
  last_modify_date: string;
  create_date: string;
  field_list: { action_id: string; field_owner: string; email: string; field_name: string; field_type: string; required: boolean }[];
}

/** POST /api/v1/templates */
export interface NewTemplate {
  name: string;
  steps: number;
  /** The PDF, base64. */
  pdf: string;
  fields: {
    name: string;
    type: string;
    owner?: number;
    required?: boolean;
    page: number;
    x: number;
    y: number;
    width: number;
    height: number;
    group?: string;
    default?: string;
  }[];
}

export interface DojangClientOptions {
  baseUrl: string;
  token?: string;
  /** Sent in every envelope header (eSignon's default is 9.9.99). */
  version?: string;
  fetch?: typeof fetch;
}

export class DojangClient {
  readonly baseUrl: string;
  token: string | null;
  private readonly version: string;
  private readonly fetchImpl: typeof fetch;

  constructor(options: DojangClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/$/, '');
    this.token = options.token ?? null;
    this.version = options.version ?? '9.9.99';
    this.fetchImpl = options.fetch ?? fetch;
  }

  /** Any call: the parsed JSON (or the text when it is not JSON) and the status. */
  async request<T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<JsonAnswer<T>> {
    const response = await this.fetchImpl(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `esignon ${this.token}` } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    let json: unknown = text;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON: the caller sees the text
    }
    return { status: response.status, json: json as T };
  }

  private async call<B>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<EsignonAnswer<B>> {
    const { status, json } = await this.request<{ header?: EsignonHeader; body?: Partial<B> }>(method, path, body);
    if (typeof json !== 'object' || json === null || !json.header)
      throw new Error(`${method} ${path}: not an eSignon answer (HTTP ${status}): ${String(json).slice(0, 200)}`);
    return { status, header: json.header, body: json.body ?? {} };
  }

  private envelope<B>(path: string, requestCode: string, body: object): Promise<EsignonAnswer<B>> {
    return this.call<B>('POST', path, { header: { request_code: requestCode, version: this.version }, body });
  }

  // ── eSignon-compatible ────────────────────────────────────────────────────────────────

  /** 1001Q; on success the client keeps the token for the calls that follow. */
  async login(companyId: string, email: string, password: string): Promise<EsignonAnswer<LoginBody>> {
    const answer = await this.envelope<LoginBody>(`/api/${encodeURIComponent(companyId)}/login`, '1001Q', { memb_email: email, memb_pwd: password });
    if (answer.header.result_code === '00' && answer.body.access_token) this.token = answer.body.access_token;
    return answer;
  }

  /** 5005Q */
  startsimple(companyId: string, body: StartRequest): Promise<EsignonAnswer<StartAnswerBody>> {
    return this.envelope(`/api/${encodeURIComponent(companyId)}/startsimple`, '5005Q', body);
  }

  /** 5010Q */
  action(companyId: string, body: ActionRequest): Promise<EsignonAnswer<{ comp_id: string }>> {
    return this.envelope(`/api/${encodeURIComponent(companyId)}/action`, '5010Q', body);
  }

  /** 1510Q: CANCEL, DISPOSAL or DELETE. */
  companyCommand(body: CompanyCommandRequest): Promise<EsignonAnswer<CompanyCommandBody>> {
    return this.envelope('/JEDOC/Common.do', '1510Q', body);
  }

  /** 1429Q */
  resend(body: ResendRequest): Promise<EsignonAnswer<ResendBody>> {
    return this.envelope('/JEDOC/Common.do', '1429Q', body);
  }

  /** 1123Q */
  templates(body: TemplateListRequest = {}): Promise<EsignonAnswer<TemplateListBody>> {
    return this.envelope('/JEDOC/Common.do', '1123Q', body);
  }

  /** 1410Q */
  bulkStart(body: BulkStartRequest): Promise<EsignonAnswer<BulkStartBody>> {
    return this.envelope('/JEDOC/Common.do', '1410Q', body);
  }

  /** 5008Q */
  searchByField(companyId: string, body: SearchByFieldRequest): Promise<EsignonAnswer<SearchBody>> {
    return this.envelope(`/api/${encodeURIComponent(companyId)}/search`, '5008Q', body);
  }

  /** 5009Q */
  searchByPeriod(companyId: string, body: SearchByPeriodRequest): Promise<EsignonAnswer<SearchBody>> {
    return this.envelope(`/api/${encodeURIComponent(companyId)}/search`, '5009Q', body);
  }

  /** GET /worklists/new */
  worklist(query: { page?: number; rows?: number; offset?: string } = {}): Promise<EsignonAnswer<WorklistBody>> {
    return this.call('GET', `/worklists/new${queryString(query)}`);
  }

  /** GET /api/v2/workflows/:id */
  workflow(workflowId: Scalar, query: { offset?: string } = {}): Promise<EsignonAnswer<WorkflowInfoBody>> {
    return this.call('GET', `/api/v2/workflows/${encodeURIComponent(String(workflowId))}${queryString(query)}`);
  }

  /** GET /api/v2/docs/:id */
  template(templateId: Scalar, query: { offset?: string } = {}): Promise<EsignonAnswer<TemplateInfoBody>> {
    return this.call('GET', `/api/v2/docs/${encodeURIComponent(String(templateId))}${queryString(query)}`);
  }

  /** GET /api/v2/company */
  company(query: { offset?: string } = {}): Promise<EsignonAnswer<CompanyBody>> {
    return this.call('GET', `/api/v2/company${queryString(query)}`);
  }

  /** POST /exportfield */
  exportField(workflowId: Scalar): Promise<EsignonAnswer<ExportFieldAnswerBody>> {
    return this.call('POST', '/exportfield', { workflow_id: String(workflowId) });
  }

  /** POST /workflow/download: URLs valid five minutes. */
  downloadUrls(workflowId: Scalar): Promise<EsignonAnswer<DownloadAnswerBody>> {
    return this.call('POST', '/workflow/download', { workflow_id: String(workflowId) });
  }

  // ── Dojang's own API ──────────────────────────────────────────────────────────────────

  createTemplate(template: NewTemplate): Promise<JsonAnswer<{ doc_id: string }>> {
    return this.request('POST', '/api/v1/templates', template);
  }

  listTemplates(): Promise<JsonAnswer<{ templates: { doc_id: string; name: string; steps: number; created_at: string }[] }>> {
    return this.request('GET', '/api/v1/templates');
  }

  workflowExports(workflowId: Scalar): Promise<JsonAnswer<unknown>> {
    return this.request('GET', `/api/v1/workflows/${encodeURIComponent(String(workflowId))}/exports`);
  }

  redeliverExport(eventId: Scalar): Promise<JsonAnswer<unknown>> {
    return this.request('POST', `/api/v1/exports/${encodeURIComponent(String(eventId))}/redeliver`, {});
  }

  webhookSecret(): Promise<JsonAnswer<{ secret: string; previous_secret: string | null; previous_valid_until: string | null }>> {
    return this.request('GET', '/api/v1/company/webhook-secret');
  }
}

function queryString(query: Record<string, string | number | undefined>): string {
  const entries = Object.entries(query).filter((e): e is [string, string | number] => e[1] !== undefined);
  return entries.length === 0 ? '' : `?${new URLSearchParams(entries.map(([k, v]): [string, string] => [k, String(v)])).toString()}`;
}
