// `POST /api/sign/:token/complete`: the signer approves (CF) or returns (RT) through the same
// service as eSignon's action call (5010Q), so the rules, the history, the next link, the
// export and the messages are those of every other action.
import type { Context } from '../context.ts';
import type { SignerCommand, SignerOutcome } from '../domain/workflow-machine.ts';
import { actOnWorkflow } from '../workflows/act-on-workflow.ts';
import type { RequestOrigin } from '../workflows/change-kit.ts';
import { assertLinkOpen, type SignLink } from './open-sign-link.ts';
import { recordLinkMark } from './record-link-mark.ts';
import { said } from '../domain/said.ts';
import { SignError } from './sign-error.ts';
import type { CompleteResult } from './sign-link-answers.ts';
import type { SignSession } from './sign-sessions.ts';
import { isVerified, verificationNeeds } from './verification-needs.ts';

export interface CompleteInput {
  command: SignerCommand;
  opinion: string;
  fields: { name: string; value: string }[];
}

const RESULT: Record<SignerOutcome['kind'], CompleteResult> = {
  advanced: 'approved',
  completed: 'completed',
  returned: 'returned',
  canceled: 'canceled',
};

export function assertVerified(link: SignLink, session: SignSession | null): void {
  if (!isVerified(verificationNeeds(link.player), session?.methods ?? new Set())) {
    throw new SignError('verification-required', said('verificationRequired'));
  }
}

export async function completeSigning(
  ctx: Context,
  link: SignLink,
  session: SignSession | null,
  input: CompleteInput,
  origin: RequestOrigin,
): Promise<{ result: CompleteResult; outcome: SignerOutcome }> {
  assertLinkOpen(link);
  assertVerified(link, session);
  const opinion = input.opinion.trim();
  if (input.command === 'RT' && opinion === '') throw new SignError('reason-required', said('returnNeedsReason'));
  await recordLinkMark(ctx, link, 'SIGN_START', origin);
  const { outcome } = await actOnWorkflow(
    ctx,
    { companyId: link.state.workflow.company_id, workflowId: link.state.workflow.id, step: link.step, command: input.command, opinion, fields: input.fields },
    origin,
  );
  return { result: RESULT[outcome.kind], outcome };
}
