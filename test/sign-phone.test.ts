// The signer on a phone (390×844, touch): the demo contract as a new signer meets it. Both
// signers fill it in through the guided sheet only, one box at a time; labels, not field names;
// the first tap on 서명하기 after typing opens the signature dialog; a reload keeps what was
// typed; turning the phone keeps the boxes on the document's text. Screenshots go to
// test-results/sign-phone/.
import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../scripts/build-web.ts';
import { DEMO, seedDemo } from '../src/demo/seed-demo.ts';
import { login } from '../src/accounts/access-tokens.ts';
import { CHROMIUM, CHROMIUM_ARGS, expectAccessible } from './console-support/browser-watch.ts';
import { startTestServer, type TestServer } from './support/dojang-server.ts';
import { waitFor } from './support/wait-for.ts';
import { layout, makeTestPdf } from './support/templates.ts';
import { DojangClient } from '../src/client/dojang-client.ts';

const SHOTS = path.resolve('test-results/sign-phone');
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true, locale: 'ko-KR' };

describe('the signing page on a phone', () => {
  let server: TestServer;
  let browser: Browser;
  let client: DojangClient;
  let docId: string;
  let receiver: Server;
  let receiverUrl: string;
  const exported: { body: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    await buildWeb();
    server = await startTestServer('sqlite');
    const demo = await seedDemo(server.dojang.ctx);
    docId = String(demo.templateId);
    const session = await login(server.dojang.ctx, DEMO.company, DEMO.email, DEMO.password);
    client = new DojangClient({ baseUrl: server.url, token: session!.token });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    // The integrator's receiver: embed mode hands it each step's signing URL.
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        exported.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"result":"ok"}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/exports`;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    receiver?.close();
  });

  /** A demo contract in embed mode; answers its id and step 1's signing page. */
  async function contract(): Promise<{ workflowId: string; playUrl: string }> {
    const answer = await client.startsimple(DEMO.company, {
      workflow_name: '휴대폰 계약',
      doc_id: docId,
      player_list: [
        { field_owner: '1', email: 'kim@example.com', name: '김철수' },
        { field_owner: '2', email: DEMO.email, name: '도장 담당자' },
      ],
      export_api_info: { api_type: 'ALL', url: receiverUrl, request_code: 'embed' },
    });
    expect(answer.header.result_code, answer.header.result_msg).toBe('00');
    return { workflowId: String(answer.body.workflow_id), playUrl: String(answer.body.play_url) };
  }

  async function openOnPhone(url: string): Promise<Page> {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(url);
    return page;
  }

  const sheet = (page: Page) => page.getByRole('region', { name: '칸 채우기' });
  const count = (page: Page) => sheet(page).locator('.sheet-count').textContent();
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`) });

  /** Draws a short stroke on the signature pad and applies it. */
  async function sign(page: Page): Promise<void> {
    const pad = page.getByRole('img', { name: '서명 입력란' });
    await pad.waitFor();
    const box = (await pad.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.7);
    await page.mouse.down();
    for (const [x, y] of [
      [0.3, 0.2],
      [0.5, 0.8],
      [0.7, 0.3],
      [0.9, 0.6],
    ] as const)
      await page.mouse.move(box.x + box.width * x, box.y + box.height * y, { steps: 4 });
    await page.mouse.up();
    await page.getByRole('button', { name: '적용' }).tap();
  }

  it('walks both signers through the demo contract in the sheet, one box at a time', async () => {
    const { workflowId, playUrl } = await contract();
    const page = await openOnPhone(playUrl);
    const next = sheet(page).getByRole('button', { name: '다음' });
    await sheet(page).waitFor();
    // Only the sheet fills boxes: the page shows markers, not inputs.
    expect(await page.locator('.doc input').count()).toBe(0);
    expect(await count(page)).toBe('1 / 5');
    await expectAccessible(page, 'guided sheet');
    await shot(page, '01-signer1-first-step');

    // Required boxes first, in reading order: name, terms, signature; then phone and date.
    const name = sheet(page).getByLabel('고객 성명');
    expect(await name.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(16);
    expect((await name.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await name.tap();
    await name.fill('김철수');
    await next.tap();
    expect(await count(page)).toBe('2 / 5');
    // The page follows the sheet: the active box is highlighted and on screen, clear of the bars.
    expect(await page.locator('.marker.active').getAttribute('data-field')).toBe('agree_terms');
    await expect.poll(() => inView(page, '.marker.active')).toBe(true);
    const terms = sheet(page).getByLabel('약관에 동의합니다');
    expect((await terms.locator('xpath=..').boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await terms.tap();
    await next.tap();
    expect(await page.locator('.marker.active').getAttribute('data-field')).toBe('customer_sign');
    await expect.poll(() => inView(page, '.marker.active')).toBe(true);
    await sheet(page).getByRole('button', { name: '고객 서명: 서명하기' }).tap();
    await sign(page);
    await sheet(page).getByRole('button', { name: '고객 서명: 다시 서명하기' }).waitFor();
    expect(await page.getByRole('status').first().textContent()).toBe('필수 항목 3/3');
    await shot(page, '02-signer1-signed');
    await next.tap();
    await sheet(page).getByLabel('고객 연락처').fill('010-2345-6789');
    // Values show on the page as they are typed.
    expect(await page.locator('.marker[data-field="customer_phone"]').textContent()).toBe('010-2345-6789');

    // Back goes to the box before; a tap on a box on the page opens its step.
    await sheet(page).getByRole('button', { name: '이전' }).tap();
    expect(await count(page)).toBe('3 / 5');
    await page.locator('.marker[data-field="contract_date"]').tap();
    expect(await count(page)).toBe('5 / 5');
    await sheet(page).getByLabel('계약일').fill('2026-12-07');
    await shot(page, '03-signer1-last-step');

    // The collapse button folds the sheet; a box tapped unfolds it.
    await sheet(page).getByRole('button', { name: '접기' }).tap();
    expect(await sheet(page).getByLabel('계약일').isVisible()).toBe(false);
    await page.locator('.marker[data-field="customer_name"]').tap();
    expect(await sheet(page).getByLabel('고객 성명').inputValue()).toBe('김철수');

    await page.getByRole('button', { name: '승인', exact: true }).tap();
    await page.getByRole('button', { name: '승인 확정' }).tap();
    await page.getByRole('heading', { name: '승인했습니다' }).waitFor();
    await page.context().close();

    // ── Signer 2, the company, on a phone too ─────────────────────────────────────────────
    const step1 = await waitFor(
      () => exported.find((e) => e.body.wfuid === workflowId && e.body.processid === '1'),
      "the export of step 1, with step 2's signing URL",
    );
    const second = await openOnPhone(String(step1.body.play_url));
    await sheet(second).waitFor();
    expect(await count(second)).toBe('1 / 2');
    // Step 1's values are on the page, read-only.
    expect(await second.locator('.box.readonly[data-field="customer_name"]').textContent()).toContain('김철수');
    await sheet(second).getByRole('button', { name: '회사 서명: 서명하기' }).tap();
    await sign(second);
    await sheet(second).getByRole('button', { name: '다음' }).tap();
    await sheet(second).getByLabel('회사 대표자').fill('이도장');
    await sheet(second).getByRole('button', { name: '다 채웠어요' }).tap();
    await second.waitForTimeout(1000);
    await shot(second, '04-signer2-done-filling');
    await second.getByRole('button', { name: '승인', exact: true }).tap();
    await second.getByRole('button', { name: '승인 확정' }).tap();
    await second.getByRole('heading', { name: '승인했습니다' }).waitFor();
    await second.context().close();

    const done = await client.workflow(workflowId);
    expect(done.body.workflow_status).toBe('Complete');
  });

  it('signs three ways: typed, the signature made a moment ago, and a photo of one on paper', async () => {
    const pdf = Buffer.from(await makeTestPdf()).toString('base64');
    const signatures = [
      { name: 'first_sign', type: 'SignBox', required: true, height: 50 },
      { name: 'second_sign', type: 'SignBox', required: true, height: 50 },
      { name: 'paper_sign', type: 'SignBox', required: true, height: 50 },
    ] as const;
    const made = await client.createTemplate({ name: '서명 세 가지', steps: 1, pdf, fields: layout(signatures.map((f) => ({ ...f }))) });
    const answer = await client.startsimple(DEMO.company, {
      workflow_name: '서명 세 가지',
      doc_id: made.json.doc_id,
      player_list: [{ field_owner: '1', email: 'kim@example.com', name: '김철수' }],
      export_api_info: { api_type: 'ALL', url: receiverUrl, request_code: 'embed' },
    });
    const page = await openOnPhone(String(answer.body.play_url));
    const next = sheet(page).getByRole('button', { name: '다음' });
    const apply = page.getByRole('dialog').getByRole('button', { name: '적용' });
    const placed = (name: string) => page.locator(`.marker[data-field="${name}"] img`).getAttribute('src');

    // Typed.
    await sheet(page).getByRole('button', { name: 'first_sign: 서명하기' }).tap();
    await page.getByLabel('또는 이름을 입력하세요').fill('김철수');
    await apply.tap();
    await page.locator('.marker[data-field="first_sign"] img').waitFor();
    // The next box offers it again, one tap.
    await next.tap();
    await sheet(page).getByRole('button', { name: 'second_sign: 서명하기' }).tap();
    await expectAccessible(page, 'signature dialog with the earlier signature');
    await page.getByRole('button', { name: '앞서 한 서명 쓰기' }).tap();
    await expect.poll(() => placed('second_sign')).toBe(await placed('first_sign'));
    // A photo of a signature on paper: the paper goes, the ink stays.
    await next.tap();
    await sheet(page).getByRole('button', { name: 'paper_sign: 서명하기' }).tap();
    await page
      .getByLabel('종이에 한 서명 사진 올리기')
      .setInputFiles({ name: 'signature.jpg', mimeType: 'image/jpeg', buffer: await photoOfSignatureOnPaper() });
    await page.locator('.signature-photo:not([hidden])').waitFor();
    await shot(page, '06-signature-photo');
    await apply.tap();
    const ink = await page.evaluate(
      async (src) => {
        const image = new Image();
        image.src = src!;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = image.width;
        canvas.height = image.height;
        const context = canvas.getContext('2d')!;
        context.drawImage(image, 0, 0);
        const pixels = context.getImageData(0, 0, image.width, image.height).data;
        let clear = 0;
        let dark = 0;
        for (let i = 0; i < pixels.length; i += 4) {
          if (pixels[i + 3] === 0) clear++;
          else if (pixels[i + 3]! > 200 && pixels[i]! < 60) dark++;
        }
        return { width: image.width, height: image.height, clear: clear / (pixels.length / 4), dark };
      },
      await placed('paper_sign'),
    );
    // Cropped to the strokes (the photo is 1200×900), mostly transparent, with solid dark ink.
    expect(ink.width).toBeLessThan(900);
    expect(ink.height).toBeLessThan(500);
    expect(ink.clear).toBeGreaterThan(0.6);
    expect(ink.dark).toBeGreaterThan(500);

    await page.getByRole('button', { name: '승인', exact: true }).tap();
    await page.getByRole('button', { name: '승인 확정' }).tap();
    await page.getByRole('heading', { name: '승인했습니다' }).waitFor();
    await page.context().close();
  });

  it('keeps the boxes on the document when the phone turns', async () => {
    const { playUrl } = await contract();
    const page = await openOnPhone(playUrl);
    await page.locator('.page[data-rendered]').first().waitFor();
    // A marker's place relative to its page, in fractions of the page: the same in both orientations.
    const place = () =>
      page.locator('.marker[data-field="customer_name"]').evaluate((marker) => {
        const box = marker.getBoundingClientRect();
        const frame = marker.closest('.page')!.getBoundingClientRect();
        return [(box.left - frame.left) / frame.width, (box.top - frame.top) / frame.height, box.width / frame.width].map((n) => Math.round(n * 1000));
      });
    const portrait = await place();
    await page.setViewportSize({ width: 844, height: 390 });
    await expect.poll(place).toEqual(portrait);
    await shot(page, '05-landscape');
    // The sheet leaves the document room in landscape.
    const sheetHeight = (await page.locator('footer').boundingBox())!.height;
    expect(sheetHeight).toBeLessThan(390 / 2);
    await page.context().close();
  });

  it('opens the signature dialog with the first tap after typing, and names boxes by their labels', async () => {
    const { playUrl } = await contract();
    const page = await openOnPhone(playUrl);
    await sheet(page).waitFor();
    expect(await page.getByLabel('customer_name').count()).toBe(0);
    // Typing, then one tap on the signature's box opens its step, one tap on 서명하기 the dialog:
    // the change the typing fires as the input loses focus repaints nothing under the finger.
    await sheet(page).getByLabel('고객 성명').fill('김철수');
    await page.locator('.marker[data-field="customer_sign"]').tap();
    expect(await count(page)).toBe('3 / 5');
    await sheet(page).getByRole('button', { name: '고객 서명: 서명하기' }).tap();
    await expect.poll(() => page.getByRole('heading', { name: '고객 서명' }).isVisible(), { timeout: 3000 }).toBe(true);
    await expectAccessible(page, 'signature dialog on a phone');
    await page.context().close();
  });

  it('keeps what the signer typed across a reload (saved as they go, before approving)', async () => {
    const { playUrl } = await contract();
    const page = await openOnPhone(playUrl);
    const name = sheet(page).getByLabel('고객 성명');
    await name.fill('김철수');
    await page.locator('.marker[data-field="customer_phone"]').tap();
    await sheet(page).getByLabel('고객 연락처').fill('010-2345-6789');
    // Saved a second after the signer stops typing.
    await expect
      .poll(
        () =>
          server.dojang.ctx.db
            .selectFrom('sign_drafts')
            .select('field_values')
            .execute()
            .then((rows) => rows.some((r) => r.field_values.includes('010-2345-6789'))),
        { timeout: 5000 },
      )
      .toBe(true);
    await page.reload();
    await expect.poll(() => sheet(page).getByLabel('고객 성명').inputValue()).toBe('김철수');
    expect(await page.locator('.marker[data-field="customer_phone"]').textContent()).toBe('010-2345-6789');
    await page.context().close();
  });
});

/** Whether an element is wholly on screen, between the sticky top bar and the action bar. */
function inView(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((el) => {
    const box = el.getBoundingClientRect();
    const top = document.querySelector('.topbar')!.getBoundingClientRect().bottom;
    const bottom = document.querySelector('footer')!.getBoundingClientRect().top;
    return box.top >= top && box.bottom <= bottom;
  });
}

/** A phone's photo of a signature in dark ink on paper, lit unevenly (brighter on the left). */
async function photoOfSignatureOnPaper(): Promise<Buffer> {
  const { createCanvas } = await import('@napi-rs/canvas');
  const canvas = createCanvas(1200, 900);
  const context = canvas.getContext('2d');
  const light = context.createLinearGradient(0, 0, 1200, 0);
  light.addColorStop(0, '#f4f1ea');
  light.addColorStop(1, '#cfcac0');
  context.fillStyle = light;
  context.fillRect(0, 0, 1200, 900);
  context.strokeStyle = '#1c2233';
  context.lineWidth = 9;
  context.lineCap = 'round';
  context.beginPath();
  context.moveTo(300, 520);
  context.bezierCurveTo(380, 300, 460, 640, 540, 420);
  context.bezierCurveTo(600, 300, 680, 620, 760, 430);
  context.lineTo(880, 470);
  context.stroke();
  return canvas.encode('jpeg', 85);
}
