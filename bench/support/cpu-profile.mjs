// Profiles a bench's Dojang between two SIGUSR2 signals (the main thread, with V8's sampling
// profiler) and writes the profile to DOJANG_CPU_PROFILE (open it in Chrome's DevTools or
// speedscope). Loaded with `--import`, as time-statements.mjs is; BENCH_CPU_PROFILE=file makes
// bench/exports.bench.ts do so around the SQLite burst, so the profile holds the approvals and
// their exports and none of the contracts' starts.
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';

const file = process.env.DOJANG_CPU_PROFILE;
const session = new Session();
session.connect();
let profiling = false;

process.on('SIGUSR2', async () => {
  profiling = !profiling;
  if (profiling) {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
    return;
  }
  const { profile } = await session.post('Profiler.stop');
  if (file) fs.writeFileSync(file, JSON.stringify(profile));
});
