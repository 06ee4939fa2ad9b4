// The PDF worker pool: every task that parses, draws, seals or checks a PDF runs on a worker
// thread (piscina), never on the event loop that answers HTTP, so a heavy or hostile PDF slows
// no other request. Each task runs under a time limit (the worker is stopped when it runs out)
// and a heap limit; what no heap limit covers (decoded streams) the bounds check covers before
// a parser sees the file. Threads start on first use and stop when idle, so a quiet server and
// the tests pay nothing for the pool; they run at a lower CPU priority than the HTTP thread.
import { LRUCache } from 'lru-cache';
import { Piscina } from 'piscina';
import { said, sayBilingual } from '../domain/said.ts';
import { PdfRefused, refuse, type PdfLimits } from './pdf-limits.ts';
import type { PdfTaskAnswer, PdfTaskKind, PdfTasks } from './pdf-tasks.ts';

export interface PdfPoolOptions {
  limits: PdfLimits;
  /** Worker threads at most. */
  threads: number;
  /** One task's time limit, in milliseconds, from when it starts running. */
  timeoutMs: number;
  /** One worker's heap limit, in MB. */
  memoryMb: number;
  /** Tasks waiting for a thread at most; beyond that a task is refused at once (PdfBusy). */
  maxWaiting: number;
  /** How long an idle thread stays before it exits (and gives its memory back). */
  idleMs?: number;
}

const BUSY = said('pdfBusy');

/** Too many PDF tasks are waiting already: try again shortly (HTTP 503). */
export class PdfBusy extends Error {
  readonly code = 'PDF_BUSY';
  readonly said = BUSY;
  constructor() {
    super(sayBilingual(BUSY));
  }
}

export class PdfPool {
  readonly limits: PdfLimits;
  readonly #options: PdfPoolOptions;
  readonly #piscina: Piscina;
  #running = 0;
  readonly #waiting: (() => void)[] = [];
  /** SHA-256 of PDFs that passed the bounds in this process: they are not measured again. */
  readonly #checked = new Set<string>();
  /** PDFs drawn for a state that does not change (a workflow at one version), kept for the next request. */
  readonly #drawn = new LRUCache<string, Uint8Array>({ maxSize: 64 * 1024 * 1024, sizeCalculation: (pdf) => Math.max(1, pdf.length) });
  readonly #working = new Map<string, Promise<unknown>>();

  constructor(options: PdfPoolOptions) {
    this.#options = options;
    this.limits = options.limits;
    this.#piscina = new Piscina({
      filename: new URL('./pdf-worker.mjs', import.meta.url).href,
      minThreads: 0,
      maxThreads: options.threads,
      idleTimeout: options.idleMs ?? 30_000,
      niceIncrement: 19,
      resourceLimits: { maxOldGenerationSizeMb: options.memoryMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
    });
  }

  /** Runs a task on a worker: its value, or PdfRefused naming the bound it broke, or PdfBusy. */
  async run<K extends PdfTaskKind>(kind: K, input: PdfTasks[K]['input']): Promise<PdfTasks[K]['output']> {
    await this.#slot();
    try {
      const answer = (await this.#piscina.run({ kind, input }, { signal: AbortSignal.timeout(this.#options.timeoutMs) })) as PdfTaskAnswer<K>;
      if (!answer.ok) throw new PdfRefused(answer.refusal);
      return answer.value;
    } catch (error) {
      throw this.#explain(error);
    } finally {
      this.#running--;
      this.#waiting.shift()?.();
    }
  }

  /** Whether these bytes (by SHA-256) already passed the bounds here. */
  isChecked(sha256: string): boolean {
    return this.#checked.has(sha256);
  }

  markChecked(sha256: string): void {
    // A plain set, emptied when it grows large: forgetting only costs one more measurement.
    if (this.#checked.size >= 10_000) this.#checked.clear();
    this.#checked.add(sha256);
  }

  /**
   * The PDF drawn for `key` (which must name everything the drawing depends on): made once, by
   * the first caller, while later callers for the same key wait for it and then reuse it.
   */
  async drawOnce(key: string, draw: () => Promise<Uint8Array>): Promise<Uint8Array> {
    const kept = this.#drawn.get(key);
    if (kept) return kept;
    const pdf = await this.once(key, draw);
    this.#drawn.set(key, pdf);
    return pdf;
  }

  /** `work` for `key`, shared by every caller while it runs (nothing is kept after it). */
  once<T>(key: string, work: () => Promise<T>): Promise<T> {
    let running = this.#working.get(key) as Promise<T> | undefined;
    if (!running) {
      running = work().finally(() => this.#working.delete(key));
      this.#working.set(key, running);
    }
    return running;
  }

  async close(): Promise<void> {
    await this.#piscina.close({ force: true });
  }

  /** Waits for a free thread, so that the time limit counts running time, not time in line. */
  #slot(): Promise<void> {
    if (this.#running < this.#options.threads) {
      this.#running++;
      return Promise.resolve();
    }
    if (this.#waiting.length >= this.#options.maxWaiting) return Promise.reject(new PdfBusy());
    return new Promise((resolve) => {
      this.#waiting.push(() => {
        this.#running++;
        resolve();
      });
    });
  }

  #explain(error: unknown): unknown {
    if (error instanceof PdfRefused || error instanceof PdfBusy) return error;
    const { name, code } = (error ?? {}) as { name?: string; code?: string };
    if (name === 'AbortError') return new PdfRefused(refuse.time(this.#options.timeoutMs));
    if (code === 'ERR_WORKER_OUT_OF_MEMORY') return new PdfRefused(refuse.memory(this.#options.memoryMb));
    return error;
  }
}
