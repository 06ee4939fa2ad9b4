// Contracts from any PDF: text tags ({{고객 서명;type=sign;step=1}}) place the boxes. A template
// from tags (POST /api/v1/templates with `fields: "tags"` or none), and a contract in one call
// (POST /api/v1/contracts: the PDF, the signers, prefilled values and export_api_info), in
// embed mode end to end with a receiver on loopback: exports with request_params from tagged
// fields, both steps signed through the signer's API, the sealed PDF read back with poppler
// (no tag text anywhere, the seal valid). PDFs made the ways users make them: printed by Chromium
// from HTML, drawn with pdf-lib in a Korean font, and a scan with no text at all.
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfSig, pdfToText } from '../src/documents/test-support/poppler.ts';
import { makeSignaturePngDataUrl } from '../src/documents/test-support/sample-images.ts';
import { startReceiver, type Receiver } from '../src/exports/test-support/start-receiver.ts';
import { chromiumContract, drawnContract, scannedCopy, type DrawnTag, type TaggedPdf } from '../src/templates/test-support/tagged-pdfs.ts';
import { testDatabases } from './support/databases.ts';
import { startTestServer, type TestCompany, type TestServer } from './support/dojang-server.ts';
import { CHROMIUM, CHROMIUM_ARGS } from './support/chromium.ts';
import { waitFor } from './support/wait-for.ts';

interface Box {
  name: string;
  type: string;
  owner: number;
  required: boolean;
  label?: string;
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Each tag drawn has its box among those answered, placed within 1 pt. */
function expectBoxesAtTags(boxes: Box[], tags: DrawnTag[]): void {
  expect(boxes.map((b) => b.name).sort()).toEqual(tags.map((t) => t.name).sort());
  for (const tag of tags) {
    const box = boxes.find((b) => b.name === tag.name)!;
    expect({ name: box.name, page: box.page }).toEqual({ name: tag.name, page: tag.page });
    for (const key of ['x', 'y', 'width', 'height'] as const) expect(Math.abs(box[key] - tag.box[key]), `${tag.name}.${key}`).toBeLessThanOrEqual(1);
  }
}

/** A one-page PDF with the given lines in Helvetica (ASCII tags only). */
async function helveticaPdf(lines: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595.28, 841.89]);
  lines.forEach((line, i) => page.drawText(line, { x: 60, y: 760 - i * 30, size: 12, font }));
  return doc.save();
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** The signing page in Chromium draws a box over each tag's place (within 1 pt, in the page's own scale). */
async function expectBoxesOnSigningPage(playUrl: string, tags: DrawnTag[]): Promise<void> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await page.goto(playUrl);
    await page.locator('.page[data-rendered]').first().waitFor();
    const drawn = await page.evaluate(() => {
      const sheet = document.querySelector('.page')!.getBoundingClientRect();
      return [...document.querySelectorAll<HTMLElement>('.page [data-field]')].map((element) => {
        const r = element.getBoundingClientRect();
        return { name: element.dataset.field!, x: r.x - sheet.x, y: r.y - sheet.y, width: r.width, height: r.height, pageWidth: sheet.width };
      });
    });
    for (const tag of tags) {
      const box = drawn.find((d) => d.name === tag.name);
      expect(box, `a box for ${tag.name}`).toBeDefined();
      const scale = box!.pageWidth / 595.28;
      for (const key of ['x', 'y', 'width', 'height'] as const) expect(Math.abs(box![key] / scale - tag.box[key]), `${tag.name}.${key}`).toBeLessThanOrEqual(1);
    }
  } finally {
    await browser.close();
  }
}

describe.each(testDatabases())('contracts from a tagged PDF on %s', (kind) => {
  let server: TestServer;
  let acme: TestCompany;
  let receiver: Receiver;
  let printed: TaggedPdf & { surrounding: string[] };
  let drawn: TaggedPdf & { surrounding: string[] };

  beforeAll(async () => {
    [printed, drawn] = await Promise.all([chromiumContract(), drawnContract()]);
    server = await startTestServer(kind, { DOJANG_SIGNING_RSA_BITS: '2048' });
    acme = await server.company('acme');
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
    await server?.close();
  });

  it('makes a template from the tags and answers the boxes found', async () => {
    const { status, json } = await acme.post('/api/v1/templates', { name: '근로계약서 (태그)', pdf: base64(drawn.pdf), fields: 'tags' });
    expect(status).toBe(201);
    expect(json.steps).toBe(2);
    expectBoxesAtTags(json.fields, drawn.tags);
    const sign = json.fields.find((f: Box) => f.name === '근로자 서명');
    expect(sign).toMatchObject({ type: 'SignBox', owner: 1, label: '근로자 서명' });
    expect(json.fields.find((f: Box) => f.name === 'amount')).toMatchObject({ type: 'TextBox', owner: 2, required: true, label: 'Amount' });

    // A reusable template like any other: eSignon's view lists the same boxes.
    const doc = await acme.get(`/api/v2/docs/${json.doc_id}`);
    expect(doc.json.body.field_list.map((f: { field_owner: string }) => f.field_owner).sort()).toEqual(drawn.tags.map((t) => t.name).sort());
    const listed = await acme.get('/api/v1/templates');
    expect(listed.json.templates.map((t: { doc_id: string }) => t.doc_id)).toContain(json.doc_id);
  });

  it('reads the tags when no fields are sent, and says so when a PDF has none', async () => {
    const tagged = await acme.post('/api/v1/templates', { name: '인쇄한 계약서', pdf: base64(printed.pdf) });
    expect(tagged.status).toBe(201);
    expectBoxesAtTags(tagged.json.fields, printed.tags);

    const scan = await acme.post('/api/v1/templates', { name: '스캔본', pdf: base64(await scannedCopy(printed.pdf)) }, { 'accept-language': 'en' });
    expect(scan.status).toBe(400);
    expect(scan.json.errors).toEqual([expect.objectContaining({ field: 'pdf', key: 'noTextTags' })]);
    expect(scan.json.detail).toMatch(/no text tags/i);
  });

  it('names the page and the tag of every problem, in the language asked', async () => {
    const pdf = await helveticaPdf(['Amount: {{amount;type=money;step=1}}', 'Sign: {{sign;type=sign;step=3}}']);
    const { status, json } = await acme.post('/api/v1/templates', { name: 'broken', steps: 2, pdf: base64(pdf) }, { 'accept-language': 'ja' });
    expect(status).toBe(400);
    expect(json.errors).toHaveLength(2);
    for (const error of json.errors) expect(error.field).toBe('pdf.pages[1]');
    expect(json.errors[0].message).toContain('{{amount;type=money;step=1}}');
    expect(json.errors[1].message).toContain('{{sign;type=sign;step=3}}');
    // Japanese, as asked: the words are the catalogue's, not English.
    expect(json.detail).toMatch(/[\u3040-\u30ff]/);
  });

  it('starts a contract from the PDF in one call, in embed mode, to a sealed PDF without the tags', async () => {
    const before = await acme.get('/api/v1/templates');
    const { status, json } = await acme.post('/api/v1/contracts', {
      pdf: base64(printed.pdf),
      workflow_name: '용역 계약서 (홍길동)',
      player_list: [
        { email: 'hong@example.com', name: '홍길동' },
        { email: 'manager@example.com', name: '이영희' },
      ],
      field_list: [{ field_name: '금액', field_value: '1,500,000' }],
      export_api_info: {
        api_type: 'ALL',
        url: `${receiver.origin}/hook`,
        request_code: 'embed',
        link_type: 'download',
        request_params: [
          { param_id: 'amount', param_value: '', fields: ['금액'] },
          { param_id: 'agreed', param_value: 'N', fields: ['동의'] },
        ],
      },
    });
    expect(status).toBe(201);
    expect(json).toMatchObject({ workflow_name: '용역 계약서 (홍길동)', next_play_user: 'hong@example.com', next_play_user_name: '홍길동' });
    expect(json.workflow_id).toMatch(/^\d+$/);
    expect(json.play_url).toContain('/sign?token=');
    expectBoxesAtTags(json.fields, printed.tags);

    // The one-off template is listed apart from the company's templates.
    const after = await acme.get('/api/v1/templates');
    expect(after.json.templates).toEqual(before.json.templates);
    const oneOffs = await acme.get('/api/v1/templates?one_off=true');
    expect(oneOffs.json.templates.map((t: { doc_id: string }) => t.doc_id)).toContain(json.doc_id);
    const eSignonList = await acme.esignon(
      '/JEDOC/Common.do',
      '1123Q',
      { comp_id: 'acme', biz_id: '0', memb_email: acme.email, search_dir_id: 'all', display_order_mode: '4' },
      { request_msg: '', session_id: '' },
    );
    expect(eSignonList.json.body.file_list.map((f: { file_id: string }) => f.file_id)).not.toContain(json.doc_id);

    // Step 1 signs on its page: the boxes are where the tags were.
    const token1 = new URL(json.play_url).searchParams.get('token')!;
    const link = await fetch(`${server.url}/api/sign/${token1}`).then((r) => r.json());
    expectBoxesAtTags(
      link.fields.filter((f: Box) => printed.tags.some((t) => t.name === f.name)),
      printed.tags.filter((t) => link.fields.some((f: Box) => f.name === t.name)),
    );
    expect(link.fields.map((f: Box) => f.name)).toEqual(expect.arrayContaining(['고객 서명', '동의']));
    // The signer of step 1 fills their own boxes on the page (the other steps' are theirs to fill).
    const stepOne = new Set(link.fields.filter((f: Box) => f.owner === 1).map((f: Box) => f.name));
    expect(stepOne.size).toBe(4);
    await expectBoxesOnSigningPage(
      json.play_url,
      printed.tags.filter((t) => stepOne.has(t.name)),
    );
    const complete = (token: string, fields: Record<string, string>) =>
      fetch(`${server.url}/api/sign/${token}/complete`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ command: 'CF', fields: Object.entries(fields).map(([field_name, field_value]) => ({ field_name, field_value })) }),
      }).then(async (r) => ({ status: r.status, json: await r.json() }));
    expect((await complete(token1, { '고객 서명': makeSignaturePngDataUrl(), 동의: 'Y', 남: 'Y' })).json.result).toBe('approved');

    // The export of step 1 carries step 2's signing URL (embed) and the tagged fields' values.
    const bodies = () => receiver.requests.map((r) => JSON.parse(r.body.toString()).body).filter((b) => b.wfuid === json.workflow_id);
    const first = await waitFor(() => bodies().find((b) => b.actionid === '1'), 'the step-1 export');
    expect(first).toMatchObject({ amount: '1,500,000', agreed: 'Y' });
    const token2 = new URL(first.play_url).searchParams.get('token')!;
    expect((await complete(token2, {})).json.result).toBe('completed');

    const done = await waitFor(() => bodies().find((b) => b.status === 'Complete'), 'the Complete export');
    expect(done).toMatchObject({ amount: '1,500,000', agreed: 'Y' });
    const sealed = new Uint8Array(await (await fetch(done.download_url)).arrayBuffer());
    const text = await pdfToText(sealed);
    for (const words of printed.surrounding) expect(text.replace(/\s+/g, ' ')).toContain(words);
    expect(text).toContain('1,500,000');
    expect(text).not.toContain('{{');
    expect(text).not.toContain('type=');
    expect((await pdfSig(sealed)).stdout).toContain('Signature is Valid');
  });

  it('takes the PDF as multipart too', async () => {
    const form = new FormData();
    form.append('pdf', new Blob([Buffer.from(drawn.pdf)], { type: 'application/pdf' }), '근로계약서.pdf');
    form.append('workflow_name', '근로계약서 (멀티파트)');
    form.append(
      'player_list',
      JSON.stringify([
        { email: 'kim@example.com', name: '김철수' },
        { email: '010-2345-6789', name: '이영희' },
      ]),
    );
    const response = await fetch(`${server.url}/api/v1/contracts`, { method: 'POST', headers: { authorization: `Bearer ${acme.token}` }, body: form });
    const json = await response.json();
    expect(response.status).toBe(201);
    expect(json.workflow_id).toMatch(/^\d+$/);
    expectBoxesAtTags(json.fields, drawn.tags);
    // Not embed: the first signer is sent the link, and the answer names no signing URL.
    expect(json.play_url).toBeUndefined();

    // Signed through eSignon's action call (5010Q) to the end: the sealed PDF of this pdf-lib
    // contract has its text and none of its tags', and its seal verifies.
    const act = async (step: number, identity: string, fields: Record<string, string>) =>
      (
        await acme.esignon('/api/acme/action', '5010Q', {
          memb_email: identity,
          action_id: String(step),
          workflow_id: json.workflow_id,
          command: 'CF',
          comment: '',
          field_list: Object.entries(fields).map(([field_name, field_value]) => ({ field_name, field_value })),
        })
      ).json.header;
    expect(await act(1, 'kim@example.com', { '근로자 서명': makeSignaturePngDataUrl(), 동의: 'Y', 주소: '서울특별시 중구 세종대로 110' })).toMatchObject({
      result_code: '00',
    });
    expect(await act(2, '010-2345-6789', { amount: '3,000,000' })).toMatchObject({ result_code: '00' });
    const urls = await acme.esignon('/workflow/download', '', { workflow_id: json.workflow_id });
    expect(urls.json.header.result_code).toBe('00');
    const docUrl = urls.json.body.doc_url as string;
    await waitFor(async () => (await fetch(docUrl)).headers.get('content-type')?.includes('application/pdf') ?? false, 'the completed PDF', 30_000);
    const sealed = new Uint8Array(await (await fetch(docUrl)).arrayBuffer());
    const text = (await pdfToText(sealed)).replace(/\s+/g, ' ');
    for (const words of drawn.surrounding) expect(text).toContain(words.replace(/\s+/g, ' '));
    expect(text).toContain('3,000,000');
    expect(text).toContain('세종대로 110');
    expect(text).not.toContain('{{');
    expect((await pdfSig(sealed)).stdout).toContain('Signature is Valid');
  });

  it('refuses signers who do not match the tags, and keeps no template for a refused start', async () => {
    const before = (await acme.get('/api/v1/templates?one_off=true')).json.templates.length;
    const { status, json } = await acme.post('/api/v1/contracts', {
      pdf: base64(printed.pdf),
      workflow_name: '서명자가 모자란 계약',
      player_list: [{ email: 'hong@example.com', name: '홍길동' }],
    });
    expect(status).toBe(400);
    expect(json.errors.map((e: { field: string }) => e.field)).toContain('player_list');
    expect((await acme.get('/api/v1/templates?one_off=true')).json.templates).toHaveLength(before);

    const scan = await acme.post('/api/v1/contracts', {
      pdf: base64(await scannedCopy(printed.pdf)),
      workflow_name: '스캔본',
      player_list: [{ email: 'hong@example.com', name: '홍길동' }],
    });
    expect(scan.status).toBe(400);
    expect(scan.json.errors).toEqual([expect.objectContaining({ field: 'pdf', key: 'noTextTags' })]);
  });
});
