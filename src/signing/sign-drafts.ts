// What a signer has typed so far, saved as they go so that a reload (or a phone that drops the
// page) comes back to it. A draft is not a change: no history entry, no export, no new version,
// nothing anyone else sees (it is shown only through the link, after its checks). It belongs to
// the signing link: once the step is approved or returned the link closes and its draft is of no
// more use; sweepDrafts removes those.
import type { Context } from '../context.ts';
import { checkFieldValue, fieldProblem, type FieldProblem } from '../domain/field-values.ts';
import type { FieldValues } from '../domain/fields.ts';
import { said } from '../domain/said.ts';
import { toTimestamp } from '../domain/time.ts';
import { DojangError } from '../errors.ts';
import type { SignLink } from './open-sign-link.ts';

/** The link's draft: its step's values as last saved; none when nothing was. */
export async function draftValues(ctx: Pick<Context, 'db'>, link: SignLink): Promise<FieldValues> {
  const row = await ctx.db.selectFrom('sign_drafts').select('field_values').where('token_hash', '=', link.tokenHash).executeTakeFirst();
  return row ? (JSON.parse(row.field_values) as FieldValues) : {};
}

/** Saves the values of the link's own boxes (others are refused), each checked as an approval would check it. */
export async function saveDraft(ctx: Pick<Context, 'db' | 'clock'>, link: SignLink, fields: { name: string; value: string }[]): Promise<void> {
  const own = new Map(link.state.fields.filter((f) => f.owner === link.step && f.type !== 'LabelBox').map((f) => [f.name, f]));
  const values: FieldValues = {};
  const problems: FieldProblem[] = [];
  for (const { name, value } of fields) {
    const field = own.get(name);
    if (!field) {
      problems.push(fieldProblem(`fields.${name}`, said('notSignersBox', { name })));
      continue;
    }
    const check = checkFieldValue(field, value);
    if (check.ok) values[name] = check.value;
    else problems.push(fieldProblem(`fields.${name}`, check.said));
  }
  if (problems.length > 0) throw DojangError.invalid(problems);
  const row = { workflow_id: link.state.workflow.id, field_values: JSON.stringify(values), updated_at: toTimestamp(ctx.clock()) };
  await ctx.db
    .insertInto('sign_drafts')
    .values({ token_hash: link.tokenHash, ...row })
    .onConflict((oc) => oc.column('token_hash').doUpdateSet(row))
    .execute();
}

/** Removes the drafts of links that closed or expired; the periodic sweep calls it. */
export async function sweepDrafts(ctx: Pick<Context, 'db' | 'clock'>): Promise<number> {
  const now = toTimestamp(ctx.clock());
  const result = await ctx.db
    .deleteFrom('sign_drafts')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('sign_tokens as t')
            .select('t.token_hash')
            .whereRef('t.token_hash', '=', 'sign_drafts.token_hash')
            .where('t.closed_at', 'is', null)
            .where('t.expires_at', '>', now),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
