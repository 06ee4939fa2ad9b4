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
