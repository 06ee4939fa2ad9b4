// What the exports bench measures Dojang against, each in a process of its own (as Dojang is):
// the plain POST loop (post-load.ts), the bare relay (bare-relay.ts) and the BullMQ pipeline
// (bullmq-pipeline.ts). The relay and the pipeline print their port once listening.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { PostLoad } from './post-load.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

const script = (name: string) => path.join(ROOT, 'bench/support', name);

/** Posts `count` copies of `body` to `url`, `concurrency` at a time (or at a steady rate); answers the elapsed time and each latency. */
export function runPostLoad(spec: PostLoad): Promise<{ elapsedMs: number; latencies: number[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script('post-load.ts'), JSON.stringify(spec)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`the baseline load exited with ${code}`))));
  });
}

export interface ListeningProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** A listening stand-in started; null when it exited with code 2 (what it needs is missing, it said why on stderr). */
export async function startListening(name: 'bare-relay.ts' | 'bullmq-pipeline.ts', spec: object): Promise<ListeningProcess | null> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script(name), JSON.stringify(spec)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    void exited.then((code) => (code === 2 ? resolve(null) : reject(new Error(`${name} exited with ${code}`))));
    child.stdout!.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
  });
  if (port === null) return null;
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
