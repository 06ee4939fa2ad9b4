// The workflow lifecycle (see docs/contracts.md), as pure decisions. The store applies them.
import { bilingual, localized, type Localized } from './localized.ts';
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
    readonly text: Localized,
  ) {
    super(bilingual(text));
  }
}

export function decideSignerAction(position: WorkflowPosition, step: number, command: SignerCommand): SignerOutcome {
  if (position.status !== 'Playing') {
    throw new TransitionRefused(
      'not-playing',
      localized(
        `진행 중인 문서가 아닙니다 (상태: ${position.status})`,
        `the workflow is ${position.status}, not Playing`,
        `進行中の文書ではありません（状態: ${position.status}）`,
      ),
    );
  }
  if (step !== position.currentStep) {
    throw new TransitionRefused(
      'not-your-turn',
      localized(
        `현재 작성 단계는 ${position.currentStep}입니다`,
        `step ${step} is not the current step ${position.currentStep}`,
        `現在の作成ステップは ${position.currentStep} です`,
      ),
    );
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
    throw new TransitionRefused(
      'wrong-status',
      localized(
        `${command}는 ${rule.from} 상태의 문서에만 할 수 있습니다 (현재 ${status})`,
        `${command} needs a ${rule.from} workflow; this one is ${status}`,
        `${command} は ${rule.from} 状態の文書にのみ実行できます（現在 ${status}）`,
      ),
    );
  }
  return rule.to;
}
