// Dojang's image run with podman the way this machine can (../shared/container/README.md): runc,
// the host's network (so a container reaches the host's PostgreSQL and receivers on loopback),
// CONTAINERS_CONF and DOJANG_IMAGE exported by run.sh.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const IMAGE = process.env.DOJANG_IMAGE ?? 'localhost/dojang:test';
export const BASE_IMAGE = process.env.DOJANG_BASE_IMAGE ?? 'docker.io/library/node:20-bookworm-slim';

/** `podman --runtime runc …`; its stdout, trimmed. Throws with stderr when it fails. */
export async function podman(...args: string[]): Promise<string> {
  try {
    const { stdout } = await run('podman', ['--runtime', 'runc', ...args], { maxBuffer: 64 * 1024 * 1024 });
    return stdout.trim();
  } catch (error) {
    const e = error as Error & { stderr?: string };
    throw new Error(`podman ${args.join(' ')}: ${e.stderr?.trim() || e.message}`);
  }
}

export interface DojangContainer {
  name: string;
  url: string;
  /** A command inside the running container, as its user. */
  exec(...command: string[]): Promise<string>;
  /** `podman stop -t 10`: SIGTERM, then SIGKILL at 10 s. The exit code podman recorded, and how long it took. */
  stop(): Promise<{ exitCode: number; ms: number }>;
  remove(): Promise<void>;
}

export interface RunOptions {
  name: string;
  port: number;
  /** The host folder mounted as /data. */
  dataDir: string;
  env?: Record<string, string>;
  /** More `podman run` options, e.g. --read-only. */
  podmanOptions?: string[];
}

/** `podman run -d` of the image, answered once /readyz says ready (or thrown with the container's log). */
export async function runDojang(options: RunOptions): Promise<DojangContainer> {
  const url = `http://127.0.0.1:${options.port}`;
  const env = { PORT: String(options.port), HOST: '127.0.0.1', PUBLIC_URL: url, LOG_LEVEL: 'warn', DOJANG_WORKER_POLL_MS: '100', ...options.env };
  await podman(
    'run',
    '-d',
    '--name',
    options.name,
    '--network=host',
    ...(options.podmanOptions ?? []),
    ...Object.entries(env).flatMap(([name, value]) => ['-e', `${name}=${value}`]),
    '-v',
    `${options.dataDir}:/data`,
    IMAGE,
  );
  const container: DojangContainer = {
    name: options.name,
    url,
    exec: (...command) => podman('exec', options.name, ...command),
    async stop() {
      const started = Date.now();
      await podman('stop', '-t', '10', options.name);
      const ms = Date.now() - started;
      return { exitCode: Number(await podman('inspect', '--format', '{{.State.ExitCode}}', options.name)), ms };
    },
    async remove() {
      await podman('rm', '-f', '--ignore', options.name);
    },
  };
  await waitUntilReady(container);
  return container;
}

async function waitUntilReady(container: DojangContainer): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      if ((await fetch(`${container.url}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    const running = await podman('inspect', '--format', '{{.State.Running}}', container.name);
    if (running !== 'true' || Date.now() > deadline) {
      const log = await containerLog(container.name);
      throw new Error(`${container.name} ${running === 'true' ? 'was not ready within 120 s' : 'exited'}:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** What the container wrote to stdout and stderr. */
export async function containerLog(name: string): Promise<string> {
  try {
    const { stdout, stderr } = await run('podman', ['--runtime', 'runc', 'logs', name], { maxBuffer: 64 * 1024 * 1024 });
    return `${stdout}${stderr}`;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Bytes an image takes (its layers and its base's). */
export async function imageBytes(image: string): Promise<number> {
  return Number(await podman('image', 'inspect', '--format', '{{.Size}}', image));
}
