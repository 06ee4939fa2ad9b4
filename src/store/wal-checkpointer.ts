// SQLite in WAL mode copies the write-ahead log back into the database file now and then (a
// checkpoint), and by default the connection whose commit crosses 1000 pages of log does it,
// fsync included: under load, one commit in a few dozen stopped Dojang's only thread for 10 ms
// or more, half of all the time spent committing (bench/exports.bench.ts, timed per statement).
// So the main connection never checkpoints (wal_autocheckpoint = 0), and a worker thread with a
// connection of its own checkpoints every CHECKPOINT_EVERY_MS. A PASSIVE checkpoint waits for no
// reader or writer, and the log starts over from its beginning at the first commit after a
// complete one, so it stays a few megabytes long.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const CHECKPOINT_EVERY_MS = 250;

/** The worker's code: CommonJS run with `eval`, so it needs no build step and no TypeScript loader. */
const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const SQLite = require(workerData.driver);
const db = new SQLite(workerData.file);
db.pragma('busy_timeout = 5000');
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ failed: String(error && error.message || error) });
  }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

export interface WalCheckpointer {
  /** Checkpoints once more and closes the worker's connection; call before closing the main one. */
  stop(): Promise<void>;
}

export function startWalCheckpointer(file: string, onError: (message: string) => void): WalCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_CODE, { eval: true, workerData: { file, driver, everyMs: CHECKPOINT_EVERY_MS } });
  // A checkpoint failing is no emergency (the log grows meanwhile); the worker keeps trying.
  worker.on('message', (message: { failed?: string }) => message.failed && onError(message.failed));
  worker.on('error', (error) => onError(error.message));
  // The process may exit while the worker still runs (tests that never close the database).
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}
