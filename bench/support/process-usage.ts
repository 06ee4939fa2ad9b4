// Memory and CPU of a process by its id, read from /proc (Linux): what `ps` would show.
import fs from 'node:fs';

export interface ProcessUsage {
  /** Resident set size now, bytes. */
  rss: number;
  /** Peak resident set size so far (VmHWM), bytes. */
  peakRss: number;
  /** User + system CPU time so far, ms. */
  cpuMs: number;
}

const CLOCK_TICKS_PER_SECOND = 100;

export function processUsage(pid: number): ProcessUsage {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024;
  // Fields 14 and 15 of /proc/<pid>/stat (utime, stime), counted after the command's closing parenthesis.
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return { rss: kb('VmRSS'), peakRss: kb('VmHWM'), cpuMs: (ticks * 1000) / CLOCK_TICKS_PER_SECOND };
}

/** CPU time of the whole machine so far (all CPUs), ms: busy and in total; from /proc/stat. */
function machineBusyMs(): number {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = ticks.reduce((sum, n) => sum + n, 0);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return ((total - idle) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** CPUs' worth of work over an interval: Dojang's, this bench process's, and everything else on the machine. */
export interface CpuShares {
  dojang: number;
  bench: number;
  /** The rest of the machine: other people's work, and PostgreSQL's when it runs there. */
  others: number;
}

/** Starts watching; the returned function answers the shares since then. */
export function watchCpu(dojangPid: number): () => CpuShares {
  const started = performance.now();
  const dojang = processUsage(dojangPid).cpuMs;
  const bench = process.cpuUsage();
  const machine = machineBusyMs();
  return () => {
    const wall = performance.now() - started;
    const shares = {
      dojang: (processUsage(dojangPid).cpuMs - dojang) / wall,
      bench: (() => {
        const used = process.cpuUsage(bench);
        return (used.user + used.system) / 1000 / wall;
      })(),
    };
    return { ...shares, others: Math.max(0, (machineBusyMs() - machine) / wall - shares.dojang - shares.bench) };
  };
}
