// Completed documents benchmark: the time to produce the completed PDF and the
// history certificate of a finished contract, against pdf-lib loading and saving the same
// template untouched, in the same run. The contract is the sample contract with its appendix
// (3 pages, 12 fields, 2 signers), started and signed through the HTTP API of a real Dojang
// (in this process, workers off); then the document job (documents/produce-documents.ts) is
// run over and over on it, exactly as the document worker runs it: state from the database,
// fill, seal, certificate, seal, both files stored. Sealing uses the key Dojang makes for
// itself by default (RSA 3072).
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import { makeSampleContractPdf } from '../src/demo/sample-contract.ts';
import type { TemplateField } from '../src/domain/fields.ts';
import { sampleContractValues } from '../src/documents/test-support/sample-values.ts';
import { fillCompletedPdf } from '../src/documents/fill-completed-pdf.ts';
import { certificateData, documentJobHandler, documentKeys } from '../src/documents/produce-documents.ts';
import { renderHistoryCertificate } from '../src/documents/render-history-certificate.ts';
import { sealPdf } from '../src/documents/seal-pdf.ts';
import { loadOrCreateSigningKey, type SigningKey } from '../src/documents/signing-key.ts';
import { startDojang, type Dojang } from '../src/dojang.ts';
import { sha256Hex } from '../src/security/random-token.ts';
import { loadWorkflowState } from '../src/workflows/workflow-state.ts';
import { BENCH_COMPANY, freePort } from './support/child-dojang.ts';
import { approveStep, connectDojang, ok, type DojangClient } from './support/bench-contracts.ts';
import { fixed, kib, mib, quantile, table } from './support/stats.ts';
import { toWorkflowId, type WorkflowId } from '../src/domain/ids.ts';

const RUNS = 50;
const WARMUP = 5;

const log = (message: string) => process.stderr.write(`[documents] ${message}\n`);
const gc = () => (globalThis as { gc?: () => void }).gc?.();

interface Timing {
  median: number;
  p95: number;
  /** The first run, warm-up included: what the first document after a start costs. */
  first: number;
}

/**
 * Times each task `runs` times after WARMUP runs, taking turns (a, b, a, b, …) so that whatever
 * else the machine is doing weighs on all of them alike.
 */
async function timeInTurns(runs: number, tasks: (() => Promise<unknown>)[]): Promise<Timing[]> {
  const times = tasks.map(() => [] as number[]);
  const firsts: number[] = [];
  for (let i = 0; i < WARMUP + runs; i++) {
    for (const [t, task] of tasks.entries()) {
      const started = performance.now();
      await task();
      const took = performance.now() - started;
      if (i === 0) firsts[t] = took;
      if (i >= WARMUP) times[t]!.push(took);
    }
  }
  return times.map((list, t) => ({ median: quantile(list, 0.5), p95: quantile(list, 0.95), first: firsts[t]! }));
}

/** Starts the sample contract and has both signers fill their fields and approve it (5005Q, 5010Q × 2). */
async function completeSampleContract(client: DojangClient, docId: string, fields: readonly TemplateField[]): Promise<WorkflowId> {
  const values = sampleContractValues();
  const ownedBy = (step: number) => fields.filter((f) => f.owner === step).map((f) => ({ field_name: f.name, field_value: values[f.name] ?? '' }));
  const started = ok(
    '5005Q',
    await client.startsimple(BENCH_COMPANY.id, {
      workflow_name: '서비스 이용 계약서 (벤치)',
      doc_id: docId,
      player_list: [
        { field_owner: '1', email: 'hong.gildong@example.co.kr', name: '홍길동' },
        { field_owner: '2', email: '010-2345-6789', name: '김대표' },
      ],
      field_list: [{ field_name: 'contract_number', field_value: values.contract_number ?? '' }],
    }),
  );
  const workflowId = String(started.workflow_id);
  await approveStep(client, workflowId, 1, 'hong.gildong@example.co.kr', ownedBy(1), '확인했습니다');
  await approveStep(client, workflowId, 2, '010-2345-6789', ownedBy(2));
  return toWorkflowId(Number(workflowId));
}

async function main(): Promise<void> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'dojang-bench-'));
  const port = await freePort();
  let dojang: Dojang | null = null;
  try {
    const config = loadConfig({
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATABASE_URL: `sqlite:${path.join(dataDir, 'dojang.db')}`,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      DOJANG_DEMO: 'false',
      DOJANG_WORKERS: 'false',
      DOJANG_BOOTSTRAP_COMPANY: BENCH_COMPANY.id,
      DOJANG_BOOTSTRAP_EMAIL: BENCH_COMPANY.email,
      DOJANG_BOOTSTRAP_PASSWORD: BENCH_COMPANY.password,
    });
    dojang = await startDojang(config, { logger: pino({ level: 'silent' }) });
    const ctx = dojang.ctx;
    const client = await connectDojang(dojang.url);

    log('uploading the sample contract and signing it');
    const sample = await makeSampleContractPdf({ withAppendix: true });
    const upload = await client.createTemplate({
      name: '서비스 이용 계약서',
      steps: 2,
      pdf: Buffer.from(sample.pdf).toString('base64'),
      fields: sample.fields,
    });
    if (upload.status !== 201) throw new Error(`template upload failed: ${upload.status} ${JSON.stringify(upload.json)}`);
    if (sample.fields.length !== 12) throw new Error(`the sample contract should have 12 fields, not ${sample.fields.length}`);
    const workflowId = await completeSampleContract(client, upload.json.doc_id, sample.fields);
    const job = await ctx.db.selectFrom('jobs').selectAll().where('queue', '=', 'document').where('workflow_id', '=', workflowId).executeTakeFirstOrThrow();

    log('making the sealing key (RSA 3072, as Dojang does on first use)');
    const key: SigningKey = await loadOrCreateSigningKey({ dataDir, ...config.signing });
    const state = (await loadWorkflowState(ctx.db, BENCH_COMPANY.id, workflowId))!;
    const templatePdf = (await ctx.files.get(state.template.pdf_key))!;
    const pages = PDFDocument.load(templatePdf).then((d) => d.getPageCount());

    log(`the document job and the baseline (pdf-lib loads and saves the template), ${RUNS} times each, in turns`);
    const handler = documentJobHandler(ctx, { signingKey: async () => key, timestampAuthorities: [] });
    gc();
    const before = process.memoryUsage();
    const [baseline, produce] = (await timeInTurns(RUNS, [
      async () => (await PDFDocument.load(templatePdf)).save(),
      async () => {
        const outcome = await handler({ ...job, attempts: 1 }, { action: 'produce' }, new AbortController().signal);
        if (outcome.resolution.kind !== 'succeeded') throw new Error(`the document job failed: ${JSON.stringify(outcome)}`);
      },
    ])) as [Timing, Timing];
    gc();
    const after = process.memoryUsage();
    const peakRss = process.resourceUsage().maxRSS * 1024;

    log('the parts, one by one');
    const details = { reason: `bench ${workflowId}`, location: 'Dojang (bench)', name: state.company.name };
    const filled = await fillCompletedPdf({ templatePdf, fields: state.fields, values: state.values });
    const sealed = await sealPdf(filled, key, details);
    const data = { ...(await certificateData(ctx, state, new Date())), completedPdfSha256: sha256Hex(sealed) };
    const certificate = await renderHistoryCertificate(data);
    const names = ['fill the values in (fill-completed-pdf)', 'seal the completed PDF (seal-pdf)', 'render the history certificate', 'seal the certificate'];
    const partTimes = await timeInTurns(RUNS, [
      () => fillCompletedPdf({ templatePdf, fields: state.fields, values: state.values }),
      () => sealPdf(filled, key, details),
      () => renderHistoryCertificate(data),
      () => sealPdf(certificate, key, details),
    ]);
    const parts = names.map((name, i) => [name, partTimes[i]!] as const);

    const keys = documentKeys(workflowId);
    const completedPdf = (await ctx.files.get(keys.document))!;
    const certificatePdf = (await ctx.files.get(keys.certificate))!;
    const added = completedPdf.length - templatePdf.length;

    const ms = (value: number) => `${fixed(value, value < 10 ? 2 : 1)} ms`;
    const out: string[] = [];
    out.push(
      `Completed documents: the sample contract with its appendix (${await pages} pages, ${state.fields.length} fields, ${state.players.length} signers), sealed with RSA ${config.signing.rsaBits}.`,
    );
    out.push(
      `Median and p95 over ${RUNS} runs after ${WARMUP} warm-up runs; machine: ${os.cpus().length} CPUs, load average ${os
        .loadavg()
        .map((n) => n.toFixed(1))
        .join(' ')}.`,
    );
    out.push('');
    out.push(
      table(
        ['', 'median', 'p95', '× baseline (median)', '× baseline (p95)', 'first run'],
        [
          ['baseline: pdf-lib load + save of the template, untouched', ms(baseline.median), ms(baseline.p95), '1.0', '1.0', ms(baseline.first)],
          [
            'the document job: completed PDF + certificate, both sealed and stored',
            ms(produce.median),
            ms(produce.p95),
            fixed(produce.median / baseline.median, 1),
            fixed(produce.p95 / baseline.p95, 1),
            ms(produce.first),
          ],
          ...parts.map(([name, t]) => [`  ${name}`, ms(t.median), ms(t.p95), fixed(t.median / baseline.median, 1), fixed(t.p95 / baseline.p95, 1), '']),
        ],
      ),
    );
    out.push(
      `(The document job's first run loads and subsets the Korean font and warms the JIT: what the first document after a start costs. The parts are timed in turns, like the job and the baseline.)`,
    );
    out.push('');
    out.push(
      table(
        ['file', 'size', 'added over the template', 'target < 100 KB added'],
        [
          ['template', kib(templatePdf.length), '', ''],
          ['completed PDF, sealed', kib(completedPdf.length), kib(added), added < 100 * 1024 ? 'met' : 'MISSED'],
          ['history certificate, sealed', kib(certificatePdf.length), '', ''],
        ],
      ),
    );
    out.push('');
    out.push(
      `Memory (this process: Dojang with its HTTP server and database, and the bench): peak RSS ${mib(peakRss)}. ` +
        `Across the ${RUNS + WARMUP} document jobs, RSS ${mib(before.rss)} → ${mib(after.rss)}; V8 heap in use after a full GC ${mib(before.heapUsed)} → ${mib(after.heapUsed)}.`,
    );
    console.log(out.join('\n'));
  } finally {
    await dojang?.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

await main();
