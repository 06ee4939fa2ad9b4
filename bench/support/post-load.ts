// The exports bench's baseline, run as a process of its own (as Dojang's worker is): `count`
// plain HTTP POSTs of one JSON body to the receiver through one undici pool, either as fast as
// `concurrency` at a time allows, or at a steady `ratePerSecond` (open loop). Prints one JSON
// line: the elapsed time and each request's latency.
//
//   node --import tsx bench/support/post-load.ts '{"url":…,"count":…,"concurrency":…,"body":…,"headers":{…}}'
import { Pool } from 'undici';

export interface PostLoad {
  url: string;
  count: number;
  concurrency: number;
  body: string;
  headers: Record<string, string>;
  ratePerSecond?: number;
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
if (spec.ratePerSecond === undefined) {
  await Promise.all(
    Array.from({ length: spec.concurrency }, async () => {
      while (next < spec.count) {
        next++;
        await post();
      }
    }),
  );
} else {
  const posts: Promise<void>[] = [];
  for (let i = 0; i < spec.count; i++) {
    const wait = started + (i * 1000) / spec.ratePerSecond - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    posts.push(post());
  }
  await Promise.all(posts);
}
const elapsedMs = performance.now() - started;
await pool.close();
process.stdout.write(`${JSON.stringify({ elapsedMs, latencies })}\n`);
