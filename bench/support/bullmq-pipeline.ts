// The exports bench's other baseline: what an integrator would build instead of Dojang's outbox,
// with BullMQ on the local Redis. A process of its own (as Dojang is): an HTTP endpoint takes the
// same approval calls, builds the export body (the bench's real one, with this acceptance's
// `workdatetime` and a fresh `wfuid`), adds it to a BullMQ queue and answers once Redis has it;
// a BullMQ worker in the same process POSTs each body to the receiver through one undici pool,
// `concurrency` at a time, retried with backoff on failure. No contract state, no signature, no
// checks: the least an approval's export can cost through a queue. Prints its port, or exits 2
// when Redis does not answer.
//
//   node --import tsx bench/support/bullmq-pipeline.ts '{"url":…,"concurrency":…,"body":…,"redisUrl":…,"queue":…}'
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { Pool } from 'undici';
import { formatWorkdatetime } from '../../src/domain/time.ts';

interface PipelineSpec {
  /** The receiver's URL. */
  url: string;
  concurrency: number;
  /** A real export body: each job sends it with its own workdatetime and wfuid. */
  body: string;
  redisUrl: string;
  /** A queue name of this run's own, removed at exit. */
  queue: string;
}

const spec = JSON.parse(process.argv[2] ?? '{}') as PipelineSpec;
const target = new URL(spec.url);
const pool = new Pool(target.origin, { connections: spec.concurrency, pipelining: 1 });
const template = JSON.parse(spec.body) as { body: Record<string, unknown> };
const headers = { 'content-type': 'application/json; charset=utf-8' };
const answer = JSON.stringify({ header: { request_code: '5010A', result_code: '00', result_msg: '성공' }, body: { comp_id: 'bench' } });

// BullMQ's workers block on Redis: they need maxRetriesPerRequest null.
const connection = new Redis(spec.redisUrl, { maxRetriesPerRequest: null, lazyConnect: true, connectTimeout: 2000, retryStrategy: () => null });
// A Redis that does not answer is said once, below.
connection.on('error', () => {});
try {
  await connection.connect();
  await connection.ping();
} catch (error) {
  process.stderr.write(`bullmq-pipeline: Redis at ${spec.redisUrl} does not answer: ${String(error)}\n`);
  process.exit(2);
}
const queue = new Queue(spec.queue, { connection });
const worker = new Worker(
  spec.queue,
  async (job) => {
    const response = await pool.request({ method: 'POST', path: target.pathname, headers, body: job.data as string });
    await response.body.dump();
    if (response.statusCode < 200 || response.statusCode >= 300) throw new Error(`the receiver answered ${response.statusCode}`);
  },
  { connection: connection.duplicate(), concurrency: spec.concurrency },
);
worker.on('failed', (_job, error) => process.stderr.write(`bullmq-pipeline: ${error.message}\n`));

let accepted = 0;
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const body = JSON.stringify({ ...template, body: { ...template.body, wfuid: String(++accepted), workdatetime: formatWorkdatetime(new Date()) } });
    // As an integrator would set it up: retried with backoff, finished jobs not kept.
    queue.add('export', body, { attempts: 25, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: true, removeOnFail: 1000 }).then(
      () => res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(answer),
      (error: unknown) => res.writeHead(503).end(String(error)),
    );
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));

process.on('SIGTERM', () => {
  server.close();
  void (async () => {
    await worker.close();
    await queue.obliterate({ force: true }).catch(() => {});
    await queue.close();
    await connection.quit().catch(() => {});
    await pool.close();
    process.exit(0);
  })();
});
