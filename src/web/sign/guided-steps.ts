// The steps of the guided mode (phones): one per box the signer fills, a radio group as one,
// required ones first, each in reading order (page, then top to bottom, then left to right).
import type { SignField } from './sign-api-client.ts';

export interface GuidedStep {
  /** The boxes of this step: one, or a radio group's. */
  fields: SignField[];
  /** What the step asks for: the box's label, or what a radio group's labels share. */
  label: string;
  required: boolean;
  kind: 'text' | 'date' | 'check' | 'radio' | 'image';
}

const KIND: Record<SignField['type'], GuidedStep['kind'] | null> = {
  TextBox: 'text',
  DatePickerBox: 'date',
  CheckBox: 'check',
  RadioBox: 'radio',
  SignBox: 'image',
  PictureBox: 'image',
  LabelBox: null,
};

const readingOrder = (a: SignField, b: SignField) => a.page - b.page || a.y - b.y || a.x - b.x;

export function guidedSteps(fields: readonly SignField[]): GuidedStep[] {
  const steps: GuidedStep[] = [];
  const groups = new Map<string, GuidedStep>();
  for (const field of [...fields].filter((f) => f.editable).sort(readingOrder)) {
    const kind = KIND[field.type];
    if (!kind) continue;
    if (kind === 'radio') {
      const key = field.group ?? field.name;
      const step = groups.get(key);
      if (step) {
        step.fields.push(field);
        step.required ||= field.required;
        continue;
      }
      const created: GuidedStep = { fields: [field], label: key, required: field.required, kind };
      groups.set(key, created);
      steps.push(created);
      continue;
    }
    steps.push({ fields: [field], label: field.label, required: field.required, kind });
  }
  for (const step of groups.values()) step.label = groupLabel(step.fields) ?? step.label;
  return [...steps.filter((s) => s.required), ...steps.filter((s) => !s.required)];
}

/** "개인정보 수집·이용: 동의함" and "…: 동의하지 않음" share "개인정보 수집·이용". */
export function groupLabel(fields: readonly SignField[]): string | null {
  const heads = fields.map((f) => (f.label.includes(':') ? f.label.slice(0, f.label.indexOf(':')).trim() : null));
  return heads.every((head) => head !== null && head !== '' && head === heads[0]) ? heads[0]! : null;
}

/** A radio's own words, without what the group's labels share. */
export function optionLabel(field: SignField, step: GuidedStep): string {
  return field.label.startsWith(`${step.label}:`) ? field.label.slice(step.label.length + 1).trim() : field.label;
}
