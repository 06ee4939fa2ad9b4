// Speaks to a running Dojang over HTTP the way an integrator does: log in (1001Q), upload a
// template, start contracts (5005Q) and approve steps (5010Q). One undici pool, so the
// connections (and thus the concurrency) are the bench's to choose.
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { Pool } from 'undici';
import { BENCH_COMPANY } from './child-dojang.ts';

export interface DojangClient {
  pool: Pool;
  token: string;
  companyId: string;
  /** POSTs JSON; answers the status and the parsed body. */
  post(path: string, body: unknown): Promise<{ status: number; json: any }>;
  esignon(path: string, requestCode: string, body: Record<string, unknown>): Promise<any>;
  close(): Promise<void>;
}

export async function connectDojang(url: string, connections: number): Promise<DojangClient> {
  const pool = new Pool(url, { connections, pipelining: 1 });
  let token = '';
  const post = async (path: string, body: unknown) => {
    const response = await pool.request({
      method: 'POST',
      path,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `esignon ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const text = await response.body.text();
    return { status: response.statusCode, json: JSON.parse(text) };
  };
  const esignon = async (path: string, requestCode: string, body: Record<string, unknown>) => {
    const { json } = await post(path, { header: { request_code: requestCode }, body });
    if (json?.header?.result_code !== '00') throw new Error(`${requestCode} failed: ${JSON.stringify(json).slice(0, 500)}`);
    return json.body;
  };
  const login = await esignon(`/api/${BENCH_COMPANY.id}/login`, '1001Q', { memb_email: BENCH_COMPANY.email, memb_pwd: BENCH_COMPANY.password });
  token = login.access_token as string;
  return { pool, token, companyId: BENCH_COMPANY.id, post, esignon, close: () => pool.close() };
}

/** A one-page PDF with two text boxes: `name_1` for step 1 and `name_2` for step 2, both required. */
export async function createTwoStepTemplate(client: DojangClient): Promise<string> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595.28, 841.89]).drawText('Dojang bench contract', { x: 50, y: 780, size: 18, font });
  const pdf = Buffer.from(await doc.save()).toString('base64');
  const field = (name: string, owner: number, y: number) => ({ name, type: 'TextBox', owner, required: true, page: 1, x: 60, y, width: 200, height: 28 });
  const { status, json } = await client.post('/api/v1/templates', { name: '벤치 계약서', steps: 2, pdf, fields: [field('name_1', 1, 100), field('name_2', 2, 140)] });
  if (status !== 201) throw new Error(`template upload failed: ${status} ${JSON.stringify(json)}`);
  return json.doc_id as string;
}

export interface StartedWorkflow {
  workflowId: string;
}

/** Starts a 2-step contract in embed mode whose every action is exported to `exportUrl`. */
export async function startContract(client: DojangClient, docId: string, exportUrl: string, n: number): Promise<StartedWorkflow> {
  const body = await client.esignon(`/api/${client.companyId}/startsimple`, '5005Q', {
    workflow_name: `벤치 계약 ${n}`,
    doc_id: docId,
    player_list: [
      { field_owner: '1', email: `signer${n}@example.com`, name: '김철수' },
      { field_owner: '2', email: '010-2345-6789', name: '이영희' },
    ],
    export_api_info: {
      api_type: 'ALL',
      url: exportUrl,
      request_code: 'embed',
      clientid: 'BENCH',
      authorization: 'Bearer bench',
      request_params: [{ param_id: 'customer', param_value: '-', fields: ['name_1'] }],
    },
  });
  return { workflowId: body.workflow_id as string };
}

/** Step 1 fills its field and approves (CF): one export event, status Playing. */
export async function approveStepOne(client: DojangClient, workflowId: string, n: number): Promise<void> {
  await client.esignon(`/api/${client.companyId}/action`, '5010Q', {
    memb_email: `signer${n}@example.com`,
    action_id: '1',
    workflow_id: workflowId,
    command: 'CF',
    comment: '확인했습니다',
    field_list: [{ field_name: 'name_1', field_value: '홍길동' }],
  });
}

/** Runs `task(i)` for i in 0..count-1 with at most `concurrency` at a time. */
export async function inParallel(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
}
