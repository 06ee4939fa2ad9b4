// A queue, declared once: what its jobs carry (a TypeBox schema, so a payload is typed from the
// change that writes it to the handler that reads it, and checked when read back), which jobs
// run one at a time (the ordering key, from the payload), where a job goes (its target, for
// per-destination limits) and what happens when its handler throws instead of answering.
// The queues themselves are in queues.ts; dojang.ts gives each a handler and a worker (queueWorker).
import type { Static, TSchema } from 'typebox';
import Compile from 'typebox/compile';
import type { CompanyId, WorkflowId } from '../domain/ids.ts';
import type { Job, JobQueue } from '../store/schema.ts';
import { JobWorker, type JobHandler, type JobOutcome, type JobWorkerOptions } from './job-worker.ts';
import type { JobResolution, NewOutboxJob } from './outbox.ts';

/** Whose job it is: every job belongs to a company, most to one of its workflows. */
export interface JobScope {
  companyId: CompanyId;
  workflowId: WorkflowId | null;
}

/**
 * A handler that throws (a bug, a database that went away) rather than answering: the job is
 * tried again `waitMs(attempts)` later, `tries` times in all, then it is dead and says why.
 */
export interface CrashPolicy {
  tries: number;
  waitMs(attempts: number): number;
}

export interface QueueDefinition<S extends TSchema> {
  name: JobQueue;
  payload: S;
  /** Jobs with the same key run one at a time, in the order they were written; null: no order. */
  orderingKey(payload: Static<S>, scope: JobScope): string | null;
  /** Where the job goes (a receiver's host): the worker limits how many run per target. */
  target?(payload: Static<S>): string;
  /** Written already claimed by this process's worker when it has room (job-worker.ts, reserve). */
  writtenClaimed?: boolean;
  crash: CrashPolicy;
}

/**
 * What the change that wrote a job knew, handed to its handler when the job runs in the process
 * that wrote it (adopted, job-worker.ts): the payload as built, so it is not read back and checked
 * again, and `context`, the queue's own (what the handler would otherwise read from the
 * database). A job claimed from the table has neither, and its handler reads what it needs.
 */
export interface Known<P, C> {
  payload: P;
  context: C | undefined;
}

/** `C`: the context a change may hand to the job's handler with the payload (Known). */
export interface Queue<P, C = never> {
  readonly name: JobQueue;
  /** Never set: it ties `C` to the queue, so enqueue and the handler agree on the context's type. */
  readonly context?: C;
  readonly writtenClaimed: boolean;
  /** The job to write for a payload, keyed and targeted by the queue's rules. */
  job(scope: JobScope, payload: P): NewOutboxJob;
  /** A stored job's payload, checked against the queue's schema. */
  read(job: Pick<Job, 'id' | 'payload'>): P;
  /** What becomes of a job whose handler threw. */
  onCrash(job: Pick<Job, 'attempts'>, error: unknown, now: Date): JobResolution;
}

/** A stored payload that is not what its queue's jobs carry: it never will be, so the job is dead. */
export class PayloadMismatch extends Error {}

/** Reads stored payloads of one shape: parsed, and checked against the schema (PayloadMismatch when they do not match). */
export function payloadReader<S extends TSchema>(schema: S, what: string): (job: Pick<Job, 'id' | 'payload'>) => Static<S> {
  const validator = Compile(schema);
  return (job) => {
    const value: unknown = JSON.parse(job.payload);
    if (!validator.Check(value)) {
      const [first] = validator.Errors(value);
      throw new PayloadMismatch(`job ${job.id} does not carry ${what}${first ? `: ${first.instancePath || '/'} ${first.message}` : ''}`);
    }
    return value;
  };
}

export function defineQueue<S extends TSchema, C = never>(definition: QueueDefinition<S>): Queue<Static<S>, C> {
  const read = payloadReader(definition.payload, `a ${definition.name} payload`);
  return {
    name: definition.name,
    writtenClaimed: definition.writtenClaimed ?? false,
    job: (scope, payload) => ({
      queue: definition.name,
      companyId: scope.companyId,
      workflowId: scope.workflowId,
      orderingKey: definition.orderingKey(payload, scope),
      target: definition.target?.(payload) ?? null,
      payload,
    }),
    read,
    onCrash(job, error, now) {
      const reason = error instanceof Error ? error.message : String(error);
      if (job.attempts >= definition.crash.tries) return { kind: 'dead', error: `${reason} (the handler failed ${job.attempts} times)` };
      return { kind: 'retry', at: new Date(now.getTime() + definition.crash.waitMs(job.attempts)), error: reason };
    },
  };
}

/** Carries out one job of a queue, with its payload read and checked, and the change's context when it ran in the same process (Known). */
export type QueueHandler<P, C = never> = (job: Job, payload: P, stopping: AbortSignal, context?: C) => Promise<JobOutcome>;

/** The worker's handler for a queue: a payload that does not match is a dead job, not a crash retried. */
export function handleQueue<P, C>(queue: Queue<P, C>, handle: QueueHandler<P, C>, clock: () => Date): JobHandler {
  return async (job, stopping, known) => {
    // The change that wrote the job built this payload to the queue's type (ChangeTx.enqueue).
    if (known) return handle(job, known.payload as P, stopping, known.context as C | undefined);
    let payload: P;
    try {
      payload = queue.read(job);
    } catch (error) {
      if (!(error instanceof PayloadMismatch) && !(error instanceof SyntaxError)) throw error;
      const at = clock();
      return { resolution: { kind: 'dead', error: error.message }, attempts: [{ startedAt: at, durationMs: 0, ok: false, error: error.message }] };
    }
    return handle(job, payload, stopping);
  };
}

/** A worker for a queue: its handler reads the payload, a crash follows the queue's policy. */
export function queueWorker<P, C>(queue: Queue<P, C>, handle: QueueHandler<P, C>, options: Omit<JobWorkerOptions, 'queue' | 'handler' | 'onCrash'>): JobWorker {
  return new JobWorker({
    ...options,
    queue: queue.name,
    handler: handleQueue(queue, handle, options.clock),
    onCrash: (job, error) => queue.onCrash(job, error, options.clock()),
  });
}
