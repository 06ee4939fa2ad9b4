// A day before a workflow's expireddate runs out, the signer whose turn it is gets a reminder
// with a fresh signing link (not in embed mode). One reminder per workflow and expiry date:
// the job's ordering key (jobs/queues.ts) records that it was sent. The key names the workflow, so reminders of
// different workflows never wait for one another (a failing one holds up only its own).
// Reminders written before the key named the workflow (`reminder:<date>`) still count as sent.
import { sql } from 'kysely';
import type { Context } from '../context.ts';
import { EMBED_REQUEST_CODE } from '../domain/export-config.ts';
import { change } from '../jobs/change.ts';
import { notifyQueue } from '../jobs/queues.ts';
import { mintSignToken, signUrl } from './change-kit.ts';
import { asLanguage } from '../domain/recipient.ts';
import { loadWorkflowState, playerAt } from './workflow-state.ts';
import { toTimestamp } from '../domain/time.ts';

const DAY_MS = 86_400_000;

export async function remindBeforeExpiry(ctx: Context, limit = 100): Promise<number> {
  const now = ctx.clock();
  const due = await ctx.db
    .selectFrom('workflows as w')
    .select(['w.id', 'w.company_id', 'w.expires_on'])
    .where('w.status', '=', 'Playing')
    .where('w.embed', '=', 0)
    .where('w.expires_at', '>', toTimestamp(now))
    .where('w.expires_at', '<=', toTimestamp(new Date(now.getTime() + DAY_MS)))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('jobs as j')
            .select('j.id')
            .whereRef('j.workflow_id', '=', 'w.id')
            .where('j.queue', '=', 'notify')
            .where((j) =>
              j.or([
                j('j.ordering_key', '=', sql<string>`'reminder:' || w.id || ':' || w.expires_on`),
                j('j.ordering_key', '=', sql<string>`'reminder:' || w.expires_on`),
              ]),
            ),
        ),
      ),
    )
    .limit(limit)
    .execute();
  let sent = 0;
  for (const row of due) {
    const state = await loadWorkflowState(ctx.db, row.company_id, row.id);
    if (state?.workflow.status !== 'Playing' || state.exportConfig?.requestCode === EMBED_REQUEST_CODE) continue;
    const player = playerAt(state, state.workflow.current_step);
    await change(
      ctx,
      async (tx) => {
        const token = await mintSignToken(ctx, tx.db, state, player.step, now);
        const to = { name: player.name, identity: player.identity, language: asLanguage(player.language) };
        await tx.enqueue(
          notifyQueue,
          { companyId: row.company_id, workflowId: row.id },
          { kind: 'expiry-reminder', step: player.step, to, signUrl: signUrl(ctx, token), ...(row.expires_on ? { expiresOn: row.expires_on } : {}) },
        );
      },
      now,
    );
    sent++;
  }
  return sent;
}
