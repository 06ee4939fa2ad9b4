// Responsiveness while PDFs are made: a cheap authenticated call (GET /api/v1/company/webhook-
// secret: the token checked, one row read) timed one at a time on an idle Dojang, then again,
// the same way, while 200 contracts complete: each is started and approved over HTTP, 20 a second
// (about what one PDF thread turns into sealed documents here), and each completion queues the
// document job that fills the sample contract (3 pages, Korean, images), seals it (RSA 3072),
// renders the history certificate and seals that. Dojang runs in a process of its own, on
// SQLite, as `npm start` runs it; its PDF work happens on its PDF worker threads. The contracts
// are driven from a worker thread of this process, so that the probe's own event loop is not
// what is measured. Target: the call's p99 under load under 2× its idle p99, in the same run.
// For comparison, the same number approved flat out (8 at a time): there the cheap call also
// queues behind the approvals themselves, which is load, not PDF work.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { makeSampleContractPdf } from '../src/demo/sample-contract.ts';
import { sampleContractValues } from '../src/documents/test-support/sample-values.ts';
import { startChildDojang, BENCH_COMPANY } from './support/child-dojang.ts';
import { connectDojang, type DojangClient } from './support/bench-contracts.ts';
import { processUsage } from './support/process-usage.ts';
import { fixed, quantile, table } from './support/stats.ts';

const CONTRACTS = Number(process.env.BENCH_RESPONSIVENESS_CONTRACTS ?? 200);
/** Completions a second in the paced run. */
const PACE = 20;
const IDLE_CALLS = 1000;
/** Time between two probes, so the probe is a steady trickle rather than a load of its own. */
const PROBE_GAP_MS = 5;
const CHEAP_CALL = '/api/v1/company/webhook-secret';

const log = (message: string) => process.stderr.write(`[responsiveness] ${message}\n`);

/** The cheap call, timed (ms). */
async function cheapCall(client: DojangClient): Promise<number> {
  const started = performance.now();
  const answer = await client.request('GET', CHEAP_CALL);
  const took = performance.now() - started;
  if (answer.status !== 200) throw new Error(`GET ${CHEAP_CALL} answered ${answer.status} ${JSON.stringify(answer.json)}`);
  return took;
}

/**
 * Completes contracts on a worker thread, in plain JavaScript over fetch: start (5005Q) in embed
 * mode with exports to a receiver on the same thread, approve (5010Q), then waits until every
 * one's documents are ready. Posts {approved} when the approvals are done and {ready} at the end.
 */
const DRIVER = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { url, token, company, docId, fieldList, count, first, pace, documents } = workerData;
// The integrator's receiver: every export answered at once.
const receiver = http.createServer((request, response) => { request.resume(); request.on('end', () => response.end('ok')); });
const call = async (method, path, body) => {
  const response = await fetch(url + path, { method, headers: { authorization: 'esignon ' + token, 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
  const json = await response.json();
  if (json.header && json.header.result_code !== '00') throw new Error(path + ': ' + JSON.stringify(json.header));
  return json;
};
const complete = async (n) => {
  const started = await call('POST', '/api/' + company + '/startsimple', { header: { request_code: '5005Q' }, body: { workflow_name: '응답성 계약 ' + n, doc_id: docId, player_list: [{ field_owner: '1', email: 'signer' + n + '@example.com', name: '홍길동' }].concat(documents ? [] : [{ field_owner: '2', email: '010-2345-6789', name: '이영희' }]), export_api_info: { api_type: 'ALL', url: 'http://127.0.0.1:' + receiver.address().port + '/exports', request_code: 'embed' } } });
  const id = started.body.workflow_id;
  await call('POST', '/api/' + company + '/action', { header: { request_code: '5010Q' }, body: { memb_email: 'signer' + n + '@example.com', action_id: '1', workflow_id: id, command: 'CF', comment: '', field_list: fieldList } });
  return id;
};
(async () => {
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const ids = [];
  if (pace > 0) {
    const pending = [];
    for (let i = 0; i < count; i++) {
      pending.push(complete(first + i).then((id) => ids.push(id)));
      await new Promise((r) => setTimeout(r, 1000 / pace));
    }
    await Promise.all(pending);
  } else {
    let next = 0;
    await Promise.all(Array.from({ length: 8 }, async () => { while (next < count) ids.push(await complete(first + next++)); }));
  }
  parentPort.postMessage({ approved: true });
  for (const id of documents ? ids : []) {
    for (;;) {
      const info = await call('GET', '/api/v2/workflows/' + id);
      const state = info.body.documents && info.body.documents.state;
      if (state === 'ready') break;
      if (state === 'refused' || state === 'failed') throw new Error('the documents of workflow ' + id + ' are ' + state);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  parentPort.postMessage({ ready: true });
  receiver.close();
})().catch((error) => parentPort.postMessage({ error: String(error && error.stack || error) }));
`;

interface LoadRun {
  all: number[];
  approving: number[];
  documentsOnly: number[];
  approvalsMs: number;
  totalMs: number;
  cpuMs: number;
}

async function main(): Promise<void> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'dojang-bench-'));
  const dojang = await startChildDojang({ DATABASE_URL: `sqlite:${path.join(dataDir, 'dojang.db')}`, DATA_DIR: dataDir });
  try {
    const client = await connectDojang(dojang.url);
    const probe = await connectDojang(dojang.url);
    const sample = await makeSampleContractPdf({ withAppendix: true });
    // One signer fills every box, so that one approval completes the contract.
    const fields = sample.fields.map((f) => ({ ...f, owner: f.type === 'LabelBox' ? 0 : 1 }));
    const upload = await client.createTemplate({ name: '서비스 이용 계약서', steps: 1, pdf: Buffer.from(sample.pdf).toString('base64'), fields });
    if (upload.status !== 201) throw new Error(`template upload failed: ${upload.status} ${JSON.stringify(upload.json)}`);
    const values = sampleContractValues();
    const fieldList = fields.filter((f) => f.type !== 'LabelBox').map((f) => ({ field_name: f.name, field_value: values[f.name] ?? '' }));
    const token = client.token!;

    // The control: the same calls on a two-step template whose step 1 is approved, so nothing completes and no PDF is made.
    const control = await client.createTemplate({
      name: '서비스 이용 계약서 (2단계)',
      steps: 2,
      pdf: Buffer.from(sample.pdf).toString('base64'),
      fields: [...fields, { name: 'countersign', type: 'TextBox', owner: 2, required: false, page: 1, x: 40, y: 40, width: 100, height: 20 }],
    });
    if (control.status !== 201) throw new Error(`template upload failed: ${control.status} ${JSON.stringify(control.json)}`);

    /** Approves `count` contracts' step 1 from a worker thread (`pace` a second, or 0: flat out) while the probe trickles here; with `documents`, they complete and the run lasts until their documents are ready. */
    const underLoad = async (count: number, first: number, pace: number, documents = true): Promise<LoadRun> => {
      const cpuBefore = processUsage(dojang.pid).cpuMs;
      const startedAt = performance.now();
      let approvalsMs = Number.POSITIVE_INFINITY;
      let ready = false;
      const docId = documents ? upload.json.doc_id : control.json.doc_id;
      const driver = new Worker(DRIVER, {
        eval: true,
        workerData: { url: dojang.url, token, company: BENCH_COMPANY.id, docId, fieldList, count, first, pace, documents },
      });
      const finished = new Promise<void>((resolve, reject) => {
        driver.on('message', (message: { approved?: boolean; ready?: boolean; error?: string }) => {
          if (message.error) reject(new Error(message.error));
          if (message.approved) approvalsMs = performance.now() - startedAt;
          if (message.ready) resolve();
        });
        driver.on('error', reject);
      }).finally(() => (ready = true));
      const probes: { at: number; ms: number }[] = [];
      while (!ready) {
        const at = performance.now() - startedAt;
        probes.push({ at, ms: await cheapCall(probe) });
        await new Promise((resolve) => setTimeout(resolve, PROBE_GAP_MS));
      }
      await finished;
      await driver.terminate();
      return {
        all: probes.map((p) => p.ms),
        approving: probes.filter((p) => p.at < approvalsMs).map((p) => p.ms),
        documentsOnly: probes.filter((p) => p.at >= approvalsMs).map((p) => p.ms),
        approvalsMs,
        totalMs: performance.now() - startedAt,
        cpuMs: processUsage(dojang.pid).cpuMs - cpuBefore,
      };
    };

    log('warming up: one contract completed with its documents');
    await underLoad(1, 0, 0);
    for (let i = 0; i < 200; i++) await cheapCall(probe);
    // Let the warm-up's PDF thread go idle, as on a quiet server.
    await new Promise((resolve) => setTimeout(resolve, 1000));

    log(`idle: the cheap call ${IDLE_CALLS} times, one at a time`);
    const idle: number[] = [];
    for (let i = 0; i < IDLE_CALLS; i++) {
      idle.push(await cheapCall(probe));
      await new Promise((resolve) => setTimeout(resolve, PROBE_GAP_MS));
    }
    log(`control: ${CONTRACTS} two-step contracts approved at step 1, ${PACE} a second (the same calls, no documents)`);
    const withoutPdfs = await underLoad(CONTRACTS, 10_001, PACE, false);
    // The ceiling: the same calls while a process at the PDF threads' priority (nice 19) spins on
    // one CPU, as they do while sealing, without touching Dojang at all. No way of making the PDFs
    // on this machine can do better than this.
    log('ceiling: the same calls beside a nice-19 process spinning on one CPU');
    const spinner = spawn('nice', ['-n', '19', process.execPath, '-e', 'for (;;) {}'], { stdio: 'ignore' });
    const beside = await underLoad(CONTRACTS, 20_001, PACE, false);
    spinner.kill('SIGKILL');
    log(`load: ${CONTRACTS} contracts completed, ${PACE} a second, the cheap call trickling alongside until every document is ready`);
    const paced = await underLoad(CONTRACTS, 1, PACE);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    log(`load: ${CONTRACTS} more, flat out (8 at a time)`);
    const burst = await underLoad(CONTRACTS, CONTRACTS + 1, 0);

    const row = (name: string, times: number[]) => [
      name,
      String(times.length),
      `${fixed(quantile(times, 0.5), 2)} ms`,
      `${fixed(quantile(times, 0.99), 2)} ms`,
      `${fixed(Math.max(...times), 1)} ms`,
      `${fixed(quantile(times, 0.99) / quantile(idle, 0.99), 2)}×`,
    ];
    const ratio = quantile(paced.all, 0.99) / quantile(idle, 0.99);
    const out: string[] = [];
    out.push(
      `Responsiveness while PDFs are made: GET ${CHEAP_CALL}, one call at a time (${PROBE_GAP_MS} ms apart), on an idle Dojang and while ${CONTRACTS} contracts complete.`,
    );
    out.push(
      `Each completion: 5005Q + 5010Q, then the document job (the sample contract, ${sample.fields.length} fields, filled; sealed with RSA 3072; history certificate rendered and sealed) on Dojang's PDF worker threads.`,
    );
    out.push(
      `Machine: ${os.cpus().length} CPUs (shared by Dojang and this bench), load average ${os
        .loadavg()
        .map((n) => n.toFixed(1))
        .join(' ')}. SQLite, Dojang in its own process.`,
    );
    out.push('');
    out.push(
      table(
        ['', 'calls', 'p50', 'p99', 'max', 'p99 / idle p99'],
        [
          row('idle', idle),
          row(`while ${CONTRACTS} contracts are approved at step 1 of 2, ${PACE} a second (no PDFs)`, withoutPdfs.all),
          row('  the same, beside a nice-19 process spinning on one CPU (the ceiling)', beside.all),
          row(`while ${CONTRACTS} contracts complete, ${PACE} a second`, paced.all),
          row('  while they are approved', paced.approving),
          row('  then while the last documents are made', paced.documentsOnly),
          row(`while ${CONTRACTS} contracts complete flat out (8 at a time)`, burst.all),
          row('  while they are approved', burst.approving),
          row('  then while their documents are made', burst.documentsOnly),
        ],
      ),
    );
    out.push('');
    const ceiling = quantile(beside.all, 0.99) / quantile(idle, 0.99);
    out.push(
      `Target: p99 while ${CONTRACTS} contracts complete (${PACE} a second) under 2× the idle p99: ${fixed(ratio, 2)}×, ${ratio < 2 ? 'met' : 'MISSED'}; the ceiling (the same calls beside a CPU spun at the PDF threads' priority): ${fixed(ceiling, 2)}×.`,
    );
    for (const [name, run] of [
      [`${PACE} a second`, paced],
      ['flat out', burst],
    ] as const) {
      out.push(
        `${name}: the approvals took ${fixed(run.approvalsMs / 1000, 1)} s; every document was ready after ${fixed(run.totalMs / 1000, 1)} s; Dojang's CPU meanwhile ${fixed(run.cpuMs / 1000, 1)} s (${fixed(run.cpuMs / run.totalMs, 2)} CPUs).`,
      );
    }
    console.log(out.join('\n'));
  } finally {
    await dojang.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

await main();
