// Templates: JSON and multipart upload, every rejection with a clear message,
// and the eSignon views of them (GET /api/v2/docs/:docId, 1123Q).
import { PDFDocument, PDFString, degrees } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from './support/databases.ts';
import { startTestServer, type TestCompany, type TestServer } from './support/dojang-server.ts';
import { layout, makeTestPdf, type FieldSpec } from './support/templates.ts';

async function encryptedPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage();
  const dictionary = doc.context.obj({ Filter: 'Standard', V: 1, R: 2, O: PDFString.of('x'.repeat(32)), U: PDFString.of('y'.repeat(32)), P: -4 });
  doc.context.trailerInfo.Encrypt = doc.context.register(dictionary);
  return doc.save({ useObjectStreams: false });
}

describe.each(testDatabases())('templates on %s', (kind) => {
  let server: TestServer;
  let acme: TestCompany;
  let pdf: string;

  beforeAll(async () => {
    server = await startTestServer(kind);
    acme = await server.company('acme');
    pdf = Buffer.from(await makeTestPdf(2)).toString('base64');
  });
  afterAll(() => server?.close());

  const upload = (body: Record<string, unknown>) => acme.post('/api/v1/templates', { name: '근로계약서', steps: 2, pdf, fields: [], ...body });
  const fields = (specs: FieldSpec[]) => layout(specs);

  it('creates a template from JSON and describes it the eSignon way', async () => {
    const { status, json } = await upload({
      fields: fields([
        { name: '성명', type: 'TextBox', owner: 1, required: true },
        { name: 'plan_a', type: 'RadioBox', owner: 1, group: 'plan' },
        { name: 'plan_b', type: 'RadioBox', owner: 1, group: 'plan' },
        { name: 'note', type: 'LabelBox', default: '회사 보관용' },
        { name: 'sign', type: 'SignBox', owner: 2, required: true, page: 2, label: '담당자 서명' },
      ]),
    });
    expect(status).toBe(201);
    expect(json.doc_id).toMatch(/^\d+$/);
    const doc = await acme.get(`/api/v2/docs/${json.doc_id}`);
    expect(doc.json.header).toMatchObject({ response_code: '/api/v2/docs/:documentId', result_code: '00', result_msg: 'Success' });
    expect(doc.json.body).toMatchObject({ doc_id: json.doc_id, doc_name: '근로계약서', doc_type: 'WEBTYPE', creator: acme.email, file_workflow_count: '2' });
    expect(doc.json.body.create_date).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(doc.json.body.field_list.map((f: { field_owner: string; action_id: string }) => [f.field_owner, f.action_id])).toEqual([
      ['성명', '1'],
      ['plan_a', '1'],
      ['plan_b', '1'],
      ['note', '0'],
      ['sign', '2'],
    ]);
    // What signers read: the label where one was given, else the name.
    expect(doc.json.body.field_list.map((f: { label: string }) => f.label)).toEqual(['성명', 'plan_a', 'plan_b', 'note', '담당자 서명']);

    const list = await acme.esignon(
      '/JEDOC/Common.do',
      '1123Q',
      { comp_id: 'acme', biz_id: '0', memb_email: acme.email, search_dir_id: 'all', display_order_mode: '4' },
      { request_msg: '', session_id: '' },
    );
    expect(list.json.header).toMatchObject({ response_code: '1123A', result_code: '00' });
    expect(list.json.body.file_list[0]).toMatchObject({
      file_id: json.doc_id,
      file_type: 'templete',
      file_name: '근로계약서',
      file_workflow_count: '2',
      file_workflow_type: 'WEBTYPE',
    });
  });

  it('accepts a multipart upload', async () => {
    const form = new FormData();
    form.append('name', '멀티파트 계약서');
    form.append('steps', '1');
    form.append('fields', JSON.stringify(fields([{ name: 'who', type: 'TextBox', owner: 1 }])));
    form.append('pdf', new Blob([Buffer.from(pdf, 'base64')], { type: 'application/pdf' }), 'contract.pdf');
    const response = await fetch(`${server.url}/api/v1/templates`, { method: 'POST', headers: { authorization: `Bearer ${acme.token}` }, body: form });
    expect(response.status).toBe(201);
  });

  it.each([
    ['a file that is not a PDF', { pdf: Buffer.from('hello, world').toString('base64') }, 'pdf', 'not a PDF'],
    ['a broken PDF', { pdf: Buffer.from('%PDF-1.7\n1 0 obj garbage').toString('base64') }, 'pdf', 'could not be read'],
    ['a box outside its page', { fields: fields([{ name: 'x', type: 'TextBox', owner: 1, x: 500, width: 200 }]) }, 'fields[0]', 'outside page 1'],
    ['a page the PDF does not have', { fields: fields([{ name: 'x', type: 'TextBox', owner: 1, page: 3 }]) }, 'fields[0].page', '1 to 2'],
    [
      'duplicate field names',
      {
        fields: fields([
          { name: 'x', type: 'TextBox', owner: 1 },
          { name: 'x', type: 'CheckBox', owner: 1 },
        ]),
      },
      'fields[1].name',
      'duplicate',
    ],
    ['an owner beyond the steps', { fields: fields([{ name: 'x', type: 'TextBox', owner: 3 }]) }, 'fields[0].owner', 'from 1 to 2'],
    ['a LabelBox with an owner', { fields: fields([{ name: 'x', type: 'LabelBox', owner: 1 }]) }, 'fields[0].owner', 'LabelBox'],
    [
      'a default that does not fit the type',
      { fields: fields([{ name: 'x', type: 'DatePickerBox', owner: 1, default: 'tomorrow' }]) },
      'fields[0].default',
      'YYYY-MM-DD',
    ],
    ['an unknown type', { fields: [{ ...fields([{ name: 'x', type: 'TextBox', owner: 1 }])[0], type: 'Slider' }] }, 'type'],
    ['zero steps', { steps: 0 }, 'steps'],
    ['a label over 100 characters', { fields: fields([{ name: 'x', type: 'TextBox', owner: 1, label: '가'.repeat(101) }]) }, 'label'],
  ] as [string, Record<string, unknown>, ...string[]][])('refuses %s with 400 naming the field', async (_case, change, ...fragments) => {
    const { status, json } = await upload(change);
    expect(status).toBe(400);
    const text = JSON.stringify(json);
    for (const fragment of fragments) expect(text).toContain(fragment);
  });

  it('measures boxes on the page as a reader shows it: a portrait page saved with /Rotate 90 is landscape', async () => {
    const doc = await PDFDocument.create();
    doc.addPage([595, 842]).setRotation(degrees(90));
    const turned = Buffer.from(await doc.save()).toString('base64');
    const wide = { name: 'wide', type: 'TextBox' as const, owner: 1, x: 600, y: 500, width: 200, height: 30 };
    expect((await upload({ steps: 1, pdf: turned, fields: fields([wide]) })).status).toBe(201);
    const { status, json } = await upload({ steps: 1, pdf: turned, fields: fields([{ ...wide, y: 580 }]) });
    expect(status).toBe(400);
    expect(JSON.stringify(json)).toContain('outside page 1');
  });

  it('refuses an encrypted PDF', async () => {
    const { status, json } = await upload({ pdf: Buffer.from(await encryptedPdf()).toString('base64') });
    expect(status).toBe(400);
    expect(json.detail).toContain('encrypted');
  });
});
