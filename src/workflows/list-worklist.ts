// GET /worklists/new (진행 문서 목록조회): the company's workflows, newest first, a page at a
// time, each with where it stands from the caller's point of view.
import type { Kysely } from 'kysely';
import type { Caller } from '../accounts/access-tokens.ts';
import type { Context } from '../context.ts';
import { sameIdentity } from '../domain/identity.ts';
import type { Database, Workflow } from '../store/schema.ts';
import type { PageRequest } from './search-workflows.ts';
import type { CompanyId, WorkflowId } from '../domain/ids.ts';

/**
 * eSignon's `step`: Myturn when the workflow waits for the caller (the current step's signer is
 * the caller's own email), Progress when it waits for someone else, Complete once it has ended
 * (completed, canceled or disposed: nobody has anything left to do; `status` tells which).
 */
export type WorklistStep = 'Myturn' | 'Progress' | 'Complete';

export interface WorklistEntry {
  workflow: Pick<Workflow, 'id' | 'name' | 'type' | 'status' | 'current_step' | 'total_steps' | 'created_at' | 'completed_at'>;
  starter: { name: string; email: string };
  step: WorklistStep;
  /** Steps whose signers have approved: every step once complete, else those before the current one. */
  completedSteps: number;
  /** The step before the current one and its signer, when there is one. */
  previous: { step: number; identity: string } | null;
}

export interface Worklist {
  total: number;
  entries: WorklistEntry[];
}

/** The count and the page (exported for the benchmark's query plans). */
export function worklistQueries(db: Kysely<Database>, companyId: CompanyId, page: PageRequest) {
  const visible = db.selectFrom('workflows as w').where('w.company_id', '=', companyId).where('w.status', '!=', 'Truncate');
  return {
    // Kept by triggers (migration 0003): counting a million rows would take 100-200 ms.
    count: db
      .selectFrom('workflow_counts')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('visible'), eb.lit(0)).as('total'))
      .where('company_id', '=', companyId),
    page: visible
      .innerJoin('members as m', 'm.id', 'w.starter_member_id')
      .select([
        'w.id',
        'w.name',
        'w.type',
        'w.status',
        'w.current_step',
        'w.total_steps',
        'w.created_at',
        'w.completed_at',
        'm.name as starter_name',
        'm.email as starter_email',
      ])
      .orderBy('w.id', 'desc')
      .limit(page.rows)
      .offset((page.page - 1) * page.rows),
  };
}

export async function listWorklist(ctx: Pick<Context, 'db'>, caller: Caller, page: PageRequest): Promise<Worklist> {
  const queries = worklistQueries(ctx.db, caller.companyId, page);
  const [count, rows] = await Promise.all([queries.count.executeTakeFirstOrThrow(), queries.page.execute()]);
  const players =
    rows.length === 0
      ? []
      : await ctx.db
          .selectFrom('players')
          .select(['workflow_id', 'step', 'identity'])
          .where(
            'workflow_id',
            'in',
            rows.map((r) => r.id),
          )
          .execute();
  const identityAt = (workflowId: WorkflowId, step: number) => players.find((p) => p.workflow_id === workflowId && p.step === step)?.identity ?? null;

  return {
    total: Number(count.total),
    entries: rows.map((row) => {
      const playing = row.status === 'Playing';
      const current = identityAt(row.id, row.current_step);
      const step: WorklistStep = !playing ? 'Complete' : current !== null && sameIdentity(current, caller.memberEmail) ? 'Myturn' : 'Progress';
      const previousIdentity = row.current_step > 1 ? identityAt(row.id, row.current_step - 1) : null;
      return {
        workflow: {
          id: row.id,
          name: row.name,
          type: row.type,
          status: row.status,
          current_step: row.current_step,
          total_steps: row.total_steps,
          created_at: row.created_at,
          completed_at: row.completed_at,
        },
        starter: { name: row.starter_name, email: row.starter_email },
        step,
        completedSteps: row.completed_at !== null ? row.total_steps : row.current_step - 1,
        previous: previousIdentity === null ? null : { step: row.current_step - 1, identity: previousIdentity },
      };
    }),
  };
}
