// Export API benchmark. Dojang runs as its own process on loopback, as `npm start`
// runs it; this process is the integrator (HTTP approvals through the eSignon action call) and
// the export receiver (node:http on 127.0.0.1). Measured, on SQLite and on PostgreSQL:
//
//  1. Baseline: the same number of plain HTTP POSTs, with the same JSON body, to the same
//     receiver at the same concurrency, from a process of their own (undici); and plain POSTs
//     at a steady 100/s, the latency floor of the machine.
//  2. Throughput: step-1 approvals (CF, embed mode, 2-step template) at that concurrency, until
//     the receiver has every export; approvals per second, and the ratio to the baseline. And
//     the ceiling of that path on this machine: the same approval calls to a bare relay (its
//     own process, answering at once and forwarding the body, nothing else) to the receiver.
//  3. Latency at a steady 100 approvals per second (open loop): export event created (its
//     `workdatetime`, taken by the server when the change begins) → the receiver has it.
//  4. A backlog of 100,000 pending export events (seeded in bulk: 10,000 workflows × 10 events)
//     with the receiver down: the claim query's cost per poll and its plan in the states a
//     backlog goes through, Dojang's RSS and CPU while it retries, and the delivery rate once
//     the receiver is back. Plans: SQLite's EXPLAIN QUERY PLAN, PostgreSQL's EXPLAIN ANALYZE.
//
// PostgreSQL databases are created on postgres://postgres@127.0.0.1:5432 (DOJANG_BENCH_POSTGRES_URL)
// and dropped; without PostgreSQL, SQLite alone is measured. BENCH_SKIP_DELIVERY=1 runs part 4 only,
// BENCH_SKIP_BACKLOG=1 parts 1–3 only; BENCH_DATABASES=sqlite (or postgres) measures one database.
// BENCH_TIME_STATEMENTS=1 adds, for SQLite, the time of each statement during the throughput phase
// (support/time-statements.mjs).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { claimJobs } from '../src/jobs/outbox.ts';
import { openBenchDatabase, type BenchDatabase, type CompiledQuery } from './support/bench-database.ts';
import { freePort, startChildDojang, type ChildDojang } from './support/child-dojang.ts';
import { approveStepOne, connectDojang, createTwoStepTemplate, DojangClient, inParallel, startContract } from './support/bench-contracts.ts';
import { parseWorkdatetime, startExportReceiver, wallClockMs, type Arrival, type ExportReceiver } from './support/export-receiver.ts';
import { processUsage, watchCpu, type CpuShares } from './support/process-usage.ts';
import { postgresAnswers, scratchDatabase, type DatabaseKind } from './support/scratch-database.ts';
import { fixed, mean, median, mib, quantile, table } from './support/stats.ts';
import { type Timestamp, toTimestamp } from '../src/domain/time.ts';
import { type CompanyId, type JobId, toJobId, toWorkflowId, type WorkflowId } from '../src/domain/ids.ts';

/** Approvals in flight at once, and the baseline's concurrency: Dojang's default per-receiver limit (DOJANG_EXPORT_HOST_CONCURRENCY). */
const CONCURRENCY = 8;
const WARMUP = 200;
const THROUGHPUT_APPROVALS = 1500;
const STEADY_RATE = 100;
const STEADY_SECONDS = 10;
/** A steady-rate run during which the rest of the machine used more CPU than this is run again (once). */
const DISTURBED_CPU = 0.25;
const STEADY_ATTEMPTS = 2;
/** Plain POSTs at the same steady rate: how much of the latency budget the machine itself takes. */
const STEADY_BASELINE_SECONDS = 10;
const BACKLOG_WORKFLOWS = 10_000;
const BACKLOG_EVENTS_PER_WORKFLOW = 10;
const OUTAGE_SECONDS = 50;
const RECOVERY_SECONDS = 15;
/** Every few seconds, so the backlog's heads keep coming due during the outage and the recovery. */
const BACKLOG_RETRY_SCHEDULE = Array.from({ length: 40 }, (_, i) => (i === 0 ? 0 : 5)).join(',');
const ROOT = path.resolve(import.meta.dirname, '..');

const log = (message: string) => process.stderr.write(`[exports] ${message}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil(condition: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(2);
  }
}

// ---------------------------------------------------------------------------------------------
// 1–3. Baseline, throughput, steady latency

interface SteadyResult {
  achievedPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  sentToReceivedP99: number;
  approvalP50: number;
  approvalP99: number;
  samples: number;
  cpu: CpuShares;
}

interface DeliveryResult {
  kind: DatabaseKind;
  bodyBytes: number;
  baseline: { perSecond: number; p50: number; p99: number; steadyP50: number; steadyP99: number };
  /** The same approvals through a relay that does nothing but answer and forward (support/bare-relay.ts). */
  ceiling: { perSecond: number; cpu: CpuShares };
  throughput: { perSecond: number; approvalsAnsweredPerSecond: number; p50: number; p99: number; cpu: CpuShares };
  /** Dojang's RSS just after it started on an empty database. */
  freshRss: number;
  /** The quietest of the steady-rate attempts, and all of them. */
  steady: SteadyResult;
  steadyAttempts: SteadyResult[];
  /** BENCH_TIME_STATEMENTS: the statements of the throughput phase, most time first. */
  statementTimes?: string;
}

/** Posts `count` copies of `body` from a process of its own; answers its throughput and latencies. */
function runBaseline(url: string, count: number, body: string, ratePerSecond?: number): Promise<{ elapsedMs: number; latencies: number[] }> {
  const headers = {
    'content-type': 'application/json; charset=utf-8',
    'user-agent': 'Dojang-Export/1',
    authorization: 'Bearer bench',
    'webhook-id': 'msg_1_1_AAAAAAAAAAAA',
    'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
    'webhook-signature': `v1,${'A'.repeat(43)}=`,
  };
  const spec = JSON.stringify({ url, count, concurrency: CONCURRENCY, body, headers, ratePerSecond });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/support/post-load.ts'), spec], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`the baseline load exited with ${code}`))));
  });
}

/**
 * The ceiling of the two hops: THROUGHPUT_APPROVALS approval calls, made as Dojang's are, to a
 * bare relay in a process of its own that answers each at once and forwards `body` to the
 * receiver, until the receiver has them all.
 */
async function runCeiling(receiver: ExportReceiver, body: string): Promise<DeliveryResult['ceiling']> {
  const spec = JSON.stringify({ url: receiver.url, concurrency: CONCURRENCY, body });
  const relay = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/support/bare-relay.ts'), spec], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      relay.once('error', reject);
      relay.once('exit', (code) => reject(new Error(`the bare relay exited with ${code}`)));
      relay.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    });
    const client = new DojangClient({ baseUrl: `http://127.0.0.1:${port}` });
    let received = 0;
    receiver.onArrival = () => void received++;
    // Warm-up, as Dojang had: connections open, code compiled.
    await inParallel(WARMUP, CONCURRENCY, (i) => approveStepOne(client, 'relay', i));
    await waitUntil(() => received >= WARMUP, 'the relay warm-up', 60_000);
    received = 0;
    const cpu = watchCpu(relay.pid!);
    const started = wallClockMs();
    await inParallel(THROUGHPUT_APPROVALS, CONCURRENCY, (i) => approveStepOne(client, 'relay', i));
    await waitUntil(() => received >= THROUGHPUT_APPROVALS, 'the relayed exports', 300_000);
    return { perSecond: (THROUGHPUT_APPROVALS / (wallClockMs() - started)) * 1000, cpu: cpu() };
  } finally {
    receiver.onArrival = () => {};
    relay.kill();
  }
}

async function startContracts(client: DojangClient, docId: string, exportUrl: string, count: number, offset: number): Promise<string[]> {
  const ids: string[] = [];
  await inParallel(count, CONCURRENCY, async (i) => {
    ids[i] = await startContract(client, docId, exportUrl, offset + i);
  });
  return ids;
}

/** An export's workdatetime: when the server began the change that made the event. */
function createdAt(arrival: Arrival): number {
  return parseWorkdatetime((JSON.parse(arrival.body.toString('utf8')) as { body: { workdatetime: string } }).body.workdatetime);
}

/** Approvals at STEADY_RATE for STEADY_SECONDS, open loop, from workflow `first` on; latency of their exports. */
async function steadyRate(
  client: DojangClient,
  pid: number,
  postgresDatabase: string | undefined,
  receiver: ExportReceiver,
  first: number,
  nth: (i: number) => string,
): Promise<SteadyResult> {
  const latencies: number[] = [];
  const sentToReceived: number[] = [];
  const sentAt = new Map<string, number>();
  receiver.onArrival = (arrival) => {
    latencies.push(arrival.at - createdAt(arrival));
    const wfuid = (JSON.parse(arrival.body.toString('utf8')) as { body: { wfuid: string } }).body.wfuid;
    const sent = sentAt.get(wfuid);
    if (sent !== undefined) sentToReceived.push(arrival.at - sent);
  };
  const approvalTimes: number[] = [];
  const count = STEADY_RATE * STEADY_SECONDS;
  const inFlight: Promise<void>[] = [];
  const cpu = watchCpu(pid, postgresDatabase);
  const t0 = performance.now() + 10;
  for (let i = 0; i < count; i++) {
    const wait = t0 + (i * 1000) / STEADY_RATE - performance.now();
    if (wait > 1) await sleep(wait);
    const n = first + i;
    const sent = wallClockMs();
    sentAt.set(nth(n), sent);
    inFlight.push(approveStepOne(client, nth(n), n).then(() => void approvalTimes.push(wallClockMs() - sent)));
  }
  const sendingMs = performance.now() - t0;
  await Promise.all(inFlight);
  await waitUntil(() => latencies.length >= count, 'the steady-rate exports', 300_000);
  return {
    achievedPerSecond: ((count - 1) / sendingMs) * 1000,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    max: Math.max(...latencies),
    sentToReceivedP99: quantile(sentToReceived, 0.99),
    approvalP50: quantile(approvalTimes, 0.5),
    approvalP99: quantile(approvalTimes, 0.99),
    samples: latencies.length,
    cpu: cpu(),
  };
}

async function measureDelivery(kind: DatabaseKind): Promise<DeliveryResult> {
  const scratch = await scratchDatabase(kind);
  const receiver = await startExportReceiver();
  let server: ChildDojang | null = null;
  let client: DojangClient | null = null;
  try {
    const timesFile = process.env.BENCH_TIME_STATEMENTS && kind === 'sqlite' ? path.join(scratch.dataDir, 'statement-times.txt') : null;
    server = await startChildDojang(
      { DATABASE_URL: scratch.url, DATA_DIR: scratch.dataDir, ...(timesFile ? { DOJANG_STATEMENT_TIMES: timesFile } : {}) },
      timesFile ? ['--import', path.join(ROOT, 'bench/support/time-statements.mjs')] : [],
    );
    const freshRss = processUsage(server.pid).rss;
    const cpuWatchName = scratch.kind === 'postgres' ? scratch.name : undefined;
    client = await connectDojang(server.url);
    const docId = await createTwoStepTemplate(client);
    const total = WARMUP + THROUGHPUT_APPROVALS + STEADY_ATTEMPTS * STEADY_RATE * STEADY_SECONDS;
    log(`${kind}: starting ${total} contracts`);
    const workflows = await startContracts(client, docId, receiver.url, total, 0);
    const nth = (i: number) => workflows[i]!;

    // Warm-up: connections, caches, JIT; and one real export body for the baseline.
    let received = 0;
    let body = '';
    receiver.onArrival = (arrival) => {
      received++;
      body = arrival.body.toString('utf8');
    };
    await inParallel(WARMUP, CONCURRENCY, (i) => approveStepOne(client!, nth(i), i));
    await waitUntil(() => received >= WARMUP, 'the warm-up exports', 60_000);

    log(`${kind}: baseline`);
    receiver.onArrival = () => {};
    const baselineRun = await runBaseline(receiver.url, THROUGHPUT_APPROVALS, body);
    const steadyBaselineRun = await runBaseline(receiver.url, STEADY_RATE * STEADY_BASELINE_SECONDS, body, STEADY_RATE);
    const baseline = {
      perSecond: (THROUGHPUT_APPROVALS / baselineRun.elapsedMs) * 1000,
      p50: quantile(baselineRun.latencies, 0.5),
      p99: quantile(baselineRun.latencies, 0.99),
      steadyP50: quantile(steadyBaselineRun.latencies, 0.5),
      steadyP99: quantile(steadyBaselineRun.latencies, 0.99),
    };
    log(`${kind}: the same approvals through a bare relay`);
    const ceiling = await runCeiling(receiver, body);

    log(`${kind}: throughput, ${THROUGHPUT_APPROVALS} approvals`);
    const latencies: number[] = [];
    receiver.onArrival = (arrival) => void latencies.push(arrival.at - createdAt(arrival));
    const throughputCpu = watchCpu(server.pid, cpuWatchName);
    if (timesFile) process.kill(server.pid, 'SIGUSR2');
    const started = wallClockMs();
    await inParallel(THROUGHPUT_APPROVALS, CONCURRENCY, (i) => approveStepOne(client!, nth(WARMUP + i), WARMUP + i));
    const answered = wallClockMs();
    await waitUntil(() => latencies.length >= THROUGHPUT_APPROVALS, 'the throughput exports', 300_000);
    const finished = wallClockMs();
    let statementTimes: string | undefined;
    if (timesFile) {
      process.kill(server.pid, 'SIGUSR2');
      await waitUntil(() => fs.existsSync(timesFile), 'the statement times', 10_000);
      statementTimes = fs.readFileSync(timesFile, 'utf8').split('\n').slice(0, 25).join('\n');
    }
    const throughput = {
      perSecond: (THROUGHPUT_APPROVALS / (finished - started)) * 1000,
      approvalsAnsweredPerSecond: (THROUGHPUT_APPROVALS / (answered - started)) * 1000,
      p50: quantile(latencies, 0.5),
      p99: quantile(latencies, 0.99),
      cpu: throughputCpu(),
    };

    // The steady rate once, and again if something else on the machine took a share of it.
    const attempts: SteadyResult[] = [];
    let next = WARMUP + THROUGHPUT_APPROVALS;
    for (let attempt = 1; attempt <= STEADY_ATTEMPTS; attempt++) {
      log(
        `${kind}: ${STEADY_RATE} approvals/s for ${STEADY_SECONDS} s${attempt > 1 ? ` (again: other processes used ${fixed(attempts.at(-1)!.cpu.others, 2)} CPU)` : ''}`,
      );
      attempts.push(await steadyRate(client, server.pid, cpuWatchName, receiver, next, nth));
      next += STEADY_RATE * STEADY_SECONDS;
      if (attempts.at(-1)!.cpu.others <= DISTURBED_CPU) break;
    }
    const steady = attempts.reduce((quietest, a) => (a.cpu.others < quietest.cpu.others ? a : quietest));
    return {
      kind,
      bodyBytes: Buffer.byteLength(body),
      baseline,
      ceiling,
      throughput,
      steady,
      steadyAttempts: attempts,
      freshRss,
      ...(statementTimes ? { statementTimes } : {}),
    };
  } catch (error) {
    if (server) log(`${kind}: Dojang's last output:\n${server.output()}`);
    throw error;
  } finally {
    await server?.stop();
    await receiver.close();
    await scratch.drop();
  }
}

// ---------------------------------------------------------------------------------------------
// 4. A backlog of 100,000 pending events

/** Backlog sizes at which the claim query is timed; the last is the one Dojang then runs with. */
const PROBE_SIZES = [1_000, 10_000, BACKLOG_WORKFLOWS * BACKLOG_EVENTS_PER_WORKFLOW];
const PROBES_PER_STATE = 20;
/** Claims slower than this at one size end the probing of larger backlogs (and the live run): cost grows at least linearly, so the bench stays bounded. */
const PROBE_GIVE_UP_MS = 300;
/** Time spent timing one state, after the first probe. */
const PROBE_BUDGET_MS = 3_000;

interface ClaimProbe {
  events: number;
  state: ProbeState;
  medianMs: number;
  maxMs: number;
  probes: number;
}

type ProbeState = 'idle' | 'outage' | 'saturated' | 'delivered';

const PROBE_STATES: Record<ProbeState, string> = {
  idle: 'no job at all but the one delivered before the seeding (measured last, as warm as the others)',
  outage: "receiver down: each workflow's first event waits for its retry, the 9 behind it are due but blocked",
  saturated: 'receiver slow: every first event is due, but its host is at its concurrency limit (excludeTargets)',
  delivered: 'everything delivered: the same rows, all succeeded (the history a busy server accumulates)',
};

interface BacklogResult {
  kind: DatabaseKind;
  events: number;
  probes: ClaimProbe[];
  gaveUp: string | null;
  plans: { state: ProbeState; query: string; plan: string }[];
  live: null | {
    rss: { atStart: number; highestInOutage: number; outageHalves: [number, number]; afterOutage: number; afterRecovery: number; peak: number };
    outage: { attempts: number; attemptsPerSecond: number; cpuPercent: number };
    recovery: { delivered: number; deliveredPerSecond: number; cpuPercent: number };
  };
}

/** The seed: one real workflow and its real (failed) export job, cloned in bulk. */
interface Seed {
  workflowId: WorkflowId;
  firstClone: number;
  jobId: JobId;
  companyId: CompanyId;
  target: string;
  payload: string;
}

const PAST = toTimestamp(new Date('2020-01-01T00:00:00.000Z'));
const FUTURE = toTimestamp(new Date('2999-01-01T00:00:00.000Z'));

async function cloneWorkflows(bench: BenchDatabase, workflowId: WorkflowId, count: number): Promise<number> {
  const columns =
    'company_id, template_id, name, status, type, current_step, total_steps, starter_member_id, language, comment, expires_on, expires_at, embed, export_config, referers, export_seq, version, documents_state, created_at, updated_at, completed_at';
  if (bench.dialect === 'sqlite') {
    await bench.run(
      `with recursive n(i) as (select 1 union all select i + 1 from n where i < ?) insert into workflows (${columns}) select ${columns} from workflows, n where workflows.id = ?`,
      [count, workflowId],
    );
  } else {
    await bench.run(`insert into workflows (${columns}) select ${columns} from workflows, generate_series(1, $1::int) where workflows.id = $2`, [
      count,
      workflowId,
    ]);
  }
  const row = await bench.db
    .selectFrom('workflows')
    .select((eb) => eb.fn.min('id').as('first'))
    .where('id', '>', workflowId)
    .executeTakeFirstOrThrow();
  return Number(row.first);
}

/**
 * Replaces the seeded jobs by `events` pending export events, `BACKLOG_EVENTS_PER_WORKFLOW` per
 * workflow, interleaved as they arrive in life (event k belongs to workflow k mod W). The first
 * event of each workflow (k < W) runs at `headsRunAt`; the others were due long ago, and are
 * marked blocked behind it as enqueueJob marks them (migration 0004).
 */
async function seedJobs(bench: BenchDatabase, seed: Seed, events: number, headsRunAt: Timestamp): Promise<{ firstId: JobId }> {
  await bench.db.deleteFrom('jobs').where('id', '>', seed.jobId).execute();
  const workflows = events / BACKLOG_EVENTS_PER_WORKFLOW;
  const columns = 'queue, company_id, workflow_id, ordering_key, target, status, blocked, attempts, run_at, payload, created_at';
  if (bench.dialect === 'sqlite') {
    await bench.run(
      `with recursive n(k) as (select 0 union all select k + 1 from n where k < ? - 1)
       insert into jobs (${columns})
       select 'export', ?, ? + (k % ?), 'export:' || (? + (k % ?)), ?, 'pending', k >= ?, 0, case when k < ? then ? else ? end, ?, ? from n`,
      [events, seed.companyId, seed.firstClone, workflows, seed.firstClone, workflows, seed.target, workflows, workflows, headsRunAt, PAST, seed.payload, PAST],
    );
  } else {
    await bench.run(
      `insert into jobs (${columns})
       select 'export', $1, $2 + (k % $3), 'export:' || ($2 + (k % $3))::text, $4, 'pending', (k >= $3)::int, 0, case when k < $3 then $5 else $6 end, $7, $6
       from generate_series(0, $8::int - 1) as k`,
      [seed.companyId, seed.firstClone, workflows, seed.target, headsRunAt, PAST, seed.payload, events],
    );
    await bench.run('analyze jobs');
  }
  // Ids go on from the last seed's (neither database reuses them): the first W are the heads.
  const first = await bench.db
    .selectFrom('jobs')
    .select((eb) => eb.fn.min('id').as('id'))
    .where('id', '>', seed.jobId)
    .executeTakeFirstOrThrow();
  return { firstId: toJobId(Number(first.id)) };
}

async function setHeadsRunAt(bench: BenchDatabase, firstId: JobId, events: number, runAt: Timestamp): Promise<void> {
  const workflows = events / BACKLOG_EVENTS_PER_WORKFLOW;
  const result = await bench.db
    .updateTable('jobs')
    .set({ run_at: runAt })
    .where('id', '>=', firstId)
    .where('id', '<', toJobId(firstId + workflows))
    .where('blocked', '=', 0)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== workflows) throw new Error(`expected ${workflows} first events from id ${firstId}, updated ${result.numUpdatedRows}`);
}

/** Times claimJobs as a worker's poll calls it, in a state where it must find nothing. */
async function probeClaim(bench: BenchDatabase, seed: Seed, events: number, state: ProbeState): Promise<ClaimProbe & { queries: CompiledQuery[] }> {
  const claim = async () => {
    const claimed = await claimJobs(bench.db, bench.dialect, {
      queue: 'export',
      owner: 'bench-probe',
      limit: 16,
      leaseMs: 35_000,
      now: new Date(),
      excludeTargets: state === 'saturated' ? [seed.target] : [],
    });
    if (claimed.length > 0) throw new Error(`the ${state} probe claimed ${claimed.length} jobs; the seeded state is wrong`);
  };
  // The first calls of a state pay for cold caches; a polling worker's do not.
  const times: number[] = [];
  const started = performance.now();
  await claim();
  if (performance.now() - started < PROBE_GIVE_UP_MS) await claim();
  bench.takeQueries();
  const budgetEnds = performance.now() + PROBE_BUDGET_MS;
  let queries: CompiledQuery[] = [];
  while (times.length < PROBES_PER_STATE && (times.length === 0 || performance.now() < budgetEnds)) {
    const started = performance.now();
    await claim();
    times.push(performance.now() - started);
    if (queries.length === 0) queries = bench.takeQueries().filter((q) => /^\s*select/i.test(q.sql));
  }
  return { events, state, medianMs: median(times), maxMs: Math.max(...times), probes: times.length, queries };
}

/** The plan of every SELECT one claim sent, in order. */
async function explainAll(bench: BenchDatabase, state: ProbeState, queries: CompiledQuery[]): Promise<BacklogResult['plans']> {
  const plans: BacklogResult['plans'] = [];
  for (const [i, query] of queries.entries()) {
    plans.push({ state, query: queries.length === 1 ? 'the claim query' : `claim query ${i + 1} of ${queries.length}`, plan: await bench.explain(query) });
  }
  return plans;
}

async function measureBacklog(kind: DatabaseKind): Promise<BacklogResult> {
  const events = BACKLOG_WORKFLOWS * BACKLOG_EVENTS_PER_WORKFLOW;
  const scratch = await scratchDatabase(kind);
  const deadPort = await freePort();
  const target = `127.0.0.1:${deadPort}`;
  const env = { DATABASE_URL: scratch.url, DATA_DIR: scratch.dataDir, DOJANG_EXPORT_RETRY_SCHEDULE: BACKLOG_RETRY_SCHEDULE };
  let server: ChildDojang | null = null;
  let bench: BenchDatabase | null = null;
  let receiver: ExportReceiver | null = null;
  const result: BacklogResult = { kind, events, probes: [], gaveUp: null, plans: [], live: null };
  try {
    // One real contract whose export goes to a port nobody listens on: the template for the seed.
    server = await startChildDojang(env);
    const client = await connectDojang(server.url);
    const docId = await createTwoStepTemplate(client);
    const workflowId = await startContract(client, docId, `http://${target}/exports`, 0);
    await approveStepOne(client, workflowId, 0);
    await server.stop();
    server = null;

    bench = openBenchDatabase(scratch);
    const job = await bench.db.selectFrom('jobs').selectAll().where('queue', '=', 'export').executeTakeFirstOrThrow();
    if (job.target !== target) throw new Error(`unexpected export target ${job.target}`);
    await bench.db
      .updateTable('jobs')
      .set({ status: 'succeeded', finished_at: toTimestamp(new Date()), lease_owner: null, lease_expires_at: null })
      .where('id', '=', job.id)
      .execute();
    log(`${kind}: cloning ${BACKLOG_WORKFLOWS} workflows`);
    const seed: Seed = { workflowId: toWorkflowId(Number(workflowId)), firstClone: 0, jobId: job.id, companyId: job.company_id, target, payload: job.payload };
    seed.firstClone = await cloneWorkflows(bench, seed.workflowId, BACKLOG_WORKFLOWS);

    probing: for (const size of PROBE_SIZES) {
      log(`${kind}: claim probes at ${size} pending events`);
      const { firstId } = await seedJobs(bench, seed, size, FUTURE);
      for (const state of ['outage', 'saturated'] as const) {
        if (state === 'saturated') await setHeadsRunAt(bench, firstId, size, PAST);
        const probe = await probeClaim(bench, seed, size, state);
        result.probes.push(probe);
        if (size === events) result.plans.push(...(await explainAll(bench, state, probe.queries)));
        if (probe.medianMs > PROBE_GIVE_UP_MS && size !== events) {
          result.gaveUp = `claims took ${fixed(probe.medianMs, 0)} ms at ${size.toLocaleString('en')} events (${state}), so larger backlogs and the live run were skipped`;
          break probing;
        }
      }
    }

    if (result.gaveUp === null) {
      await seedJobs(bench, seed, events, PAST);
      log(`${kind}: ${events} pending events, receiver down for ${OUTAGE_SECONDS} s`);
      const attemptsBefore = await countAttempts(bench);
      server = await startChildDojang(env);
      const atStart = processUsage(server.pid);
      const rssSamples: number[] = [atStart.rss];
      const sampleRss = async (seconds: number) => {
        for (let i = 0; i < seconds; i++) {
          await sleep(1000);
          rssSamples.push(processUsage(server!.pid).rss);
        }
      };
      const outageStarted = performance.now();
      await sampleRss(OUTAGE_SECONDS);
      const afterOutage = processUsage(server.pid);
      const outageSamples = [...rssSamples];
      const outageSeconds = (performance.now() - outageStarted) / 1000;
      const attempts = (await countAttempts(bench)) - attemptsBefore;

      log(`${kind}: receiver back for ${RECOVERY_SECONDS} s`);
      receiver = await startExportReceiver(deadPort);
      let delivered = 0;
      let firstDelivery = 0;
      receiver.onArrival = (arrival) => {
        if (delivered++ === 0) firstDelivery = arrival.at;
      };
      const recoveryStarted = wallClockMs();
      await sampleRss(RECOVERY_SECONDS);
      const recoveryEnded = wallClockMs();
      const afterRecovery = processUsage(server.pid);
      result.live = {
        rss: {
          atStart: atStart.rss,
          highestInOutage: Math.max(...outageSamples),
          outageHalves: [mean(outageSamples.slice(1, 1 + OUTAGE_SECONDS / 2)), mean(outageSamples.slice(1 + OUTAGE_SECONDS / 2))],
          afterOutage: afterOutage.rss,
          afterRecovery: afterRecovery.rss,
          peak: afterRecovery.peakRss,
        },
        outage: { attempts, attemptsPerSecond: attempts / outageSeconds, cpuPercent: ((afterOutage.cpuMs - atStart.cpuMs) / (outageSeconds * 1000)) * 100 },
        recovery: {
          delivered,
          deliveredPerSecond: delivered === 0 ? 0 : (delivered / (recoveryEnded - firstDelivery)) * 1000,
          cpuPercent: ((afterRecovery.cpuMs - afterOutage.cpuMs) / (recoveryEnded - recoveryStarted)) * 100,
        },
      };
      await server.stop();
      server = null;
    }

    if (result.live === null) await seedJobs(bench, seed, events, PAST);
    await bench.db
      .updateTable('jobs')
      .set({ status: 'succeeded', finished_at: toTimestamp(new Date()), lease_owner: null, lease_expires_at: null })
      .where('id', '>', seed.jobId)
      .execute();
    // What autovacuum does soon after: a busy server's history is vacuumed and analysed as it grows.
    if (kind === 'postgres') await bench.run('vacuum analyze jobs');
    const delivered = await probeClaim(bench, seed, events, 'delivered');
    result.probes.push(delivered);
    result.plans.push(...(await explainAll(bench, 'delivered', delivered.queries)));

    await bench.db.deleteFrom('job_attempts').execute();
    await bench.db.deleteFrom('jobs').where('id', '>', seed.jobId).execute();
    if (kind === 'postgres') await bench.run('vacuum analyze jobs');
    result.probes.push(await probeClaim(bench, seed, 0, 'idle'));
    return result;
  } catch (error) {
    if (server) log(`${kind}: Dojang's last output:\n${server.output()}`);
    throw error;
  } finally {
    await server?.stop();
    await receiver?.close();
    await bench?.close();
    await scratch.drop();
  }
}

async function countAttempts(bench: BenchDatabase): Promise<number> {
  const row = await bench.db
    .selectFrom('job_attempts')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// ---------------------------------------------------------------------------------------------
// The report

const ms = (value: number) => fixed(value, value < 10 ? 2 : value < 100 ? 1 : 0);
const perSecond = (value: number) => fixed(value, 0);
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
const cpus = (n: number) => `${fixed(n, 2)} CPU`;
const pgCpus = (kind: DatabaseKind, cpu: CpuShares) => (kind === 'postgres' ? cpus(cpu.postgres) : '-');

function report(deliveries: DeliveryResult[], backlogs: BacklogResult[], load: { start: string; end: string }): string {
  const out: string[] = [];
  out.push(
    `Export API: approvals to delivered exports (Dojang as its own process on loopback; ${CONCURRENCY} at a time, DOJANG_EXPORT_HOST_CONCURRENCY's default)`,
  );
  out.push(
    `Machine: ${os.cpus().length} CPUs, load average ${load.start} at the start, ${load.end} at the end. Other work on the machine shows up in every number:`,
  );
  out.push(
    `CPU used during each phase, from /proc: Dojang's process, the PostgreSQL backends of its database, and "others": the rest of the machine (whatever else runs), beside this bench.`,
  );
  out.push('');
  if (deliveries.length > 0) {
    out.push(`Throughput: ${THROUGHPUT_APPROVALS} step-1 approvals (5010Q, CF, embed mode), until the receiver has every export.`);
    out.push(
      `Baseline: ${THROUGHPUT_APPROVALS} plain POSTs of the same ${deliveries[0]!.bodyBytes}-byte JSON body to the same receiver, ${CONCURRENCY} at a time, from their own process (undici).`,
    );
    out.push(
      `Ceiling: the same ${THROUGHPUT_APPROVALS} approval calls to a bare relay (its own process: answers at once, forwards the body to the receiver ${CONCURRENCY} at a time; no database, no signing, no checks), until the receiver has them all.`,
    );
    out.push(`"bench" is this process: the approval calls and the receiver. The machine has ${os.cpus().length} CPUs in all.`);
    out.push(
      table(
        [
          'database',
          'baseline POST/s',
          'approvals→exports/s',
          'ratio',
          'target ≥ 0.5',
          'ceiling/s',
          'ratio',
          'Dojang/ceiling',
          'approvals answered/s',
          'CPU: Dojang',
          'per approval',
          'PostgreSQL',
          'bench',
          'others',
          'ceiling CPU: relay',
          'bench',
          'event→received p50',
          'p99',
        ],
        deliveries.map((d) => {
          const ratio = d.throughput.perSecond / d.baseline.perSecond;
          return [
            d.kind,
            perSecond(d.baseline.perSecond),
            perSecond(d.throughput.perSecond),
            fixed(ratio, 3),
            verdict(ratio >= 0.5),
            perSecond(d.ceiling.perSecond),
            fixed(d.ceiling.perSecond / d.baseline.perSecond, 3),
            fixed(d.throughput.perSecond / d.ceiling.perSecond, 3),
            perSecond(d.throughput.approvalsAnsweredPerSecond),
            cpus(d.throughput.cpu.dojang),
            `${ms((d.throughput.cpu.dojang / d.throughput.perSecond) * 1000)} ms`,
            pgCpus(d.kind, d.throughput.cpu),
            cpus(d.throughput.cpu.bench),
            cpus(d.throughput.cpu.others),
            cpus(d.ceiling.cpu.dojang),
            cpus(d.ceiling.cpu.bench),
            `${ms(d.throughput.p50)} ms`,
            `${ms(d.throughput.p99)} ms`,
          ];
        }),
      ),
    );
    out.push('');
    for (const d of deliveries) {
      if (!d.statementTimes) continue;
      out.push(`${d.kind}: the statements of the throughput phase (${THROUGHPUT_APPROVALS} approvals), most time first (BENCH_TIME_STATEMENTS):`);
      out.push(d.statementTimes, '');
    }
    out.push(
      `Latency at a steady ${STEADY_RATE} approvals/s for ${STEADY_SECONDS} s (open loop): export event created (its workdatetime) → the receiver has the whole request.`,
    );
    out.push(
      `Run again once when the rest of the machine took more than ${DISTURBED_CPU} CPU; the quieter run is shown, and every run's p99 with the others' CPU.`,
    );
    out.push(`Baseline: plain POSTs of the same body at ${STEADY_RATE}/s for ${STEADY_BASELINE_SECONDS} s from their own process, send → response.`);
    out.push(
      table(
        [
          'database',
          'approvals/s',
          'p50',
          'p99',
          'target p99 < 50 ms',
          'max',
          `baseline: POST at ${STEADY_RATE}/s p50`,
          'p99',
          'approval answer p50',
          'p99',
          'approval sent→received p99',
          'CPU: Dojang',
          'PostgreSQL',
          'others',
          'runs: p99 (others)',
        ],
        deliveries.map((d) => [
          d.kind,
          fixed(d.steady.achievedPerSecond, 1),
          `${ms(d.steady.p50)} ms`,
          `${ms(d.steady.p99)} ms`,
          verdict(d.steady.p99 < 50),
          `${ms(d.steady.max)} ms`,
          `${ms(d.baseline.steadyP50)} ms`,
          `${ms(d.baseline.steadyP99)} ms`,
          `${ms(d.steady.approvalP50)} ms`,
          `${ms(d.steady.approvalP99)} ms`,
          `${ms(d.steady.sentToReceivedP99)} ms`,
          cpus(d.steady.cpu.dojang),
          pgCpus(d.kind, d.steady.cpu),
          cpus(d.steady.cpu.others),
          d.steadyAttempts.map((a) => `${ms(a.p99)} ms (${fixed(a.cpu.others, 2)})`).join(', '),
        ]),
      ),
    );
    out.push('');
  }

  const sizes = [...new Set(backlogs.flatMap((b) => b.probes.map((p) => p.events)).filter((n) => n > 0))].sort((a, b) => a - b);
  out.push(
    `The claim query (claimJobs, as a worker's poll calls it: limit 16) when it finds nothing, median ms of up to ${PROBES_PER_STATE} calls, by pending export events`,
  );
  out.push(`(${BACKLOG_EVENTS_PER_WORKFLOW} per workflow, interleaved as they arrive). Baseline: the same call with no open job.`);
  const rows: string[][] = [];
  for (const b of backlogs) {
    const idle = b.probes.find((p) => p.state === 'idle');
    rows.push([b.kind, 'idle', idle ? ms(idle.medianMs) : '-', ...sizes.map(() => '')]);
    for (const state of ['outage', 'saturated', 'delivered'] as const) {
      rows.push([
        b.kind,
        state,
        '',
        ...sizes.map((n) => {
          const probe = b.probes.find((p) => p.state === state && p.events === n);
          return probe ? ms(probe.medianMs) : '-';
        }),
      ]);
    }
  }
  out.push(table(['database', 'state', 'no open job', ...sizes.map((n) => n.toLocaleString('en'))], rows));
  for (const [state, meaning] of Object.entries(PROBE_STATES)) out.push(`  ${state}: ${meaning}`);
  for (const b of backlogs) if (b.gaveUp) out.push(`  ${b.kind}: ${b.gaveUp}.`);
  out.push('');

  const live = backlogs.filter((b) => b.live !== null);
  if (live.length > 0) {
    out.push(
      `Dojang with ${live[0]!.events.toLocaleString('en')} pending export events: the receiver refuses connections for ${OUTAGE_SECONDS} s, then is back for ${RECOVERY_SECONDS} s (retry schedule: every 5 s).`,
    );
    out.push(
      `RSS of the Dojang process, read from /proc every second. It saw-tooths with the garbage of hundreds of failing attempts a second; flat means the second half of the outage is no higher than the first.`,
    );
    out.push(
      table(
        [
          'database',
          'RSS fresh (empty database)',
          'RSS at start',
          'outage: mean, 1st half',
          '2nd half',
          'highest',
          'after recovery',
          'peak RSS',
          'attempts/s (outage)',
          'Dojang CPU (outage)',
          'delivered/s (recovery)',
          'fresh approvals→exports/s',
        ],
        live.map((b) => {
          const fresh = deliveries.find((d) => d.kind === b.kind);
          return [
            b.kind,
            fresh ? mib(fresh.freshRss) : '-',
            mib(b.live!.rss.atStart),
            mib(b.live!.rss.outageHalves[0]),
            mib(b.live!.rss.outageHalves[1]),
            mib(b.live!.rss.highestInOutage),
            mib(b.live!.rss.afterRecovery),
            mib(b.live!.rss.peak),
            perSecond(b.live!.outage.attemptsPerSecond),
            `${fixed(b.live!.outage.cpuPercent, 0)}%`,
            perSecond(b.live!.recovery.deliveredPerSecond),
            fresh ? perSecond(fresh.throughput.perSecond) : '-',
          ];
        }),
      ),
    );
    out.push('');
  }

  for (const b of backlogs) {
    for (const { state, query, plan } of b.plans) {
      out.push(`Plan of ${query} on ${b.kind}, ${state}, ${b.events.toLocaleString('en')} events:`);
      out.push(
        plan
          .split('\n')
          .map((line) => `    ${line}`)
          .join('\n'),
      );
    }
  }
  return out.join('\n');
}

const loadAverage = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');

async function main(): Promise<void> {
  const available: DatabaseKind[] = (await postgresAnswers()) ? ['sqlite', 'postgres'] : ['sqlite'];
  const only = process.env.BENCH_DATABASES?.split(',');
  const kinds = only ? available.filter((kind) => only.includes(kind)) : available;
  const deliveries: DeliveryResult[] = [];
  const load = { start: loadAverage(), end: '' };
  const backlogs: BacklogResult[] = [];
  if (!process.env.BENCH_SKIP_DELIVERY) for (const kind of kinds) deliveries.push(await measureDelivery(kind));
  if (!process.env.BENCH_SKIP_BACKLOG) for (const kind of kinds) backlogs.push(await measureBacklog(kind));
  load.end = loadAverage();
  console.log(report(deliveries, backlogs, load));
}

await main();
