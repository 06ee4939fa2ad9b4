// `npm run bench`: runs every bench/*.bench.ts in turn (or those named on the command line),
// each printing its own ratios against a baseline measured in the same run, and writes the
// combined report to bench/results/latest.md.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const here = import.meta.dirname;
const wanted = process.argv.slice(2);
const benches = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();

const report: string[] = [`# Dojang benchmarks — ${new Date().toISOString()}`, '', `Node ${process.version}, ${process.platform}/${process.arch}`, ''];
let failed = false;
for (const file of benches) {
  console.log(`\n=== ${file}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', path.join(here, file)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  process.stdout.write(result.stdout);
  report.push(`## ${file}`, '', '```', result.stdout.trim(), '```', '');
  if (result.status !== 0) {
    failed = true;
    report.push(`(exited with ${result.status})`, '');
  }
}
fs.mkdirSync(path.join(here, 'results'), { recursive: true });
fs.writeFileSync(path.join(here, 'results', 'latest.md'), report.join('\n'));
console.log(`\nReport written to bench/results/latest.md`);
process.exit(failed ? 1 : 0);
