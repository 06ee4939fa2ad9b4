// A restored database's running jobs (an export being delivered, a document being sealed when the
// backup was taken) are leased to processes that are no part of the restored copy. Their leases
// are ended, so the first Dojang started on the copy takes them up at once, as it would a dead
// process's once the lease ran out (jobs/outbox.ts claimJobs), instead of minutes later.
import SQLite from 'better-sqlite3';

/** Ends every running job's lease in a restored SQLite database; answers how many. */
export function releaseJobLeases(file: string, now: Date): number {
  const db = new SQLite(file, { fileMustExist: true });
  try {
    // An archive from a Dojang without the outbox's leases has nothing to release.
    const columns = db.pragma('table_info(jobs)') as { name: string }[];
    if (!columns.some((column) => column.name === 'lease_expires_at')) return 0;
    // Stored times are ISO-8601 UTC text with milliseconds (domain/time.ts), as toISOString writes them.
    return db.prepare("update jobs set lease_expires_at = ? where status = 'running'").run(now.toISOString()).changes;
  } finally {
    db.close();
  }
}
