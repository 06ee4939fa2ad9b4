// A signer opening a fresh signing link on a mid phone: Chromium emulating a 390×844 touch
// screen (device pixel ratio 2.75) with its CPU slowed 4×, over 4G (9 Mbps down, 170 ms round
// trip) and 3G (1.6 Mbps, 300 ms). Reported, median of several tries: when the first page of
// the document is on screen, when the first box can be typed into, and the bytes that crossed
// the network; on a first visit (empty cache) and a repeat one (the same link reopened).
// Dojang runs in a process of its own, as `npm start` runs it, with the demo contract (3 pages,
// Korean). The throttling is set on the page's DevTools target and on every worker it starts
// (the page starts none: the count is printed). The floor, measured the same way: a page of a
// few bytes from a bare node:http server, one request, nothing to run: what the network alone
// costs. Targets: ready ≤ 1.0 s on 4G, ≤ 2.0 s on 3G; ≤ 250 KB first visit, ≤ 30 KB repeat.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { buildWeb } from '../scripts/build-web.ts';
import { makeSampleContractPdf } from '../src/demo/sample-contract.ts';
import { ok, connectDojang, type DojangClient } from './support/bench-contracts.ts';
import { BENCH_COMPANY, startChildDojang } from './support/child-dojang.ts';
import { startExportReceiver } from './support/export-receiver.ts';
import { CHROMIUM as DEBIAN_CHROMIUM, CHROMIUM_ARGS } from '../test/support/chromium.ts';
import { fixed, median, table } from './support/stats.ts';

const TRIES = Number(process.env.BENCH_PHONE_TRIES ?? 5);
const CHROMIUM = process.env.CHROMIUM_PATH ?? DEBIAN_CHROMIUM;
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2.75, isMobile: true, hasTouch: true, locale: 'ko-KR' };
const CPU_SLOWDOWN = 4;
/** BENCH_PHONE_DETAIL=1 lists every request of every visit, with its bytes. */
const DETAIL = process.env.BENCH_PHONE_DETAIL === '1';

interface Network {
  name: string;
  /** Bits per second down, and up. */
  down: number;
  up: number;
  /** Round trip, ms. */
  rttMs: number;
  targetMs: number;
}

const NETWORKS: Network[] = [
  { name: '4G', down: 9_000_000, up: 3_000_000, rttMs: 170, targetMs: 1000 },
  { name: '3G', down: 1_600_000, up: 750_000, rttMs: 300, targetMs: 2000 },
];
const FIRST_VISIT_TARGET = 250 * 1024;
const REPEAT_VISIT_TARGET = 30 * 1024;
/** Measured before page images, hashed assets and compression (pdf.js in the page). */
const BEFORE: Record<string, string> = { '4G': '2.3 s', '3G': '5.0 s' };

const log = (message: string) => process.stderr.write(`[phone-signing] ${message}\n`);

/** Times (ms from navigation start) the page notes for itself: the first page image shown, the first box ready. */
const MARK_READINESS = `
  window.__dojang = {};
  const note = (key) => { if (window.__dojang[key] === undefined) requestAnimationFrame(() => { window.__dojang[key] ??= performance.now(); }); };
  new MutationObserver(() => {
    if (document.querySelector('.page[data-rendered]')) note('page');
    const box = document.querySelector('.sheet-input, .sheet-choice input, .sheet-image, .box.editable input, .box.editable button');
    if (box && !box.disabled) note('box');
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-rendered'] });
`;

interface Visit {
  pageMs: number;
  boxMs: number;
  readyMs: number;
  bytes: number;
  requests: number;
  workers: number;
}

/** Throttles a DevTools target: the network always, the CPU when it is the page. */
async function throttle(session: CDPSession, network: Network, cpu: boolean): Promise<void> {
  await session.send('Network.enable');
  await session.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: network.rttMs,
    downloadThroughput: network.down / 8,
    uploadThroughput: network.up / 8,
  });
  if (cpu) await session.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
}

/** Opens `url` in the context's page, throttled, and answers when both marks are in. */
async function visit(context: BrowserContext, page: Page, url: string, network: Network, ready: (page: Page) => Promise<void>): Promise<Visit> {
  const session = await context.newCDPSession(page);
  await throttle(session, network, true);
  let workers = 0;
  page.on('worker', async (worker) => {
    workers++;
    // Throttle what a worker fetches too (the page starts none today; this keeps the measure honest if one comes back).
    const workerSession = await context.newCDPSession(worker as unknown as Page).catch(() => null);
    if (workerSession) await throttle(workerSession, network, false).catch(() => {});
  });
  let bytes = 0;
  let requests = 0;
  const urls = new Map<string, string>();
  session.on('Network.requestWillBeSent', (event: { requestId: string; request: { url: string } }) => urls.set(event.requestId, event.request.url));
  session.on('Network.loadingFinished', (event: { requestId: string; encodedDataLength: number }) => {
    bytes += event.encodedDataLength;
    requests++;
    if (DETAIL) log(`${network.name} ${String(event.encodedDataLength).padStart(7)} B  ${urls.get(event.requestId)?.replace(/token=[^&]+|sign\/[^/?]+/, '…')}`);
  });
  const started = Date.now();
  await page.goto(url, { waitUntil: 'commit' });
  await ready(page);
  const marks = await page.evaluate(() => (window as unknown as { __dojang: { page?: number; box?: number } }).__dojang);
  // Whatever the page still fetches after it is ready (the later pages' images, as they near) is not counted.
  await session.detach();
  if (Date.now() - started > 60_000) log(`slow visit: ${Date.now() - started} ms`);
  return { pageMs: marks.page ?? NaN, boxMs: marks.box ?? NaN, readyMs: Math.max(marks.page ?? NaN, marks.box ?? NaN), bytes, requests, workers };
}

const signingReady = async (page: Page): Promise<void> => {
  await page.waitForFunction(
    () => {
      const marks = (window as unknown as { __dojang?: { page?: number; box?: number } }).__dojang;
      return marks?.page !== undefined && marks.box !== undefined;
    },
    undefined,
    { timeout: 60_000, polling: 100 },
  );
};

/** The floor: a few bytes of HTML from a bare server, through the same throttling. */
async function startFloor(): Promise<{ url: string; close(): void }> {
  const server = createServer((_request, response) =>
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>floor</title><p class="floor">ready</p>'),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => server.close() };
}

const floorReady = async (page: Page) => {
  await page.waitForSelector('.floor');
  await page.evaluate(
    () =>
      new Promise((resolve) =>
        requestAnimationFrame(() => {
          (window as unknown as { __dojang: Record<string, number> }).__dojang = { page: performance.now(), box: performance.now() };
          resolve(null);
        }),
      ),
  );
};

async function main(): Promise<void> {
  await buildWeb();
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'dojang-bench-phone-'));
  const dojang = await startChildDojang({ DATABASE_URL: `sqlite:${path.join(dataDir, 'dojang.db')}`, DATA_DIR: dataDir });
  const receiver = await startExportReceiver();
  const floor = await startFloor();
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const client = await connectDojang(dojang.url);
    const sample = await makeSampleContractPdf();
    const upload = await client.createTemplate({
      name: '서비스 이용 계약서',
      steps: 2,
      pdf: Buffer.from(sample.pdf).toString('base64'),
      fields: sample.fields,
    });
    if (upload.status !== 201) throw new Error(`template upload failed: ${upload.status} ${JSON.stringify(upload.json)}`);
    const docId = upload.json.doc_id;
    let n = 0;
    const freshLink = async (c: DojangClient) => {
      const body = ok(
        '5005Q',
        await c.startsimple(BENCH_COMPANY.id, {
          workflow_name: `휴대폰 벤치 ${++n}`,
          doc_id: docId,
          player_list: [
            { field_owner: '1', email: `signer${n}@example.com`, name: '김철수' },
            { field_owner: '2', email: BENCH_COMPANY.email, name: '도장 담당자' },
          ],
          export_api_info: { api_type: 'ALL', url: receiver.url, request_code: 'embed' },
        }),
      );
      return String(body.play_url);
    };
    // The page images are drawn once per template, at creation or on first use: warm them, as a
    // real template is warm after its first signer, so that the figures are the phone's, not the first render's.
    const warm = await browser.newContext(PHONE);
    const warmPage = await warm.newPage();
    await warmPage.addInitScript(MARK_READINESS);
    await warmPage.goto(await freshLink(client));
    await signingReady(warmPage);
    await warm.close();

    const rows: string[][] = [];
    const summary: string[] = [];
    for (const network of NETWORKS) {
      const floors: Visit[] = [];
      const firsts: Visit[] = [];
      const repeats: Visit[] = [];
      for (let i = 0; i < TRIES; i++) {
        const floorContext = await browser.newContext(PHONE);
        const floorPage = await floorContext.newPage();
        floors.push(await visit(floorContext, floorPage, floor.url, network, floorReady));
        await floorContext.close();

        const context = await browser.newContext(PHONE);
        const page = await context.newPage();
        await page.addInitScript(MARK_READINESS);
        const url = await freshLink(client);
        firsts.push(await visit(context, page, url, network, signingReady));
        await page.goto('about:blank');
        repeats.push(await visit(context, page, url, network, signingReady));
        await context.close();
      }
      const line = (what: string, visits: Visit[], target: string) => {
        const ready = median(visits.map((v) => v.readyMs));
        rows.push([
          network.name,
          what,
          `${fixed(median(visits.map((v) => v.pageMs)), 0)} ms`,
          `${fixed(median(visits.map((v) => v.boxMs)), 0)} ms`,
          `${fixed(ready, 0)} ms`,
          `${fixed(ready / median(floors.map((v) => v.readyMs)), 1)}×`,
          `${fixed(median(visits.map((v) => v.bytes)) / 1024, 1)} KiB`,
          String(median(visits.map((v) => v.requests))),
          String(Math.max(...visits.map((v) => v.workers))),
          target,
        ]);
        return ready;
      };
      line('floor (bare page)', floors, '');
      const first = line('first visit', firsts, `≤ ${network.targetMs} ms, ≤ 250 KiB`);
      const repeat = line('repeat visit', repeats, `≤ ${network.targetMs} ms, ≤ 30 KiB`);
      const firstBytes = median(firsts.map((v) => v.bytes));
      const repeatBytes = median(repeats.map((v) => v.bytes));
      summary.push(
        `${network.name}: ready ${fixed(first, 0)} ms first visit, ${fixed(repeat, 0)} ms repeat (target ≤ ${network.targetMs} ms: ${first <= network.targetMs && repeat <= network.targetMs ? 'met' : 'NOT met'}); ` +
          `${fixed(firstBytes / 1024, 1)} KiB / ${fixed(repeatBytes / 1024, 1)} KiB (targets ≤ 250 / ≤ 30 KiB: ${firstBytes <= FIRST_VISIT_TARGET && repeatBytes <= REPEAT_VISIT_TARGET ? 'met' : 'NOT met'}); before: ${BEFORE[network.name]}`,
      );
    }
    console.log(
      `A fresh signing link on a mid phone (390×844, DPR 2.75, CPU ${CPU_SLOWDOWN}× slower), median of ${TRIES}; "× floor" is against a bare page through the same network`,
    );
    console.log(table(['net', 'visit', 'first page', 'first box', 'ready', '× floor', 'bytes', 'requests', 'workers', 'target'], rows));
    console.log('');
    for (const line of summary) console.log(line);
  } finally {
    await browser.close();
    floor.close();
    await receiver.close();
    await dojang.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

await main();
