// Closes what a test opened (receivers, agents) once it ends, passed or failed.

import { afterEach } from 'vitest';

/** Call at the top of a test file; the returned function registers one cleanup. */
export function cleanUpAfterEachTest(): (cleanup: () => Promise<unknown>) => void {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });
  return (cleanup) => {
    cleanups.push(cleanup);
  };
}
