// The signer on a phone (390×844, touch): the demo contract as a new signer meets it. Labels,
// not field names; the first tap on 서명하기 after typing opens the signature dialog.
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../scripts/build-web.ts';
import { DEMO, seedDemo } from '../src/demo/seed-demo.ts';
import { login } from '../src/accounts/access-tokens.ts';
import { CHROMIUM, CHROMIUM_ARGS, expectAccessible } from './console-support/browser-watch.ts';
import { startTestServer, type TestServer } from './support/dojang-server.ts';
import { DojangClient } from '../src/client/dojang-client.ts';

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true, locale: 'ko-KR' };

describe('the signing page on a phone', () => {
  let server: TestServer;
  let browser: Browser;
  let client: DojangClient;
  let docId: string;

  beforeAll(async () => {
    await buildWeb();
    server = await startTestServer('sqlite');
    const demo = await seedDemo(server.dojang.ctx);
    docId = String(demo.templateId);
    const session = await login(server.dojang.ctx, DEMO.company, DEMO.email, DEMO.password);
    client = new DojangClient({ baseUrl: server.url, token: session!.token });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A demo contract in embed mode; answers step 1's signing page. */
  async function contract(): Promise<string> {
    const answer = await client.startsimple(DEMO.company, {
      workflow_name: '휴대폰 계약',
      doc_id: docId,
      player_list: [
        { field_owner: '1', email: 'kim@example.com', name: '김철수' },
        { field_owner: '2', email: DEMO.email, name: '도장 담당자' },
      ],
      export_api_info: { api_type: 'ALL', url: 'http://127.0.0.1:9/exports', request_code: 'embed' },
    });
    expect(answer.header.result_code, answer.header.result_msg).toBe('00');
    return String(answer.body.play_url);
  }

  async function openOnPhone(url: string): Promise<Page> {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(url);
    return page;
  }

  it('shows labels, not field names, and opens the signature dialog with the first tap after typing', async () => {
    const page = await openOnPhone(await contract());
    const name = page.getByLabel('고객 성명', { exact: true });
    await name.waitFor();
    expect(await page.getByLabel('customer_name').count()).toBe(0);
    await name.tap();
    await name.fill('김철수');
    // One tap, straight from the text box: the dialog opens.
    await page.getByRole('button', { name: '고객 서명: 서명하기' }).tap();
    await expect.poll(() => page.getByRole('heading', { name: '고객 서명' }).isVisible(), { timeout: 3000 }).toBe(true);
    await expectAccessible(page, 'signature dialog on a phone');
    await page.context().close();
  });

  it('keeps what the signer typed across a reload (saved as they go, before approving)', async () => {
    const page = await openOnPhone(await contract());
    const name = page.getByLabel('고객 성명', { exact: true });
    await name.waitFor();
    await name.fill('김철수');
    await page.getByLabel('고객 연락처', { exact: true }).fill('010-2345-6789');
    // Saved a second after the signer stops typing.
    await expect.poll(() => server.dojang.ctx.db.selectFrom('sign_drafts').select('field_values').execute().then((rows) => rows.some((r) => r.field_values.includes('010-2345-6789'))), { timeout: 5000 }).toBe(true);
    await page.reload();
    await expect.poll(() => page.getByLabel('고객 성명', { exact: true }).inputValue()).toBe('김철수');
    expect(await page.getByLabel('고객 연락처', { exact: true }).inputValue()).toBe('010-2345-6789');
    await page.context().close();
  });
});
