// Times every SQLite statement Dojang runs, by SQL text, between two SIGUSR2 signals, and writes
// a table (total, count, mean, p50, p99, max, time spent in runs over 1 ms) to the file named by
// DOJANG_STATEMENT_TIMES. Loaded into a bench's Dojang with `--import` (plain JavaScript: it runs
// before tsx); BENCH_TIME_STATEMENTS=1 makes bench/exports.bench.ts do so around its throughput
// phase. It is how a checkpoint's fsync inside one commit in a few dozen was found.
import fs from 'node:fs';
import { createRequire } from 'node:module';

const SQLite = createRequire(import.meta.url)('better-sqlite3');
const file = process.env.DOJANG_STATEMENT_TIMES;
const times = new Map();
let timing = false;

const prepare = SQLite.prototype.prepare;
SQLite.prototype.prepare = function (source, ...rest) {
  const statement = prepare.call(this, source, ...rest);
  const key = source.replace(/\s+/g, ' ');
  for (const method of ['run', 'all', 'get']) {
    const original = statement[method];
    statement[method] = function (...args) {
      if (!timing) return original.apply(this, args);
      const started = process.hrtime.bigint();
      try {
        return original.apply(this, args);
      } finally {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        const list = times.get(key);
        if (list) list.push(ms);
        else times.set(key, [ms]);
      }
    };
  }
  return statement;
};

const us = (ms) => `${Math.round(ms * 1000)}`.padStart(6);
process.on('SIGUSR2', () => {
  timing = !timing;
  if (timing) {
    times.clear();
    return;
  }
  const rows = [...times]
    .map(([sql, list]) => ({ sql, list: list.sort((a, b) => a - b), total: list.reduce((a, b) => a + b, 0) }))
    .sort((a, b) => b.total - a.total)
    .map(({ sql, list, total }) => {
      const at = (q) => list[Math.min(list.length - 1, Math.floor(list.length * q))];
      const slow = list.filter((ms) => ms > 1).reduce((a, b) => a + b, 0);
      return `${total.toFixed(1).padStart(8)} ms ${String(list.length).padStart(6)}× mean ${us(total / list.length)} µs  p50 ${us(at(0.5))}  p99 ${us(at(0.99))}  max ${us(list.at(-1))}  in runs > 1 ms: ${slow.toFixed(0).padStart(4)} ms  ${sql.slice(0, 140)}`;
    });
  if (file) fs.writeFileSync(file, `${rows.join('\n')}\n`);
});
