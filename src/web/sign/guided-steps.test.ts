import { describe, expect, it } from 'vitest';
import { guidedSteps, optionLabel } from './guided-steps.ts';
import type { SignField } from './sign-api-client.ts';

const box = (name: string, type: SignField['type'], place: Partial<SignField> = {}): SignField => ({
  name,
  label: name,
  type,
  page: 1,
  x: 50,
  y: 100,
  width: 100,
  height: 20,
  required: false,
  owner: 1,
  group: null,
  value: '',
  editable: true,
  ...place,
});

describe("the guided mode's steps", () => {
  it('puts required boxes first, each part in reading order (page, top, left)', () => {
    const steps = guidedSteps([
      box('phone', 'TextBox', { y: 100, x: 300 }),
      box('sign', 'SignBox', { page: 2, y: 50, required: true }),
      box('name', 'TextBox', { y: 100, x: 50, required: true }),
      box('date', 'DatePickerBox', { y: 400 }),
      box('terms', 'CheckBox', { y: 300, required: true }),
    ]);
    expect(steps.map((s) => s.fields[0]!.name)).toEqual(['name', 'terms', 'sign', 'phone', 'date']);
    expect(steps.map((s) => s.kind)).toEqual(['text', 'check', 'image', 'text', 'date']);
  });

  it('makes a radio group one step, asked by what its labels share', () => {
    const steps = guidedSteps([
      box('privacy_no', 'RadioBox', { group: 'privacy', label: '개인정보 수집·이용: 동의하지 않음', x: 200, required: true }),
      box('privacy_yes', 'RadioBox', { group: 'privacy', label: '개인정보 수집·이용: 동의함', x: 50, required: true }),
      box('pay_card', 'RadioBox', { group: '납부방식', label: '카드', y: 200 }),
      box('pay_bank', 'RadioBox', { group: '납부방식', label: '계좌이체', y: 220 }),
    ]);
    expect(steps).toHaveLength(2);
    expect(steps[0]!.label).toBe('개인정보 수집·이용');
    expect(steps[0]!.fields.map((f) => f.name)).toEqual(['privacy_yes', 'privacy_no']);
    expect(steps[0]!.fields.map((f) => optionLabel(f, steps[0]!))).toEqual(['동의함', '동의하지 않음']);
    // Labels that share nothing: the group's name asks, each option keeps its label.
    expect(steps[1]!.label).toBe('납부방식');
    expect(steps[1]!.fields.map((f) => optionLabel(f, steps[1]!))).toEqual(['카드', '계좌이체']);
  });

  it("leaves out boxes the signer does not fill: other steps' and fixed text", () => {
    const steps = guidedSteps([box('mine', 'TextBox'), box('theirs', 'TextBox', { editable: false, owner: 2 }), box('fixed', 'LabelBox')]);
    expect(steps.map((s) => s.fields[0]!.name)).toEqual(['mine']);
  });
});
