// The exports bench's baseline, run as a process of its own (as Dojang's worker is): `count`
// plain HTTP POSTs of one JSON body to the receiver, `concurrency` at a time, through one
// undici pool. Prints one JSON line: the elapsed time and each request's latency.
//
//   node --import tsx bench/support/post-load.ts '{"url":…,"count":…,"concurrency":…,"body":…,"headers":{…}}'
import { Pool } from 'undici';

interface PostLoad {
  url: string;
  count: number;
  concurrency: number;
  body: string;
  headers: Record<string, string>;
}

const spec = JSON.parse(process.argv[2] ?? '{}') as PostLoad;
const target = new URL(spec.url);
const pool = new Pool(target.origin, { connections: spec.concurrency, pipelining: 1 });
const body = Buffer.from(spec.body, 'utf8');
const latencies: number[] = [];

async function post(): Promise<void> {
  const started = performance.now();
  const response = await pool.request({ method: 'POST', path: target.pathname, headers: spec.headers, body });
  await response.body.dump();
  if (response.statusCode !== 200) throw new Error(`the receiver answered ${response.statusCode}`);
  latencies.push(performance.now() - started);
}

// A short warm-up opens the connections, as Dojang's agent has them open after its first deliveries.
for (let i = 0; i < spec.concurrency * 4; i++) await post();
latencies.length = 0;

let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: spec.concurrency }, async () => {
    while (next < spec.count) {
      next++;
      await post();
    }
  }),
);
const elapsedMs = performance.now() - started;
await pool.close();
process.stdout.write(`${JSON.stringify({ elapsedMs, latencies })}\n`);
