// The workflow lifecycle (see docs/contracts.md), as pure decisions. The store applies them.
import { said, sayBilingual, type Said } from './said.ts';
import type { WorkflowStatus } from './workflow-status.ts';

export type SignerCommand = 'CF' | 'RT';
export type CompanyCommand = 'CANCEL' | 'DISPOSAL' | 'DELETE';

export interface WorkflowPosition {
  status: WorkflowStatus;
  currentStep: number;
  totalSteps: number;
}

/** What a signer's CF or RT at the current step does to the workflow. */
export type SignerOutcome =
  | { kind: 'advanced'; status: 'Playing'; nextStep: number }
  | { kind: 'completed'; status: 'Complete' }
  | { kind: 'returned'; status: 'Playing'; nextStep: number }
  | { kind: 'canceled'; status: 'Canceled' };

export class TransitionRefused extends Error {
  constructor(
    readonly reason: 'not-playing' | 'not-your-turn' | 'wrong-status',
    readonly said: Said,
  ) {
    super(sayBilingual(said));
  }
}

export function decideSignerAction(position: WorkflowPosition, step: number, command: SignerCommand): SignerOutcome {
  if (position.status !== 'Playing') {
    throw new TransitionRefused('not-playing', said('notPlaying', { status: position.status }));
  }
  if (step !== position.currentStep) {
    throw new TransitionRefused('not-your-turn', said('notCurrentStep', { step, current: position.currentStep }));
  }
  if (command === 'CF') {
    return step < position.totalSteps ? { kind: 'advanced', status: 'Playing', nextStep: step + 1 } : { kind: 'completed', status: 'Complete' };
  }
  // A return at step 1 cancels: "if the original contractor returns the document, it will be canceled".
  return step === 1 ? { kind: 'canceled', status: 'Canceled' } : { kind: 'returned', status: 'Playing', nextStep: step - 1 };
}

const COMPANY_COMMANDS: Record<CompanyCommand, { from: WorkflowStatus; to: WorkflowStatus }> = {
  CANCEL: { from: 'Playing', to: 'Canceled' },
  DISPOSAL: { from: 'Complete', to: 'Disposal' },
  DELETE: { from: 'Canceled', to: 'Truncate' },
};

export function decideCompanyCommand(status: WorkflowStatus, command: CompanyCommand): WorkflowStatus {
  const rule = COMPANY_COMMANDS[command];
  if (status !== rule.from) {
    throw new TransitionRefused('wrong-status', said('commandNeedsStatus', { command, from: rule.from, status }));
  }
  return rule.to;
}
