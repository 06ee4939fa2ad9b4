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

/** CPU time of the whole machine so far (all CPUs), busy only, ms; from /proc/stat. */
function machineBusyMs(): number {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = ticks.reduce((sum, n) => sum + n, 0);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return ((total - idle) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** CPU time so far of each process whose command line contains `text`, by pid (PostgreSQL names its backends' database there). */
function cpuOfProcessesNamed(text: string): Map<number, number> {
  const found = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(text)) found.set(Number(entry), processUsage(Number(entry)).cpuMs);
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** CPUs' worth of work over an interval: the measured process's, its server's (PostgreSQL backends, Redis), this bench process's, and everything else. */
export interface CpuShares {
  /** The process measured: Dojang, or the relay or the BullMQ pipeline standing in for it. */
  dojang: number;
  /** The server processes it uses: the PostgreSQL backends of its database, or Redis (0 on SQLite). */
  server: number;
  bench: number;
  /** The rest of the machine: other people's work, PostgreSQL's shared writers. */
  others: number;
}

/**
 * Starts watching a process and the server processes whose command line contains `serverNamed`
 * (PostgreSQL names its backends' database there; Redis says redis-server); the returned function
 * answers the shares since then.
 */
export function watchCpu(pid: number, serverNamed?: string): () => CpuShares {
  const started = performance.now();
  const dojang = processUsage(pid).cpuMs;
  const servers = serverNamed ? cpuOfProcessesNamed(serverNamed) : new Map<number, number>();
  const bench = process.cpuUsage();
  const machine = machineBusyMs();
  return () => {
    const wall = performance.now() - started;
    const benchUsed = process.cpuUsage(bench);
    let serverMs = 0;
    // A backend first seen now started during the interval: all its time counts.
    if (serverNamed) for (const [id, ms] of cpuOfProcessesNamed(serverNamed)) serverMs += ms - (servers.get(id) ?? 0);
    const shares = {
      dojang: (processUsage(pid).cpuMs - dojang) / wall,
      server: serverMs / wall,
      bench: (benchUsed.user + benchUsed.system) / 1000 / wall,
    };
    return { ...shares, others: Math.max(0, (machineBusyMs() - machine) / wall - shares.dojang - shares.server - shares.bench) };
  };
}
