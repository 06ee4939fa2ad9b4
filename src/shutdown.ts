// Stopping the process (SIGTERM, SIGINT): it stops taking requests, gives the requests and job
// attempts in flight up to SHUTDOWN_GRACE_MS to finish, then cuts the attempts short and gives
// their jobs back (a job given back is not a failed attempt: any process runs it again), and
// exits 0, all within SHUTDOWN_LIMIT_MS.

/** How long requests and job attempts in flight get to finish. */
export const SHUTDOWN_GRACE_MS = 8_000;
/** When the process exits whatever is left: a container manager's kill usually follows at 10 s. */
export const SHUTDOWN_LIMIT_MS = 10_000;

/** Whether `work` settles within `ms` (waits for it when `ms` is not finite). */
export async function finishedWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  if (!Number.isFinite(ms)) {
    await work;
    return true;
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const done = await Promise.race([
    work.then(
      () => true,
      () => true,
    ),
    timeout,
  ]);
  clearTimeout(timer);
  return done;
}
