import { describe, expect, it } from 'vitest';
import { decideCompanyCommand, decideSignerAction, TransitionRefused } from './workflow-machine.ts';

const at = (currentStep: number, totalSteps: number) => ({ status: 'Playing' as const, currentStep, totalSteps });

describe('decideSignerAction', () => {
  it.each([
    [1, 1, 'CF', { kind: 'completed', status: 'Complete' }],
    [1, 1, 'RT', { kind: 'canceled', status: 'Canceled' }],
    [1, 3, 'CF', { kind: 'advanced', status: 'Playing', nextStep: 2 }],
    [2, 3, 'CF', { kind: 'advanced', status: 'Playing', nextStep: 3 }],
    [3, 3, 'CF', { kind: 'completed', status: 'Complete' }],
    [1, 3, 'RT', { kind: 'canceled', status: 'Canceled' }],
    [2, 3, 'RT', { kind: 'returned', status: 'Playing', nextStep: 1 }],
    [3, 3, 'RT', { kind: 'returned', status: 'Playing', nextStep: 2 }],
  ] as const)('step %i of %i, %s', (step, total, command, outcome) => {
    expect(decideSignerAction(at(step, total), step, command)).toEqual(outcome);
  });

  it('refuses a step that is not current, and a workflow that is not playing', () => {
    expect(() => decideSignerAction(at(2, 3), 1, 'CF')).toThrow(TransitionRefused);
    expect(() => decideSignerAction({ status: 'Complete', currentStep: 2, totalSteps: 2 }, 2, 'CF')).toThrow(TransitionRefused);
  });
});

describe('decideCompanyCommand', () => {
  it('cancels playing, disposes complete, deletes canceled', () => {
    expect(decideCompanyCommand('Playing', 'CANCEL')).toBe('Canceled');
    expect(decideCompanyCommand('Complete', 'DISPOSAL')).toBe('Disposal');
    expect(decideCompanyCommand('Canceled', 'DELETE')).toBe('Truncate');
    expect(() => decideCompanyCommand('Complete', 'CANCEL')).toThrow(TransitionRefused);
    expect(() => decideCompanyCommand('Playing', 'DELETE')).toThrow(TransitionRefused);
    expect(() => decideCompanyCommand('Playing', 'DISPOSAL')).toThrow(TransitionRefused);
  });
});
