// The signing page in a real browser (Debian's chromium through playwright-core) against a real
// server: a two-step embed contract. Signer 1 on a phone, in Korean, passes the password gate
// after one wrong try, fills text, date, check, radio and a picture, draws a signature and
// approves. Signer 2, in English, opens the play_url of the export inside an iframe on another
// origin, passes the one-time code and returns with a reason; the host page hears dojang:*
// messages. Screenshots of every state go to test-results/sign/. No request leaves the server's
// origin, nothing is logged to the console, axe-core finds no serious or critical violation.
import { mkdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Frame, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../scripts/build-web.ts';
import { CHROMIUM, CHROMIUM_ARGS } from './support/chromium.ts';
import { testDatabases } from './support/databases.ts';
import { startTestServer, type TestCompany, type TestServer } from './support/dojang-server.ts';
import { createTestTemplate } from './support/templates.ts';
import { createContractTemplate } from './sign-support/contract-template.ts';
import { noisePng } from './sign-support/noise-png.ts';
import { toWorkflowId } from '../src/domain/ids.ts';

const SHOTS = path.resolve('test-results/sign');

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

/** A loopback receiver for the Export API, and a host page that embeds the signing page. */
async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Watches a browser context: every request off the allowed origins is blocked and remembered, every console error kept. */
function watch(context: BrowserContext, allowed: string[]) {
  const offOrigin: string[] = [];
  const consoleErrors: { text: string; url: string }[] = [];
  void context.route('**/*', async (route) => {
    const url = route.request().url();
    if (allowed.includes(new URL(url).origin)) return route.continue();
    offOrigin.push(url);
    return route.abort();
  });
  const onConsole = (message: ConsoleMessage) => {
    if (message.type() === 'error' || message.type() === 'warning')
      consoleErrors.push({ text: `${message.type()}: ${message.text()}`, url: message.location().url });
  };
  context.on('console', onConsole);
  context.on('weberror', (error) => consoleErrors.push({ text: `pageerror: ${error.error().message}`, url: '' }));
  return { offOrigin, consoleErrors };
}

let axeSource = '';
async function axe(target: Page | Frame, label: string): Promise<void> {
  await target.evaluate(axeSource);
  const result = await target.evaluate(async () => {
    const run = (
      window as unknown as {
        axe: {
          run(context: Document, options: object): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    return run.run(document, { resultTypes: ['violations'] });
  });
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of result.violations) console.log(`axe ${label}: ${v.impact} ${v.id} ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    `axe on ${label}`,
  ).toEqual([]);
}

let browser: Browser;
beforeAll(async () => {
  const [, axeText] = await Promise.all([buildWeb(), readFile(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8')]);
  axeSource = axeText;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});
afterAll(() => browser?.close());

describe.each(testDatabases())('the signing page on %s', (kind) => {
  let server: TestServer;
  let acme: TestCompany;
  let docId: string;
  let receiver: { server: Server; url: string };
  let host: { server: Server; url: string };
  const exports: Received[] = [];
  const shots = path.join(SHOTS, kind);
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    await mkdir(shots, { recursive: true });
    server = await startTestServer(kind);
    acme = await server.company('acme', { name: '에이크미 부동산' });
    docId = await createContractTemplate(acme);
    receiver = await listen((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        exports.push({ headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
    });
    host = await listen((request, response) => {
      const src = new URL(request.url ?? '/', 'http://x').searchParams.get('src') ?? '';
      const escaped = src.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Integrator</title></head>
<body><h1>Integrator's own page</h1>
<iframe id="dojang" title="Sign with Dojang" src="${escaped}" width="100%" height="760"></iframe>
<script>window.dojangMessages = []; window.addEventListener('message', (e) => window.dojangMessages.push({ origin: e.origin, data: e.data }));</script>
</body></html>`);
    });
  });
  afterAll(async () => {
    await server?.close();
    receiver?.server.close();
    host?.server.close();
  });

  it('signer 1 on a phone in Korean, then signer 2 in an iframe in English', async () => {
    const { json } = await acme.esignon('/api/acme/startsimple', '5005Q', {
      workflow_name: '임대차 계약 (101호)',
      doc_id: docId,
      memb_email: acme.email,
      player_list: [
        { field_owner: '1', email: 'kim@example.com', name: '김철수', password: 'seoul1234', password_hint: '사는 도시 영문 소문자 + 1234', language: 'ko-KR' },
        { field_owner: '2', email: 'lee@example.com', name: 'Lee Younghee', mobile_number: '010-2345-6789', language: 'en-US' },
      ],
      export_api_info: {
        api_type: 'ALL',
        url: `${receiver.url}/dojang`,
        request_code: 'embed',
        authorization: 'Bearer receiver-secret',
        request_params: [
          { param_id: 'customer', param_value: '-', fields: ['이름'] },
          { param_id: 'contract_date', param_value: '', fields: ['계약일'] },
          { param_id: 'agreed', param_value: 'N', fields: ['동의'] },
          { param_id: 'signed', param_value: 'N', fields: ['서명'] },
          { param_id: 'photo', param_value: 'N', fields: ['사진'] },
          { param_id: 'amount', param_value: '0', fields: ['금액'] },
        ],
      },
    });
    expect(json.header.result_code, json.header.result_msg).toBe('00');
    const workflowId = json.body.workflow_id as string;
    const playUrl1 = json.body.play_url as string;
    expect(playUrl1).toMatch(new RegExp(`^${server.url}/sign\\?token=[A-Za-z0-9_-]{40,}$`));

    // ── Signer 1: a phone, Korean ───────────────────────────────────────────────────────────
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'ko-KR' });
    const phoneWatch = watch(phone, [server.url]);
    const page = await phone.newPage();
    await page.goto(playUrl1);
    await expect.poll(() => page.getByRole('heading', { name: '본인 확인' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('힌트: 사는 도시 영문 소문자 + 1234').isVisible()).toBe(true);
    expect(await page.locator('html').getAttribute('lang')).toBe('ko');
    await shot(page, '01-gate-ko');
    await axe(page, 'password gate');

    await page.getByLabel('비밀번호').fill('busan1234');
    await page.getByRole('button', { name: '확인' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('비밀번호가 맞지 않습니다. 남은 입력 횟수: 4회');
    await shot(page, '02-gate-wrong-password');
    await page.getByLabel('비밀번호').fill('seoul1234');
    await page.getByRole('button', { name: '확인' }).click();

    await page.locator('.page[data-rendered]').waitFor();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('필수 항목 0/5');
    await shot(page, '03-document-ko');
    // Usable at 360 px: nothing wider than the screen, the document scales to it.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(
      await page
        .locator('.page')
        .first()
        .evaluate((el) => el.getBoundingClientRect().width),
    ).toBeGreaterThan(330);
    await axe(page, 'document, step 1');

    // Approving with boxes empty says which and opens the first in the sheet (a phone fills one
    // box at a time there; the page shows where each box is).
    const sheet = page.getByRole('region', { name: '칸 채우기' });
    await page.getByRole('button', { name: '승인' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('아직 채우지 않은 필수 항목이 있습니다: 이름, 계약일, 동의, 납부방식, 서명');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).labels?.[0]?.textContent)).toBe('이름');
    await shot(page, '04-missing-ko');

    await sheet.getByLabel('이름', { exact: true }).fill('김철수');
    await page.locator('.marker[data-field="계약일"]').tap();
    await sheet.getByLabel('계약일').fill('2026-12-01');
    await page.locator('.marker[data-field="동의"]').tap();
    await sheet.getByLabel('동의').check();
    await page.locator('.marker[data-field="계좌이체"]').tap();
    await sheet.getByRole('group', { name: '납부방식' }).getByLabel('계좌이체').check();

    // A picture far over 1 MB is made smaller in the browser.
    await page.locator('.marker[data-field="사진"]').tap();
    await sheet.getByRole('button', { name: '사진: 사진 넣기' }).click();
    await page.getByLabel('이미지 선택 (JPEG, PNG)').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: noisePng(1400, 1000) });
    await page.locator('.picture-preview:not([hidden])').waitFor();
    await shot(page, '05-picture-ko');
    await page.getByRole('button', { name: '적용' }).click();

    // The signature: drawn with the pointer, one stroke undone, drawn again.
    await page.locator('.marker[data-field="서명"]').tap();
    await sheet.getByRole('button', { name: '서명: 서명하기' }).click();
    const pad = page.getByRole('img', { name: '서명 입력란' });
    await pad.waitFor();
    await axe(page, 'signature dialog');
    const box = (await pad.boundingBox())!;
    const stroke = async (points: [number, number][]) => {
      await page.mouse.move(box.x + points[0]![0] * box.width, box.y + points[0]![1] * box.height);
      await page.mouse.down();
      for (const [x, y] of points.slice(1)) await page.mouse.move(box.x + x * box.width, box.y + y * box.height, { steps: 4 });
      await page.mouse.up();
    };
    await stroke([
      [0.1, 0.8],
      [0.2, 0.2],
      [0.3, 0.7],
      [0.4, 0.3],
      [0.5, 0.6],
    ]);
    await stroke([
      [0.6, 0.2],
      [0.6, 0.8],
    ]);
    await page.getByRole('button', { name: '되돌리기' }).click();
    await stroke([
      [0.55, 0.5],
      [0.7, 0.3],
      [0.8, 0.7],
      [0.9, 0.4],
    ]);
    await shot(page, '06-signature-drawn-ko');
    await page.getByRole('button', { name: '적용' }).click();
    await page.locator('[data-field="서명"] img').waitFor();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('필수 항목 5/5');
    await shot(page, '07-filled-ko');
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.screenshot({ path: path.join(shots, '07b-filled-phone-viewport-ko.png') });

    await page.getByRole('button', { name: '승인' }).click();
    await page.getByRole('heading', { name: '문서를 승인할까요?' }).waitFor();
    await page.getByLabel('메시지 (선택)').fill('확인했습니다');
    await shot(page, '08-approve-confirm-ko');
    await page.getByRole('button', { name: '승인 확정' }).click();
    await page.getByRole('heading', { name: '승인했습니다' }).waitFor();
    await expect.poll(() => page.getByText('다음 서명자에게 전달되었습니다.').isVisible()).toBe(true);
    await shot(page, '09-done-ko');
    await axe(page, 'done');

    // The same link later: what happened, not an error.
    await page.reload();
    await page.getByRole('heading', { name: '이미 처리된 링크입니다' }).waitFor();
    expect(await page.locator('.lead').textContent()).toMatch(/에 이 문서를 승인했습니다\.$/);
    await shot(page, '10-used-link-ko');

    expect(phoneWatch.offOrigin).toEqual([]);
    expect(phoneWatch.consoleErrors.filter((e) => !(e.text.includes('status of 401') && e.url.endsWith('/verify')))).toEqual([]);
    expect(phoneWatch.consoleErrors).toHaveLength(1); // the wrong password's 401
    await phone.close();

    // ── The export of step 1 carries the values and the next signer's play_url ─────────────
    const first = await waitFor('the first export', () => exports.find((e) => e.body.body.wfuid === workflowId && e.body.body.processid === '1'));
    expect(first.headers.authorization).toBe('Bearer receiver-secret');
    expect(first.body.body).toMatchObject({
      worktype: 'CF',
      actionid: '1',
      status: 'Playing',
      useremail: 'kim@example.com',
      user_name: '김철수',
      opinion: '확인했습니다',
      customer: '김철수',
      contract_date: '2026-12-01',
      agreed: 'Y',
      signed: 'Y',
      photo: 'Y',
      amount: '0',
      next_play_user: 'lee@example.com',
      next_user_name: 'Lee Younghee',
    });
    const playUrl2 = first.body.body.play_url as string;
    expect(playUrl2).toMatch(new RegExp(`^${server.url}/sign\\?token=`));
    const values = (await acme.get(`/api/v2/workflows/${workflowId}`)).json.body.field_list as { field_name: string; field_value: string }[];
    const picture = values.find((f) => f.field_name === '사진')!.field_value;
    expect(Buffer.from(picture.split(',')[1]!, 'base64').length).toBeLessThanOrEqual(1024 * 1024);
    expect(values.find((f) => f.field_name === '서명')!.field_value).toMatch(/^data:image\/png;base64,/);

    // ── Signer 2: in an iframe on the integrator's page, English ────────────────────────────
    const desk = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'en-US' });
    const deskWatch = watch(desk, [server.url, host.url]);
    const hostPage = await desk.newPage();
    await hostPage.goto(`${host.url}/?src=${encodeURIComponent(playUrl2)}`);
    const frame = hostPage.frameLocator('#dojang');
    await frame.getByRole('heading', { name: 'Phone verification' }).waitFor();
    await frame.getByRole('button', { name: 'Send code' }).click();
    await frame.getByLabel('6-digit code').waitFor();
    const otpJob = await waitFor('the code', async () => {
      const job = await server.dojang.ctx.db
        .selectFrom('jobs')
        .select('payload')
        .where('workflow_id', '=', toWorkflowId(Number(workflowId)))
        .where('queue', '=', 'notify')
        .executeTakeFirst();
      return job ? (JSON.parse(job.payload) as { kind: string; code: string; to: { identity: string } }) : undefined;
    });
    expect(otpJob).toMatchObject({ kind: 'otp', to: { identity: '010-2345-6789' } });
    await frame.getByLabel('6-digit code').fill(otpJob.code);
    await shot(hostPage, '11-iframe-code-en');
    await frame.getByRole('button', { name: 'Verify' }).click();

    const signFrame = hostPage.frame({ url: /\/sign\?token=/ })!;
    await signFrame.locator('.page[data-rendered]').waitFor();
    // Step 1's values are shown in place, the signature as an image.
    await expect.poll(() => signFrame.locator('[data-field="이름"]').textContent()).toContain('김철수');
    await expect.poll(() => signFrame.locator('[data-field="서명"] img').count()).toBe(1);
    await shot(hostPage, '12-iframe-document-en');
    await signFrame.getByLabel('금액').scrollIntoViewIfNeeded();
    await signFrame.getByLabel('금액').fill('1,000,000원');
    await shot(hostPage, '12b-iframe-own-boxes-en');
    await axe(signFrame, 'document in an iframe, step 2');

    // Every string follows the language picker.
    await signFrame.getByLabel('Language').selectOption('ja-JP');
    await expect.poll(() => signFrame.getByRole('button', { name: '差し戻し' }).isVisible()).toBe(true);
    await shot(hostPage, '13-iframe-document-ja');
    await signFrame.getByLabel('言語').selectOption('en-US');

    await signFrame.getByRole('button', { name: 'Return' }).click();
    await signFrame.getByRole('heading', { name: 'Return this document?' }).waitFor();
    await signFrame.getByRole('button', { name: 'Confirm return' }).click();
    await expect.poll(() => signFrame.getByRole('alert').first().textContent()).toBe('Please give a reason.');
    await signFrame.getByLabel('Reason for returning (required)').fill('The amount is missing from page 1.');
    await shot(hostPage, '14-iframe-return-confirm-en');
    await signFrame.getByRole('button', { name: 'Confirm return' }).click();
    await signFrame.getByRole('heading', { name: 'You returned the document' }).waitFor();
    await shot(hostPage, '15-iframe-returned-en');

    const messages = await waitFor('dojang:returned', async () => {
      const seen =
        (await hostPage.evaluate(() => (window as unknown as { dojangMessages: { origin: string; data: { type: string } }[] }).dojangMessages)) ?? [];
      return seen.some((m) => m.data.type === 'dojang:returned') ? seen : undefined;
    });
    expect(messages.map((m) => m.data)).toEqual([
      { type: 'dojang:loaded', workflow_id: workflowId, step: 2 },
      { type: 'dojang:verified', workflow_id: workflowId, step: 2 },
      { type: 'dojang:returned', workflow_id: workflowId, step: 2 },
    ]);
    expect(messages.every((m) => m.origin === server.url)).toBe(true);
    expect(deskWatch.offOrigin).toEqual([]);
    expect(deskWatch.consoleErrors).toEqual([]);
    await desk.close();

    // ── The export of step 2: RT with the reason, back to signer 1 ──────────────────────────
    const second = await waitFor('the second export', () => exports.find((e) => e.body.body.wfuid === workflowId && e.body.body.processid === '2'));
    expect(second.body.body).toMatchObject({
      worktype: 'RT',
      actionid: '2',
      status: 'Playing',
      useremail: 'lee@example.com',
      user_name: 'Lee Younghee',
      opinion: 'The amount is missing from page 1.',
      customer: '김철수',
      amount: '0',
      next_play_user: 'kim@example.com',
      next_user_name: '김철수',
    });
    expect(second.body.body.play_url).not.toBe(playUrl1);

    const history = (await acme.get(`/api/v2/workflows/${workflowId}`)).json.body.action_history_list.map(
      (h: { step_code: string; action_id: string }) => `${h.step_code}:${h.action_id}`,
    );
    expect(history).toEqual([
      'WORKFLOW_START:',
      'SIGN_REQ:1',
      'VIEW:1',
      'PASSWORD_CERT:1',
      'SIGN_START:1',
      'SIGN_COMPLETE:1',
      'SIGN_REQ:2',
      'VIEW:2',
      'MOBILE_CERT:2',
      'SIGN_START:2',
      'SIGN_RETURN:2',
      'SIGN_REQ:1',
    ]);
  });

  it('works with the keyboard alone, in Japanese; shows unknown and canceled links as what they are', async () => {
    const start = async (name: string) => {
      const { json } = await acme.esignon('/api/acme/startsimple', '5005Q', {
        workflow_name: name,
        doc_id: docId,
        memb_email: acme.email,
        player_list: [
          { field_owner: '1', email: 'yamada@example.com', name: '山田太郎', language: 'ja-JP' },
          { field_owner: '2', email: 'lee@example.com', name: 'Lee' },
        ],
      });
      expect(json.header.result_code, json.header.result_msg).toBe('00');
      // Not embedded: the link is in the email queued for the signer.
      const job = await server.dojang.ctx.db
        .selectFrom('jobs')
        .select('payload')
        .where('workflow_id', '=', toWorkflowId(Number(json.body.workflow_id)))
        .where('queue', '=', 'notify')
        .executeTakeFirstOrThrow();
      return { workflowId: json.body.workflow_id as string, url: (JSON.parse(job.payload) as { signUrl: string }).signUrl };
    };
    const { workflowId, url } = await start('keyboard');
    const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, locale: 'ja-JP' });
    const watched = watch(context, [server.url]);
    const page = await context.newPage();
    await page.goto(url);
    await page.locator('.page[data-rendered]').waitFor();

    // On a desktop the boxes are filled on the page. A check is drawn no larger than its box (so
    // the text beside it stays readable), and a click just beside it, on its invisible touch
    // target, still checks it (a touch screen laptop).
    const agree = page.getByLabel('동의');
    const agreeBox = (await agree.boundingBox())!;
    const agreeCell = (await page.locator('.box[data-field="동의"]').boundingBox())!;
    expect(agreeBox.width).toBeLessThanOrEqual(Math.max(16, agreeCell.width) + 0.5);
    await page.mouse.click(agreeBox.x + agreeBox.width / 2 + 13, agreeBox.y + agreeBox.height / 2);
    expect(await agree.isChecked()).toBe(true);
    await agree.uncheck();

    /** Presses Tab until the control with this name has the focus: it can be reached without a pointer. */
    const tabTo = async (name: string) => {
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          return el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? '';
        });
        if (focused === name) return;
      }
      throw new Error(`Tab never reached "${name}"`);
    };
    await tabTo('이름');
    await page.keyboard.type('山田太郎');
    await shot(page, '17-keyboard-focus-ja');
    await tabTo('계약일');
    await page.keyboard.type('12012026');
    expect(await page.getByLabel('계약일').inputValue()).toBe('2026-12-01');
    await tabTo('동의');
    await page.keyboard.press('Space');
    await tabTo('자동이체');
    await page.keyboard.press('Space');
    await tabTo('서명: ここに署名');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).id)).toMatch(/^sig-typed/);
    await page.keyboard.type('山田太郎');
    await tabTo('適用');
    await page.keyboard.press('Enter');
    await page.locator('[data-field="서명"] img').waitFor();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('必須項目 5/5');
    await tabTo('承認');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'この文書を承認しますか?' }).waitFor();
    await tabTo('承認を確定');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '承認しました' }).waitFor();
    await shot(page, '18-keyboard-done-ja');
    const fields = (await acme.get(`/api/v2/workflows/${workflowId}`)).json.body.field_list as { field_name: string; field_value: string }[];
    expect(fields.find((f) => f.field_name === '이름')!.field_value).toBe('山田太郎');
    expect(fields.find((f) => f.field_name === '자동이체')!.field_value).toBe('Y');
    expect(fields.find((f) => f.field_name === '서명')!.field_value).toMatch(/^data:image\/png;base64,/);

    await page.goto(`${server.url}/sign?token=${'A'.repeat(43)}`);
    await page.getByRole('heading', { name: 'リンクが見つかりません' }).waitFor();
    await shot(page, '19-unknown-link-ja');

    const canceled = await start('canceled');
    await acme.esignon('/JEDOC/Common.do', '1510Q', {
      comp_id: 'acme',
      memb_email: acme.email,
      workflow_id: canceled.workflowId,
      command: 'CANCEL',
      description: '顧客の依頼',
    });
    await page.goto(canceled.url);
    await page.getByRole('heading', { name: '処理済みのリンクです' }).waitFor();
    expect(await page.locator('.lead').textContent()).toMatch(/^この契約は .+ に取り消されました。$/);
    await shot(page, '20-canceled-link-ja');
    await axe(page, 'canceled link');

    expect(watched.offOrigin).toEqual([]);
    // The unknown link's 404s (the page and the API) are the only complaints.
    expect(watched.consoleErrors.map((e) => e.url.replace(/token=.*|sign\/[^/]+$/, '…'))).toEqual([`${server.url}/sign?…`, `${server.url}/api/…`]);
    expect(watched.consoleErrors.every((e) => e.text.includes('status of 404'))).toBe(true);
    await context.close();
  });

  it('shows a completed document and its history certificate in the viewer, with a download button', async () => {
    const oneStep = await createTestTemplate(acme, 1, undefined, '확인서');
    const { json } = await acme.esignon('/api/acme/startsimple', '5005Q', {
      workflow_name: '확인서 (viewer)',
      doc_id: oneStep,
      memb_email: acme.email,
      player_list: [{ field_owner: '1', email: 'kim@example.com', name: '김철수' }],
      export_api_info: { api_type: 'ALL', url: `${receiver.url}/dojang`, request_code: 'embed' },
    });
    const workflowId = json.body.workflow_id as string;
    const token = new URL(json.body.play_url).searchParams.get('token')!;
    const done = await fetch(`${server.url}/api/sign/${token}/complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        command: 'CF',
        fields: [
          { field_name: 'name_1', field_value: '김철수' },
          { field_name: 'agree_1', field_value: 'Y' },
        ],
      }),
    });
    expect(await done.json()).toMatchObject({ result: 'completed', workflow_status: 'Complete' });
    const event = await waitFor('the completion export', () => exports.find((e) => e.body.body.wfuid === workflowId && e.body.body.status === 'Complete'));

    const context = await browser.newContext({ viewport: { width: 800, height: 1000 }, locale: 'ko-KR' });
    const watched = watch(context, [server.url]);
    const page = await context.newPage();
    for (const [url, name] of [
      [event.body.body.download_url, '21-viewer-document-ko'],
      [event.body.body.cert_url, '22-viewer-certificate-ko'],
    ] as const) {
      await page.goto(url);
      await page.locator('.page[data-rendered]').first().waitFor({ timeout: 30_000 });
      const href = await page.getByRole('link', { name: '다운로드' }).getAttribute('href');
      expect(href).toMatch(/^\/documents\/[^/]+\/file\?download=1$/);
      await shot(page, name);
    }
    await axe(page, 'viewer');
    expect(watched.offOrigin).toEqual([]);
    expect(watched.consoleErrors).toEqual([]);
    await context.close();
  });

  it('previews a template with its boxes outlined, and offers the download', async () => {
    const { json } = await acme.esignon('/api/acme/startsimple', '5005Q', {
      workflow_name: 'preview',
      doc_id: docId,
      memb_email: acme.email,
      player_list: [
        { field_owner: '1', email: 'kim@example.com', name: '김철수' },
        { field_owner: '2', email: 'lee@example.com', name: 'Lee' },
      ],
      preview: 'preview',
    });
    const context = await browser.newContext({ viewport: { width: 800, height: 1000 }, locale: 'ko-KR' });
    const watched = watch(context, [server.url]);
    const page = await context.newPage();
    await page.goto(json.body.preview_url);
    await page.locator('.page[data-rendered]').waitFor();
    expect(await page.locator('.box.outline').count()).toBe(11);
    expect(await page.getByRole('link', { name: '다운로드' }).getAttribute('href')).toContain('/api/preview/document.pdf?token=');
    await shot(page, '16-preview-ko');
    await axe(page, 'preview');
    expect(watched.offOrigin).toEqual([]);
    expect(watched.consoleErrors).toEqual([]);
    await context.close();
  });
});
