// The console in a real browser (Debian's chromium through playwright-core) against a real
// server. A member logs in; makes a template by uploading a PDF and drawing a text box, a
// check box and a signature box with the mouse (moved, resized and nudged with the keys too,
// one deleted and brought back with undo), on two steps, and saves it; starts an embed contract
// from the console with an export URL on a loopback receiver that fails its first request (500)
// and then answers 200, and a value picked out of the document (request_params) — after a
// refused try that shows startsimple's field messages; both signers sign on the signing page
// (step 1's link from the start answer, step 2's from the export); the contract shows as
// complete in the list; its page shows the two exports, one with a failed attempt, and one is
// sent again. Then the exports view with a dead event, the webhook secret, API tokens, a member
// added and made admin, other languages, a phone, the keyboard, the admin giving up their role.
// Screenshots of every state go to test-results/console/<database>/.
import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../scripts/build-web.ts';
import { CHROMIUM, CHROMIUM_ARGS, expectAccessible, watchContext } from './console-support/browser-watch.ts';
import { makeContractPdf } from './sign-support/contract-template.ts';
import { testDatabases } from './support/databases.ts';
import { startTestServer, type TestCompany, type TestServer } from './support/dojang-server.ts';
import { waitFor } from './support/wait-for.ts';

const SHOTS = path.resolve('test-results/console');

interface Received {
  path: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

let contractPdf: Uint8Array;
beforeAll(async () => {
  [contractPdf] = await Promise.all([makeContractPdf(), buildWeb()]);
});

describe.each(testDatabases())('the console in a browser on %s', (kind) => {
  let server: TestServer;
  let browser: Browser;
  let acme: TestCompany;
  let receiver: Server;
  let receiverUrl: string;
  const received: Received[] = [];
  const shots = path.join(SHOTS, kind);
  const shot = (page: Page, name: string, fullPage = true) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage });

  beforeAll(async () => {
    await mkdir(shots, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    // An attempt at once, then one a second later: the first failure is retried within the test.
    server = await startTestServer(kind, { DOJANG_EXPORT_RETRY_SCHEDULE: '0,1' });
    acme = await server.company('acme', { name: '에이크미 부동산', email: 'kim.admin@acme.example.com' });
    let requests = 0;
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        requests++;
        // The very first export fails; /always-fail always does.
        const status = requests === 1 || request.url === '/always-fail' ? 500 : 200;
        received.push({ path: request.url ?? '', status, headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        response.writeHead(status, { 'content-type': 'application/json' }).end(status === 200 ? '{"received":true}' : '{"error":"temporarily unavailable"}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    // The browser first: a socket it keeps open would hold up the server's close.
    await browser?.close();
    receiver?.close();
    await server?.close();
  });

  it('makes a template, starts and signs a contract, and shows its exports', async () => {
    const desk = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ko-KR', acceptDownloads: false });
    const watched = watchContext(desk, [server.url]);
    const page = await desk.newPage();

    // ── Login ──────────────────────────────────────────────────────────────
    await page.goto(`${server.url}/console`);
    await page.getByRole('heading', { name: '콘솔 로그인' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('ko');
    await page.getByLabel('회사 ID').fill('acme');
    await page.getByLabel('이메일').fill(acme.email);
    await page.getByLabel('비밀번호').fill('wrong password');
    await page.getByRole('button', { name: '로그인' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('회사 ID, 이메일 또는 비밀번호가 맞지 않습니다.');
    await shot(page, '01-login-refused');
    await expectAccessible(page, 'login');
    await page.getByLabel('비밀번호').fill(acme.password);
    await page.getByRole('button', { name: '로그인' }).click();
    await page.getByRole('heading', { name: '계약', exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/contracts');
    await shot(page, '02-contracts-empty');

    // ── A template: upload, draw three boxes, two steps, save ─────────────
    await page.getByRole('navigation', { name: '콘솔 메뉴' }).getByRole('link', { name: '서식' }).click();
    await page.getByRole('link', { name: '새 서식' }).click();
    await page.getByRole('heading', { name: '새 서식' }).waitFor();
    await page.locator('input[type=file]').setInputFiles({ name: '근로계약서.pdf', mimeType: 'application/pdf', buffer: Buffer.from(contractPdf) });
    await page.locator('.editor-pages .page[data-rendered]').first().waitFor();
    expect(await page.getByLabel('서식 이름').inputValue()).toBe('근로계약서');
    await page.getByLabel('서식 이름').fill('임대차 계약서 (콘솔)');
    await page.getByLabel('서명 단계 수').fill('2');
    await page.getByLabel('서명 단계 수').press('Tab');

    const pageFrame = page.locator('.editor-pages .page[data-page="1"]');
    const frameBox = async () => (await pageFrame.boundingBox())!;
    const PAGE_WIDTH = 595.28;
    /** Scrolls the editor so that a point of page 1 (in PDF points) is in the middle of the view. */
    const reveal = (yPt: number) =>
      page.evaluate(
        ([y, width]) => {
          const scroller = document.querySelector<HTMLElement>('.editor-scroller')!;
          scroller.scrollIntoView({ block: 'nearest' });
          const frame = document.querySelector('.editor-pages .page[data-page="1"]')!.getBoundingClientRect();
          const view = scroller.getBoundingClientRect();
          scroller.scrollTop += frame.top + (y! * frame.width) / width! - (view.top + view.height / 2);
        },
        [yPt, PAGE_WIDTH],
      );
    /** Drags on the page from one point to another, given in PDF points. */
    const drag = async (from: [number, number], to: [number, number]) => {
      await reveal((from[1] + to[1]) / 2);
      const box = await frameBox();
      const px = box.width / PAGE_WIDTH;
      await page.mouse.move(box.x + from[0] * px, box.y + from[1] * px);
      await page.mouse.down();
      await page.mouse.move(box.x + ((from[0] + to[0]) / 2) * px, box.y + ((from[1] + to[1]) / 2) * px, { steps: 4 });
      await page.mouse.move(box.x + to[0] * px, box.y + to[1] * px, { steps: 4 });
      await page.mouse.up();
    };
    const props = page.getByRole('complementary');

    await page.getByLabel('새 상자 종류').selectOption('TextBox');
    await drag([170, 258], [370, 284]);
    await props.getByLabel('필드 이름').fill('성명');
    await page.getByLabel('새 상자 종류').selectOption('CheckBox');
    await drag([60, 342], [80, 362]);
    await props.getByLabel('필드 이름').fill('동의');
    await props.getByLabel('필수', { exact: true }).check();
    await page.getByLabel('새 상자 종류').selectOption('SignBox');
    // Drawn a little off and too small, then moved and resized with the mouse.
    await drag([180, 430], [320, 470]);
    await props.getByLabel('필드 이름').fill('서명');
    await props.getByLabel('입력하는 단계').selectOption('2');
    const signBox = page.locator('.ebox.type-SignBox');
    await reveal(450);
    const before = (await signBox.boundingBox())!;
    const px = (await frameBox()).width / PAGE_WIDTH;
    await page.mouse.move(before.x + before.width / 2, before.y + before.height / 2);
    await page.mouse.down();
    await page.mouse.move(before.x + before.width / 2 - 10 * px, before.y + before.height / 2 - 10 * px, { steps: 5 });
    await page.mouse.up();
    const handle = signBox.locator('.h-se');
    const corner = (await handle.boundingBox())!;
    await page.mouse.move(corner.x + corner.width / 2, corner.y + corner.height / 2);
    await page.mouse.down();
    await page.mouse.move(corner.x + corner.width / 2 + 60 * px, corner.y + corner.height / 2 + 30 * px, { steps: 5 });
    await page.mouse.up();
    expect(Number(await props.getByLabel('X', { exact: true }).inputValue())).toBe(170);
    expect(Number(await props.getByLabel('Y', { exact: true }).inputValue())).toBe(420);
    expect(Number(await props.getByLabel('너비', { exact: true }).inputValue())).toBe(200);
    expect(Number(await props.getByLabel('높이', { exact: true }).inputValue())).toBe(70);
    // The keys: an arrow moves 1 pt, Shift 10 pt, Alt resizes.
    await signBox.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Alt+ArrowRight');
    expect(Number(await props.getByLabel('X', { exact: true }).inputValue())).toBe(171);
    expect(Number(await props.getByLabel('Y', { exact: true }).inputValue())).toBe(430);
    expect(Number(await props.getByLabel('너비', { exact: true }).inputValue())).toBe(201);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Shift+ArrowUp');
    await page.keyboard.press('Alt+ArrowLeft');
    await expect.poll(() => page.locator('.ebox').count()).toBe(3);
    await expect.poll(() => page.locator('.ebox.selected').getAttribute('aria-label')).toBe('서명: 서명, 2단계, 필수');
    // Undo and redo: a removal undone with the keys, redone and undone with the buttons; a name typed, undone at once.
    await page.keyboard.press('Delete');
    await expect.poll(() => page.locator('.ebox').count()).toBe(2);
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('.ebox').count()).toBe(3);
    await expect.poll(() => page.locator('.ebox.selected').getAttribute('aria-label')).toBe('서명: 서명, 2단계, 필수');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('서명: 서명, 2단계, 필수');
    await page.getByRole('button', { name: '다시 실행' }).click();
    await expect.poll(() => page.locator('.ebox').count()).toBe(2);
    await page.getByRole('button', { name: '실행 취소' }).click();
    await expect.poll(() => page.locator('.ebox').count()).toBe(3);
    await props.getByLabel('필드 이름').fill('서명란');
    await expect.poll(() => page.locator('.ebox.selected').getAttribute('aria-label')).toBe('서명란: 서명, 2단계, 필수');
    await page.getByRole('button', { name: '실행 취소' }).click();
    await expect.poll(() => page.locator('.ebox.selected').getAttribute('aria-label')).toBe('서명: 서명, 2단계, 필수');
    expect(await props.getByLabel('필드 이름').inputValue()).toBe('서명');
    expect(Number(await props.getByLabel('너비', { exact: true }).inputValue())).toBe(200);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    await shot(page, '03-editor-three-boxes', false);
    await expectAccessible(page, 'template editor');
    // Zoom in and back.
    await page.getByRole('button', { name: '확대' }).click();
    await expect.poll(() => page.locator('.zoom-label').textContent()).toBe('125%');
    await page.locator('.editor-pages .page[data-rendered]').first().waitFor();
    await shot(page, '04-editor-zoomed', false);
    await page.getByRole('button', { name: '축소' }).click();

    await page.getByRole('button', { name: '저장', exact: true }).click();
    // The first PDF of a quiet server starts a PDF worker thread (about half a second).
    await expect.poll(() => page.locator('.console-status').textContent(), { timeout: 10_000 }).toMatch(/^서식을 만들었습니다 \(#\d+\)\.$/);
    const templateId = new URL(page.url()).pathname.split('/').pop()!;
    const saved = (await acme.get(`/api/v2/docs/${templateId}`)).json.body;
    expect(saved).toMatchObject({ doc_name: '임대차 계약서 (콘솔)', file_workflow_count: '2' });
    const boxes = saved.field_list.map(
      (f: { field_name: string; field_type: string; action_id: string; required: boolean; x: number; y: number; width: number; height: number }) => ({ ...f }),
    );
    expect(
      boxes.map((f: { field_name: string; field_type: string; action_id: string; required: boolean }) => [f.field_name, f.field_type, f.action_id, f.required]),
    ).toEqual([
      ['성명', 'TextBox', '1', true],
      ['동의', 'CheckBox', '1', true],
      ['서명', 'SignBox', '2', true],
    ]);
    // Drawn with snapping on: on the 5-point grid, where the PDF's labels put them.
    expect(boxes.map((f: { x: number; y: number; width: number; height: number }) => [f.x, f.y, f.width, f.height])).toEqual([
      [170, 260, 200, 25],
      [60, 340, 20, 20],
      [170, 420, 200, 70],
    ]);
    await page.locator('.editor-pages .page[data-rendered]').first().waitFor();
    await shot(page, '05-template-saved');

    // ── Start a contract: first refused, field by field, then started ─────
    await page.getByRole('navigation', { name: '콘솔 메뉴' }).getByRole('link', { name: '계약 시작' }).click();
    await page.getByRole('heading', { name: '계약 시작' }).waitFor();
    // The editor left closes its PDF, and pdf.js's worker with it.
    await expect.poll(() => page.workers().length).toBe(0);
    await page.getByLabel('서식', { exact: true }).selectOption(templateId);
    await page.getByRole('group', { name: '2단계 서명자' }).waitFor();
    await page.getByLabel('계약명').fill('임대차 계약 (101호)');
    const step1 = page.getByRole('group', { name: '1단계 서명자' });
    const step2 = page.getByRole('group', { name: '2단계 서명자' });
    await step1.getByLabel('이름').fill('김철수');
    await step1.getByLabel('이메일 또는 휴대폰 번호').fill('kim@example');
    await step2.getByLabel('이메일 또는 휴대폰 번호').fill('010-2345-6789');
    await page.getByLabel('받는 URL').fill(`${receiverUrl}/dojang`);
    await page.getByLabel(/^embed 모드/).check();
    const referers = page.getByLabel(/^참조인/);
    await referers.fill('박참조');
    // Values picked out of the document: a key the payload itself uses is refused; a row removed is not sent.
    await page.getByRole('button', { name: '값 추가' }).click();
    const param1 = page.getByRole('group', { name: '보낼 값 1' });
    await param1.getByLabel('키 (param_id)').fill('extra');
    await page.getByRole('button', { name: '값 추가' }).click();
    const param2 = page.getByRole('group', { name: '보낼 값 2' });
    await param2.getByLabel('키 (param_id)').fill('status');
    await param2.getByLabel('가져올 필드').selectOption(['성명']);
    await param1.getByRole('button', { name: '이 값 빼기' }).click();
    await expect.poll(() => page.locator('.request-param').count()).toBe(1);
    const customerParam = page.getByRole('group', { name: '보낼 값 1' });
    expect(await customerParam.getByLabel('키 (param_id)').inputValue()).toBe('status');
    await page.getByRole('button', { name: '계약 시작' }).click();
    await expect.poll(() => page.locator('.alert-box').textContent()).toContain('계약을 시작하지 못했습니다');
    expect(await step1.getByLabel('이메일 또는 휴대폰 번호').getAttribute('aria-invalid')).toBe('true');
    expect(await step2.getByLabel('이름').getAttribute('aria-invalid')).toBe('true');
    expect(await referers.getAttribute('aria-invalid')).toBe('true');
    expect(await customerParam.getByLabel('키 (param_id)').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.problem-list code').allTextContents()).toEqual(
      expect.arrayContaining(['player_list[0].email', 'player_list[1].name', 'customer_list[0].email', 'export_api_info.request_params[0].param_id']),
    );
    await shot(page, '06-start-refused');
    await step1.getByLabel('이메일 또는 휴대폰 번호').fill('kim@example.com');
    await step2.getByLabel('이름').fill('이영희');
    await referers.fill('박참조, park.referer@example.com');
    await customerParam.getByLabel('키 (param_id)').fill('customer');
    await customerParam.getByLabel('기본값 (param_value)').fill('-');
    await page.getByLabel('완료 문서 링크').selectOption('download');
    await page.getByText('미리 채울 값 (선택)').click();
    await page.getByLabel('성명 (1단계)').fill('김철수');
    await shot(page, '07-start-filled');
    await expectAccessible(page, 'start form');
    await page.getByRole('button', { name: '계약 시작' }).click();
    await page.getByRole('heading', { name: /^계약을 시작했습니다 \(#\d+\)\.$/ }).waitFor();
    const playUrl1 = (await page.locator('.start-result .secret-value').textContent())!;
    expect(playUrl1).toMatch(new RegExp(`^${server.url}/sign\\?token=`));
    const workflowId = (await page.getByRole('heading', { name: /^계약을 시작했습니다/ }).textContent())!.match(/#(\d+)/)![1]!;
    await shot(page, '08-start-done');

    // ── Both signers sign on the signing page ─────────────────────────────
    const signer = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'ko-KR' });
    const signPage = await signer.newPage();
    await signPage.goto(playUrl1);
    await signPage.locator('.page[data-rendered]').waitFor();
    // A phone fills the boxes in the sheet at the bottom, one at a time; the prefilled name is there.
    const sheet = signPage.getByRole('region', { name: '칸 채우기' });
    expect(await sheet.getByLabel('성명', { exact: true }).inputValue()).toBe('김철수');
    await sheet.getByRole('button', { name: '다음' }).tap();
    await sheet.getByLabel('동의').check();
    await signPage.getByRole('button', { name: '승인' }).click();
    await signPage.getByRole('button', { name: '승인 확정' }).click();
    await signPage.getByRole('heading', { name: '승인했습니다' }).waitFor();

    // The first export fails (500), its retry a second later succeeds and carries step 2's link.
    const first = await waitFor(
      () => received.find((r) => r.status === 200 && r.body.body.wfuid === workflowId && r.body.body.processid === '1'),
      'the first export delivered',
      15_000,
    );
    expect(received.filter((r) => r.body.body.processid === '1').map((r) => r.status)).toEqual([500, 200]);
    // The value chosen at the start, picked out of the document: step 1's 성명.
    expect(first.body.body.customer).toBe('김철수');
    expect(first.body.body).not.toHaveProperty('extra');
    const playUrl2 = first.body.body.play_url as string;
    await signPage.goto(playUrl2);
    await signPage.getByRole('region', { name: '칸 채우기' }).getByRole('button', { name: '서명: 서명하기' }).click();
    const pad = signPage.getByRole('img', { name: '서명 입력란' });
    await pad.waitFor();
    const padBox = (await pad.boundingBox())!;
    await signPage.mouse.move(padBox.x + padBox.width * 0.15, padBox.y + padBox.height * 0.7);
    await signPage.mouse.down();
    for (const [x, y] of [
      [0.3, 0.2],
      [0.45, 0.75],
      [0.6, 0.25],
      [0.85, 0.6],
    ] as const)
      await signPage.mouse.move(padBox.x + padBox.width * x, padBox.y + padBox.height * y, { steps: 5 });
    await signPage.mouse.up();
    await signPage.getByRole('button', { name: '적용' }).click();
    await signPage.getByRole('button', { name: '승인' }).click();
    await signPage.getByRole('button', { name: '승인 확정' }).click();
    await signPage.getByRole('heading', { name: '승인했습니다' }).waitFor();
    await signer.close();
    const complete = await waitFor(
      () => received.find((r) => r.status === 200 && r.body.body.wfuid === workflowId && r.body.body.processid === '2'),
      'the second export delivered',
      15_000,
    );
    // The referer and the link type chosen at the start: the Complete export's link is the PDF itself.
    expect((await acme.get(`/api/v2/workflows/${workflowId}`)).json.body.referer_list).toContainEqual({
      type: 'referer',
      email: 'park.referer@example.com',
      name: '박참조',
    });
    const completedPdf = await waitFor(
      async () => {
        const response = await fetch(complete.body.body.download_url as string);
        return response.status === 200 ? response : null;
      },
      'the completed PDF',
      15_000,
    );
    expect(completedPdf.headers.get('content-type')).toBe('application/pdf');

    // ── Complete in the list ───────────────────────────────────────────────
    await page.getByRole('navigation', { name: '콘솔 메뉴' }).getByRole('link', { name: '계약', exact: true }).click();
    const row = page.getByRole('row', { name: /임대차 계약 \(101호\)/ });
    await row.waitFor();
    expect(await row.locator('.badge').textContent()).toBe('완료');
    await shot(page, '09-contracts-complete');
    await expectAccessible(page, 'contract list');
    await page.getByLabel('검색').fill('이영희');
    await page.getByRole('button', { name: '찾기' }).click();
    await expect.poll(() => page.url()).toContain('q=');
    await expect.poll(() => page.getByRole('row').count()).toBe(2);

    // ── The template is now in use: an edit would be a new version ────────
    await page.getByRole('navigation', { name: '콘솔 메뉴' }).getByRole('link', { name: '서식' }).click();
    const templateRow = page.getByRole('row', { name: /임대차 계약서 \(콘솔\)/ });
    await templateRow.waitFor();
    expect(await templateRow.locator('.badge').textContent()).toBe('사용 중');
    await shot(page, '09b-templates');
    await templateRow.getByRole('link', { name: '임대차 계약서 (콘솔)' }).click();
    await page.locator('.editor-pages .page[data-rendered]').first().waitFor();
    expect(await page.locator('.notice').textContent()).toContain('이 서식은 계약 1건에 쓰였습니다.');
    expect(await page.getByRole('button', { name: '새 버전으로 저장' }).isVisible()).toBe(true);
    await shot(page, '09c-template-in-use', false);
    await page.getByRole('navigation', { name: '콘솔 메뉴' }).getByRole('link', { name: '계약', exact: true }).click();
    await page.getByRole('link', { name: '임대차 계약 (101호)' }).waitFor();

    // ── Its page: two exports, one failed attempt, one sent again ─────────
    await page.getByRole('link', { name: '임대차 계약 (101호)' }).click();
    await page.getByRole('heading', { name: '임대차 계약 (101호)' }).waitFor();
    const events = page.locator('.event-card');
    await expect.poll(() => events.count()).toBe(2);
    const event1 = page.locator('.event-card', { has: page.getByRole('heading', { name: /^이벤트 1/ }) });
    const event2 = page.locator('.event-card', { has: page.getByRole('heading', { name: /^이벤트 2/ }) });
    expect(await event1.locator('.hint').first().textContent()).toBe('시도 2회, 실패 1회');
    expect(await event1.locator('tr.attempt-failed').count()).toBe(1);
    expect(await event1.locator('tr.attempt-failed td').nth(2).textContent()).toBe('500');
    expect(await event2.locator('.hint').first().textContent()).toBe('시도 1회, 실패 0회');
    await expect.poll(() => page.locator('.signer-signed').count()).toBe(2);
    await page.locator('.contract-doc .page[data-rendered]').first().waitFor({ timeout: 30_000 });
    await shot(page, '10-contract-complete');
    await expectAccessible(page, 'contract page');
    const deliveredBefore = received.length;
    await event2.getByRole('button', { name: '다시 보내기' }).click();
    await expect.poll(() => page.locator('.console-status').textContent()).toBe('이벤트 2: 다시 보내도록 줄을 세웠습니다.');
    const again = await waitFor(() => received.slice(deliveredBefore).find((r) => r.body.body.wfuid === workflowId), 'the redelivery');
    expect(again.body.body.processid).toBe('2');
    expect(again.headers['webhook-id']).toBe(received.find((r) => r.body.body.processid === '2')!.headers['webhook-id']);
    await expect
      .poll(async () => {
        await page.getByRole('button', { name: '새로고침' }).click();
        return page
          .locator('.event-card', { has: page.getByRole('heading', { name: /^이벤트 2/ }) })
          .locator('.hint')
          .first()
          .textContent();
      })
      .toBe('시도 2회, 실패 0회');
    await page.locator('#exports-title').scrollIntoViewIfNeeded();
    await shot(page, '11-contract-redelivered');

    // ── Company-wide exports: a dead event marked, the secret, all failed again ──
    const { json: deadStart } = await acme.esignon('/api/acme/startsimple', '5005Q', {
      workflow_name: '수신 실패 계약',
      doc_id: templateId,
      player_list: [
        { field_owner: '1', email: 'park@example.com', name: '박민수' },
        { field_owner: '2', email: 'choi@example.com', name: '최지우' },
      ],
      export_api_info: { api_type: 'ALL', url: `${receiverUrl}/always-fail`, request_code: 'embed' },
    });
    await acme.esignon('/JEDOC/Common.do', '1510Q', { workflow_id: deadStart.body.workflow_id, command: 'CANCEL', description: '수신처 점검' });
    await waitFor(
      async () => (await acme.get(`/api/v1/workflows/${deadStart.body.workflow_id}/exports`)).json.events[0]?.status === 'dead',
      'the dead event',
      15_000,
    );
    await page.getByRole('navigation', { name: '콘솔 메뉴' }).getByRole('link', { name: '내보내기' }).click();
    await page.getByRole('heading', { name: '내보내기', exact: true }).waitFor();
    await expect.poll(() => page.locator('.event-card.event-dead').count()).toBe(1);
    expect(await page.locator('.event-card.event-dead .badge').first().textContent()).toBe('실패 (중단)');
    await page.getByRole('button', { name: '비밀값 보기' }).click();
    const secret = (await acme.get('/api/v1/company/webhook-secret')).json.secret;
    await expect.poll(() => page.locator('.secret-value').textContent()).toBe(secret);
    await shot(page, '12-exports-dead-and-secret');
    await expectAccessible(page, 'exports');
    await page.getByRole('button', { name: '숨기기' }).click();
    expect(await page.locator('.secret-value').count()).toBe(0);
    const deadAttempts = received.filter((r) => r.path === '/always-fail').length;
    await page.getByRole('button', { name: '실패한 이벤트 모두 다시 보내기' }).click();
    await expect.poll(() => page.locator('.console-status').textContent()).toBe('실패한 이벤트 1개를 다시 보냅니다.');
    await waitFor(() => received.filter((r) => r.path === '/always-fail').length > deadAttempts, 'the dead event sent again');

    // ── API tokens: made, shown once, revoked ─────────────────────────────
    await page.getByRole('navigation', { name: '콘솔 메뉴' }).getByRole('link', { name: 'API 토큰' }).click();
    await page.getByLabel('이름', { exact: true }).fill('ERP 연동');
    await page.getByRole('button', { name: '토큰 만들기' }).click();
    const token = (await page.locator('.token-created .secret-value').textContent())!;
    // Bodies read to the end: an unread one keeps a connection open, and the server's close waits for it.
    const withToken = () =>
      fetch(`${server.url}/api/v2/workflows/${workflowId}`, { headers: { authorization: `esignon ${token}` } }).then(async (r) => {
        await r.arrayBuffer();
        return r.status;
      });
    expect(await withToken()).toBe(200);
    await shot(page, '13-token-created');
    await page.getByRole('button', { name: '토큰 ERP 연동 폐기' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '폐기' }).click();
    await expect
      .poll(() =>
        page
          .getByRole('row', { name: /ERP 연동/ })
          .locator('.badge')
          .textContent(),
      )
      .toBe('폐기됨');
    expect(await withToken()).toBe(401);
    await shot(page, '14-token-revoked');

    // ── Members: one added, who can then log in ────────────────────────────
    await page.getByRole('navigation', { name: '콘솔 메뉴' }).getByRole('link', { name: '구성원' }).click();
    await page.getByRole('heading', { name: '구성원', exact: true }).waitFor();
    await page.getByLabel('이메일').fill('park.clerk@acme.example.com');
    await page.getByLabel('이름', { exact: true }).fill('박직원');
    await page.getByLabel('역할', { exact: true }).selectOption('member');
    await page.getByLabel('처음 비밀번호').fill('park initial 1');
    await page.getByRole('button', { name: '구성원 추가' }).click();
    await page.getByRole('row', { name: /park\.clerk@acme\.example\.com/ }).waitFor();
    await expect.poll(() => page.locator('.console-status').textContent()).toBe('구성원을 추가했습니다: 박직원');
    expect(await page.getByLabel('박직원의 역할').inputValue()).toBe('member');
    const parkLogin = await fetch(`${server.url}/console/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ company: 'acme', email: 'park.clerk@acme.example.com', password: 'park initial 1' }),
    });
    await parkLogin.arrayBuffer();
    expect(parkLogin.status).toBe(200);
    await shot(page, '14b-members');
    await expectAccessible(page, 'members');

    // ── Other languages, a phone, the keyboard ─────────────────────────────
    await page.goto(`${server.url}/console/contracts/${workflowId}`);
    await page.getByLabel('언어').selectOption('en-US');
    await page.getByRole('heading', { name: 'Signers' }).waitFor();
    await page.locator('.contract-doc .page[data-rendered]').first().waitFor({ timeout: 30_000 });
    await shot(page, '15-contract-en');
    await page.getByLabel('Language').selectOption('ja-JP');
    await page.getByRole('heading', { name: '署名者' }).waitFor();
    await shot(page, '16-contract-ja', false);
    await page.getByLabel('言語').selectOption('ko-KR');

    const phone = await browser.newContext({
      viewport: { width: 360, height: 740 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'ko-KR',
      storageState: await desk.storageState(),
    });
    const phoneWatch = watchContext(phone, [server.url]);
    const mobile = await phone.newPage();
    /** Nothing wider than the phone's screen; the culprits named when there is. */
    const fitsThePhone = async () =>
      expect(
        await mobile.evaluate(() =>
          document.documentElement.scrollWidth <= 360
            ? []
            : [...document.querySelectorAll('body *')]
                .filter((el) => el.getBoundingClientRect().right > 361)
                .map((el) => `${el.tagName}.${el.className}`)
                .slice(0, 5),
        ),
      ).toEqual([]);
    await mobile.goto(`${server.url}/console/contracts`);
    await mobile.getByRole('row', { name: /임대차 계약 \(101호\)/ }).waitFor();
    await fitsThePhone();
    await shot(mobile, '17-phone-contracts');
    await mobile.goto(`${server.url}/console/contracts/${workflowId}`);
    await mobile.locator('.event-card').first().waitFor();
    await fitsThePhone();
    await shot(mobile, '18-phone-contract', false);
    await mobile.locator('#exports-title').scrollIntoViewIfNeeded();
    await shot(mobile, '18b-phone-exports', false);
    expect(phoneWatch.offOrigin).toEqual([]);
    expect(phoneWatch.problems).toEqual([]);
    await phone.close();

    // Keyboard: the skip link and the menu are reached by Tab, with a visible focus ring.
    await page.goto(`${server.url}/console/contracts`);
    await page.getByRole('row').nth(1).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('본문으로 건너뛰기');
    for (let i = 0; i < 12 && (await page.evaluate(() => document.activeElement?.textContent)) !== '서식'; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
    await shot(page, '19-keyboard-focus', false);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '서식', exact: true }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');

    // ── Giving up one's own admin role: asked first, then the console is a member's ──
    await page.getByRole('navigation', { name: '콘솔 메뉴' }).getByRole('link', { name: '구성원' }).click();
    await page.getByLabel('박직원의 역할').selectOption('admin');
    await expect.poll(() => page.locator('.console-status').textContent()).toBe('박직원님은 이제 관리자입니다.');
    const myRole = page.getByLabel('관리자의 역할');
    await myRole.selectOption('member');
    await page.getByRole('dialog', { name: '관리자 역할을 내려놓을까요?' }).getByRole('button', { name: '취소' }).click();
    await expect.poll(() => myRole.inputValue()).toBe('admin');
    await myRole.selectOption('member');
    await page.getByRole('dialog').getByRole('button', { name: '멤버로 바꾸기' }).click();
    // The page starts again as a member's: no API tokens in the menu, no role to change, nobody to add.
    await expect.poll(() => page.locator('header .badge').textContent()).toBe('멤버');
    await page.getByRole('row', { name: /park\.clerk@acme\.example\.com/ }).waitFor();
    expect(await page.getByRole('navigation', { name: '콘솔 메뉴' }).getByRole('link', { name: 'API 토큰' }).count()).toBe(0);
    expect(await page.getByRole('combobox', { name: /의 역할$/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '구성원 추가' }).count()).toBe(0);
    expect(
      await page
        .getByRole('row', { name: new RegExp(acme.email.replace(/\./g, '\\.')) })
        .locator('.badge')
        .allTextContents(),
    ).toContain('멤버');
    expect(
      await page
        .getByRole('row', { name: /park\.clerk@acme\.example\.com/ })
        .locator('.badge')
        .allTextContents(),
    ).toContain('관리자');

    // Logout ends the session: the page goes back to the login.
    await page.getByRole('button', { name: '로그아웃' }).click();
    await page.getByRole('heading', { name: '콘솔 로그인' }).waitFor();
    await page.goto(`${server.url}/console/templates`);
    await page.getByRole('heading', { name: '콘솔 로그인' }).waitFor();

    expect(watched.offOrigin).toEqual([]);
    // Only the expected refusals: no session before login and after logout, the wrong password, the refused start.
    const unexpected = watched.problems.filter(
      (p) =>
        !(/status of 401/.test(p.text) && /\/console\/api\/(session|login)$/.test(p.url)) &&
        !(/status of 400/.test(p.text) && p.url.endsWith('/console/api/contracts')),
    );
    expect(unexpected).toEqual([]);
    await desk.close();
  }, 120_000); // one long walk through the console in a real browser
});
