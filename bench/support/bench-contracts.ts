// What the benches ask of a running Dojang, through Dojang's own typed client (src/client): log
// in as the bench company, upload a template, start contracts (5005Q) and approve steps (5010Q),
// each checked for result_code "00".
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { DojangClient, type EsignonAnswer } from '../../src/client/dojang-client.ts';
import { BENCH_COMPANY } from './child-dojang.ts';

export { DojangClient };

/** The answer's body, or an error naming the call when result_code is not "00". */
export function ok<B>(what: string, answer: EsignonAnswer<B>): Partial<B> {
  if (answer.header.result_code !== '00') throw new Error(`${what} failed (HTTP ${answer.status}): ${answer.header.result_code} ${answer.header.result_msg}`);
  return answer.body;
}

/** A client logged in as the bench company (created at start by DOJANG_BOOTSTRAP_*). */
export async function connectDojang(url: string): Promise<DojangClient> {
  const client = new DojangClient({ baseUrl: url });
  ok('1001Q', await client.login(BENCH_COMPANY.id, BENCH_COMPANY.email, BENCH_COMPANY.password));
  return client;
}

/** A one-page PDF with two text boxes: `name_1` for step 1 and `name_2` for step 2, both required. */
export async function createTwoStepTemplate(client: DojangClient): Promise<string> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595.28, 841.89]).drawText('Dojang bench contract', { x: 50, y: 780, size: 18, font });
  const pdf = Buffer.from(await doc.save()).toString('base64');
  const field = (name: string, owner: number, y: number) => ({ name, type: 'TextBox', owner, required: true, page: 1, x: 60, y, width: 200, height: 28 });
  const { status, json } = await client.createTemplate({ name: '벤치 계약서', steps: 2, pdf, fields: [field('name_1', 1, 100), field('name_2', 2, 140)] });
  if (status !== 201) throw new Error(`template upload failed: ${status} ${JSON.stringify(json)}`);
  return json.doc_id;
}

/** Starts a 2-step contract in embed mode whose every action is exported to `exportUrl`; answers its workflow id. */
export async function startContract(client: DojangClient, docId: string, exportUrl: string, n: number): Promise<string> {
  const body = ok(
    '5005Q',
    await client.startsimple(BENCH_COMPANY.id, {
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
    }),
  );
  return String(body.workflow_id);
}

/** Step 1 fills its field and approves (CF): one export event, status Playing. */
export async function approveStepOne(client: DojangClient, workflowId: string, n: number): Promise<void> {
  ok(
    '5010Q',
    await client.action(BENCH_COMPANY.id, {
      memb_email: `signer${n}@example.com`,
      action_id: '1',
      workflow_id: workflowId,
      command: 'CF',
      comment: '확인했습니다',
      field_list: [{ field_name: 'name_1', field_value: '홍길동' }],
    }),
  );
}

/** Signs a step (CF) with the given field values. */
export async function approveStep(
  client: DojangClient,
  workflowId: string,
  step: number,
  identity: string,
  fields: { field_name: string; field_value: string }[],
  comment = '',
): Promise<void> {
  ok(
    '5010Q',
    await client.action(BENCH_COMPANY.id, {
      memb_email: identity,
      action_id: String(step),
      workflow_id: workflowId,
      command: 'CF',
      comment,
      field_list: fields,
    }),
  );
}

/** Runs `task(i)` for i in 0..count-1 with at most `concurrency` at a time. */
export async function inParallel(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
}
