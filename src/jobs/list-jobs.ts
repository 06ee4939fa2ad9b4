// Jobs with their attempts, for the delivery logs of the v1 API (exports, notifications).
import type { Kysely } from 'kysely';
import type { Database, Job, JobAttempt, JobQueue } from '../store/schema.ts';
import type { Timestamp } from '../domain/time.ts';
import type { CompanyId, JobId, WorkflowId } from '../domain/ids.ts';

export interface JobWithAttempts {
  job: Job;
  attempts: JobAttempt[];
}

export async function listJobs(
  db: Kysely<Database>,
  filter: {
    companyId: CompanyId;
    queue: JobQueue;
    workflowId?: WorkflowId;
    status?: Job['status'];
    since?: Timestamp;
    limit?: number;
    /** Newest first (pages continue with beforeId); oldest first by default. */
    newestFirst?: boolean;
    beforeId?: JobId;
  },
): Promise<JobWithAttempts[]> {
  const jobs = await db
    .selectFrom('jobs')
    .selectAll()
    .where('company_id', '=', filter.companyId)
    .where('queue', '=', filter.queue)
    .$if(filter.workflowId !== undefined, (q) => q.where('workflow_id', '=', filter.workflowId!))
    .$if(filter.status !== undefined, (q) => q.where('status', '=', filter.status!))
    .$if(filter.since !== undefined, (q) => q.where('created_at', '>=', filter.since!))
    .$if(filter.beforeId !== undefined, (q) => q.where('id', '<', filter.beforeId!))
    .orderBy('id', filter.newestFirst ? 'desc' : 'asc')
    .limit(filter.limit ?? 1000)
    .execute();
  if (jobs.length === 0) return [];
  const attempts = await db
    .selectFrom('job_attempts')
    .selectAll()
    .where(
      'job_id',
      'in',
      jobs.map((j) => j.id),
    )
    .orderBy('id')
    .execute();
  return jobs.map((job) => ({ job, attempts: attempts.filter((a) => a.job_id === job.id) }));
}
