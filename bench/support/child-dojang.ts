// Dojang in a process of its own (`node --import tsx src/main.ts`), listening on loopback, as
// `npm start` runs it: the bench measures it from outside, over HTTP, and reads its memory
// and CPU from /proc. The bench process itself holds the receiver and the load generator.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { toCompanyId } from '../../src/domain/ids.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

export const BENCH_COMPANY = { id: toCompanyId('bench'), email: 'bench@bench.example.com', password: 'bench-password-1' };

export interface ChildDojang {
  url: string;
  pid: number;
  output(): string;
  stop(): Promise<void>;
}

/** A loopback port nobody is listening on right now. */
export function freePort(port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A free port below Linux's ephemeral range (32768-60999), for a receiver that is down for a
 * while and then comes back on the same port: with hundreds of connection attempts a second to
 * a port in that range, the kernel sooner or later picks it as an attempt's own source port, the
 * attempt connects to itself and holds it, and the receiver cannot listen there again.
 */
export async function freePortBelowEphemeral(): Promise<number> {
  for (let tries = 0; ; tries++) {
    try {
      return await freePort(20_000 + Math.floor(Math.random() * 12_000));
    } catch (error) {
      if (tries >= 50) throw error;
    }
  }
}

/** BENCH_CHILD_NODE_FLAGS adds Node flags to the child, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile Dojang under load; so does `nodeFlags`. */
export async function startChildDojang(
  env: { DATABASE_URL: string; DATA_DIR: string } & Record<string, string>,
  nodeFlags: string[] = [],
): Promise<ChildDojang> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const flags = [...(process.env.BENCH_CHILD_NODE_FLAGS?.split(' ').filter(Boolean) ?? []), ...nodeFlags];
  const child: ChildProcess = spawn(process.execPath, [...flags, '--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      LOG_LEVEL: 'warn',
      DOJANG_DEMO: 'false',
      DOJANG_BOOTSTRAP_COMPANY: BENCH_COMPANY.id,
      DOJANG_BOOTSTRAP_EMAIL: BENCH_COMPANY.email,
      DOJANG_BOOTSTRAP_PASSWORD: BENCH_COMPANY.password,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  child.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  // Should the bench itself die (an uncaught error), Dojang goes with it rather than running on,
  // loading the machine for every later run.
  const killWithBench = () => child.kill('SIGKILL');
  process.once('exit', killWithBench);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      process.off('exit', killWithBench);
      resolve();
    }),
  );
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Dojang exited at start:\n${output}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Dojang did not come up within 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    pid: child.pid!,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
