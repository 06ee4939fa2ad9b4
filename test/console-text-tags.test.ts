// The console's template editor and a PDF's text tags ({{고객 서명;type=sign;step=1}}), in a
// real browser (Debian's chromium through playwright-core) against a real server, on both
// databases. A member chooses a contract printed from HTML with tags: the editor reads them (POST
// /console/api/templates/text-tags), shows the PDF without the tags' text and a box per tag,
// with two steps since a tag names step 2; undo takes the tags' boxes away as one change and redo
// brings them back; a box is nudged with the keys; the saved template has every box where its tag
// stood, and its PDF none of the tags' text; choosing the document again for the saved template
// puts each tag's box in place of the box of its name. A scan says plainly that it has no tags;
// tags that cannot be used are listed by page, quoting each. The call itself (on a PDF drawn with
// tags on three pages): stores nothing, needs the session and its CSRF token, names each problem
// by page.
// Screenshots go to test-results/console-text-tags/<database>/.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../scripts/build-web.ts';
import { pdfToText } from '../src/documents/test-support/poppler.ts';
import { chromiumContract, drawnContract, scannedCopy, type TaggedPdf } from '../src/templates/test-support/tagged-pdfs.ts';
import { CHROMIUM, CHROMIUM_ARGS, expectAccessible, watchContext } from './console-support/browser-watch.ts';
import { consoleFetch, consoleLogin, type ConsoleClient } from './console-support/console-client.ts';
import { testDatabases } from './support/databases.ts';
import { startTestServer, type TestCompany, type TestServer } from './support/dojang-server.ts';

const SHOTS = path.resolve('test-results/console-text-tags');
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

interface SavedField {
  name: string;
  type: string;
  owner: number;
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A one-page PDF whose tags cannot be used: an unknown option, and an unknown type. */
async function badTagsPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595.28, 841.89]);
  page.drawText('Signature: {{sign;colour=red}}', { x: 60, y: 760, size: 12, font });
  page.drawText('Stamp: {{seal;type=stamp}}', { x: 60, y: 730, size: 12, font });
  return doc.save();
}

let drawn: TaggedPdf;
let printed: TaggedPdf;
let scan: Uint8Array;
let badTags: Uint8Array;
beforeAll(async () => {
  [drawn, printed, badTags] = await Promise.all([drawnContract(), chromiumContract(), badTagsPdf(), buildWeb()]);
  scan = await scannedCopy(drawn.pdf);
});

describe.each(testDatabases())("the editor reads a PDF's text tags on %s", (kind) => {
  let server: TestServer;
  let browser: Browser;
  let acme: TestCompany;
  let client: ConsoleClient;
  const shots = path.join(SHOTS, kind);
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: false });

  beforeAll(async () => {
    await mkdir(shots, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    server = await startTestServer(kind);
    acme = await server.company('acme', { name: '에이크미 부동산' });
    client = await consoleLogin(server.url, 'acme', acme.email, acme.password);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A logged-in editor for a new template, in Korean. */
  async function newTemplateEditor(): Promise<{ page: Page; done: () => Promise<void> }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ko-KR' });
    const watched = watchContext(context, [server.url]);
    const page = await context.newPage();
    await page.goto(`${server.url}/console`);
    await page.getByLabel('회사 ID').fill('acme');
    await page.getByLabel('이메일').fill(acme.email);
    await page.getByLabel('비밀번호').fill(acme.password);
    await page.getByRole('button', { name: '로그인' }).click();
    await page.getByRole('heading', { name: '계약', exact: true }).waitFor();
    await page.getByRole('navigation', { name: '콘솔 메뉴' }).getByRole('link', { name: '서식' }).click();
    await page.getByRole('link', { name: '새 서식' }).click();
    await page.getByRole('heading', { name: '새 서식' }).waitFor();
    return {
      page,
      async done() {
        expect(watched.offOrigin).toEqual([]);
        // Only the expected refusals: no session before login, the tags that cannot be used.
        const unexpected = watched.problems.filter(
          (p) =>
            !(/status of 401/.test(p.text) && p.url.endsWith('/console/api/session')) &&
            !(/status of 400/.test(p.text) && p.url.endsWith('/console/api/templates/text-tags')),
        );
        expect(unexpected).toEqual([]);
        await context.close();
      },
    };
  }

  const choosePdf = (page: Page, name: string, pdf: Uint8Array) =>
    page.locator('input[type=file]').setInputFiles({ name, mimeType: 'application/pdf', buffer: Buffer.from(pdf) });

  it('answers the boxes and the PDF without the tags, stores nothing, and keeps to the console rules', async () => {
    const route = '/console/api/templates/text-tags';
    const read = await client.post(route, { pdf: base64(drawn.pdf) });
    expect(read.status).toBe(200);
    expect(read.json.steps).toBe(2);
    expect(read.json.fields.map((f: SavedField) => f.name).sort()).toEqual(drawn.tags.map((t) => t.name).sort());
    expect(read.json.fields.find((f: SavedField) => f.name === '회사명')).toMatchObject({ type: 'LabelBox', owner: 0, default: '도장 주식회사', group: null });
    const cleaned = await pdfToText(Buffer.from(read.json.pdf, 'base64'));
    expect(cleaned).toContain('근로 계약서');
    expect(cleaned).not.toContain('{{');
    // Steps asked for are kept when the tags need fewer.
    expect((await client.post(route, { pdf: base64(drawn.pdf), steps: 3 })).json.steps).toBe(3);

    // A scan: no boxes, nothing to take out; not a refusal.
    expect(await client.post(route, { pdf: base64(scan), steps: 2 })).toMatchObject({ status: 200, json: { steps: 2, fields: [], pdf: null } });

    // Tags that cannot be used: each problem named by its page, quoting the tag, in the caller's language.
    const refused = await client.request('POST', route, { pdf: base64(badTags) }, { 'accept-language': 'en' });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.json.errors.map((e: { field: string }) => e.field)).toEqual(['pdf.pages[1]', 'pdf.pages[1]']);
    expect(refused.json.errors.map((e: { message: string }) => e.message).join('\n')).toMatch(/\{\{sign;colour=red\}\}[\s\S]*\{\{seal;type=stamp\}\}/);
    expect((await client.post(route, { pdf: base64(new TextEncoder().encode('not a pdf')) })).status).toBe(400);

    // The session and its CSRF token, as every change of the console.
    expect((await consoleFetch(server.url, 'POST', route, { body: { pdf: base64(drawn.pdf) } })).status).toBe(401);
    expect((await consoleFetch(server.url, 'POST', route, { body: { pdf: base64(drawn.pdf) }, headers: { cookie: client.cookie } })).status).toBe(403);
    // Nothing was stored.
    expect((await client.get('/console/api/templates')).json.templates).toEqual([]);
  });

  it('takes the boxes into the editor, undoably, and saves them', async () => {
    const { page, done } = await newTemplateEditor();
    await choosePdf(page, '용역계약서.pdf', printed.pdf);
    const n = printed.tags.length;
    await page.getByText(`텍스트 태그에서 상자 ${n}개를 읽고, 태그 글자는 PDF에서 지웠습니다.`).waitFor({ timeout: 15_000 });
    await expect.poll(() => page.locator('.ebox').count()).toBe(n);
    expect(await page.locator('.box-list-item').count()).toBe(n);
    expect(await page.locator('h2', { hasText: '모든 상자' }).textContent()).toContain(`(${n})`);
    await expect.poll(() => page.locator('.box-list').textContent()).toContain('고객 서명: 서명, 1단계');
    expect(await page.getByLabel('서명 단계 수').inputValue()).toBe('2');
    expect(await page.getByLabel('서식 이름').inputValue()).toBe('용역계약서');
    await page.locator('.editor-pages .page[data-rendered]').first().waitFor();
    await shot(page, 'tags-read');
    await expectAccessible(page, 'editor with text tags read');

    // One change to undo: every tag's box goes, and comes back.
    await page.getByRole('button', { name: '실행 취소' }).click();
    await expect.poll(() => page.locator('.ebox').count()).toBe(0);
    await page.getByRole('button', { name: '다시 실행' }).click();
    await expect.poll(() => page.locator('.ebox').count()).toBe(n);

    // Adjusted as any box: chosen from the list, nudged 1 pt right with the key.
    await page.locator('.box-list-item', { hasText: '금액:' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('금액: 텍스트, 2단계, 필수');
    await page.keyboard.press('ArrowRight');

    await page.getByRole('button', { name: '저장', exact: true }).click();
    await expect.poll(() => page.locator('.console-status').textContent(), { timeout: 10_000 }).toMatch(/^서식을 만들었습니다 \(#\d+\)\.$/);
    const templateId = new URL(page.url()).pathname.split('/').pop()!;
    const saved = (await client.get(`/console/api/templates/${templateId}`)).json;
    expect(saved.steps).toBe(2);
    expect(saved.fields.map((f: SavedField) => f.name).sort()).toEqual(printed.tags.map((t) => t.name).sort());
    for (const tag of printed.tags) {
      const field = saved.fields.find((f: SavedField) => f.name === tag.name) as SavedField;
      const nudged = tag.name === '금액' ? 1 : 0;
      expect(field.page, tag.name).toBe(tag.page);
      expect(Math.abs(field.x - (tag.box.x + nudged)), `${tag.name}.x`).toBeLessThanOrEqual(1);
      expect(Math.abs(field.y - tag.box.y), `${tag.name}.y`).toBeLessThanOrEqual(1);
    }
    expect(saved.fields.find((f: SavedField) => f.name === '금액')).toMatchObject({ owner: 2, required: true, label: '계약 금액' });
    // The PDF stored is the one without the tags' text.
    const pdf = await fetch(`${server.url}/console/api/templates/${templateId}/document.pdf`, { headers: { cookie: client.cookie } });
    const text = await pdfToText(new Uint8Array(await pdf.arrayBuffer()));
    expect(text).toContain('고객 서명:');
    expect(text).not.toContain('{{');
    await page.locator('.editor-pages .page[data-rendered]').first().waitFor();
    await shot(page, 'tags-saved');

    // The saved template's PDF replaced by the document again: each tag's box takes the place of the box of its name.
    await page.getByRole('heading', { name: `용역계약서 (#${templateId})` }).waitFor();
    await choosePdf(page, '용역계약서 (수정).pdf', printed.pdf);
    await page.getByText(`이름이 같은 기존 상자 ${n}개는 태그의 상자로 바꿨습니다.`).waitFor({ timeout: 15_000 });
    await expect.poll(() => page.locator('.ebox').count()).toBe(n);
    await page.locator('.box-list-item', { hasText: '금액:' }).click();
    const tagX = printed.tags.find((t) => t.name === '금액')!.box.x;
    expect(Math.abs(Number(await page.getByRole('complementary').getByLabel('X', { exact: true }).inputValue()) - tagX)).toBeLessThanOrEqual(0.5);
    await done();
  });

  it('says plainly that a scan has no tags, and lists tags that cannot be used by page', async () => {
    const { page, done } = await newTemplateEditor();
    await choosePdf(page, '스캔본.pdf', scan);
    await page.getByText('이 PDF에서 텍스트 태그({{이름;type=sign;step=1}})를 찾지 못했습니다').waitFor({ timeout: 15_000 });
    expect(await page.locator('.alert-box').textContent()).toBe('');
    expect(await page.locator('.ebox').count()).toBe(0);
    await page.locator('.editor-pages .page[data-rendered]').first().waitFor();
    await shot(page, 'scan-no-tags');

    await choosePdf(page, 'bad-tags.pdf', badTags);
    const problems = page.locator('.alert-box');
    await problems.getByText('텍스트 태그를 쓸 수 없어 상자를 만들지 않았습니다.').waitFor({ timeout: 15_000 });
    const items = problems.locator('.problem-list li');
    expect(await items.count()).toBe(2);
    expect(await items.nth(0).textContent()).toMatch(/^1쪽 \{\{sign;colour=red\}\}: /);
    expect(await items.nth(1).textContent()).toMatch(/^1쪽 \{\{seal;type=stamp\}\}: /);
    // The line about the scan is gone; no box was made; saving is open again.
    expect(await page.getByText('찾지 못했습니다').count()).toBe(0);
    expect(await page.locator('.ebox').count()).toBe(0);
    expect(await page.getByRole('button', { name: '저장', exact: true }).isEnabled()).toBe(true);
    await shot(page, 'tags-refused');
    await expectAccessible(page, 'editor with text tag problems');
    await done();
  });
});
