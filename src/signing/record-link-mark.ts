// VIEW and SIGN_START (eSignon's step codes) are recorded once per signing link, with the IP
// address and user agent of the request that caused them. VIEW: the first time the open link
// is looked at (before any verification). SIGN_START: the first time the verified signer starts
// filling in (the page calls `POST /api/sign/:token/start` on the first interaction with a
// box), or at the latest when they approve or return.
import type { Context } from '../context.ts';
import { recordHistory, type RequestOrigin } from '../workflows/change-kit.ts';
import type { SignLink } from './open-sign-link.ts';
import { toTimestamp } from '../domain/time.ts';

export type LinkMark = 'VIEW' | 'SIGN_START';

/** Records the mark in the history unless this link has it already; answers whether it did. */
export async function recordLinkMark(ctx: Pick<Context, 'db' | 'clock'>, link: SignLink, mark: LinkMark, origin: RequestOrigin): Promise<boolean> {
  const now = ctx.clock();
  return ctx.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('sign_link_marks')
      .values({ token_hash: link.tokenHash, mark, created_at: toTimestamp(now) })
      .onConflict((oc) => oc.columns(['token_hash', 'mark']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
    await recordHistory(
      trx,
      link.state.workflow.id,
      [{ stepCode: mark, actionId: link.step, actorName: link.player.name, actorIdentity: link.player.identity }],
      origin,
      now,
    );
    return true;
  });
}
