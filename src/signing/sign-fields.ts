// The boxes as one signer sees them: every box with its value, except that later steps' boxes
// show none, and whether this signer fills it.
import { effectiveValue } from '../domain/field-values.ts';
import type { FieldValues, TemplateField } from '../domain/fields.ts';
import type { SignField } from './sign-link-answers.ts';
import type { SignLink } from './open-sign-link.ts';

export function signFields(fields: readonly TemplateField[], values: FieldValues, step: number): SignField[] {
  return fields.map((field) => ({
    name: field.name,
    label: field.label ?? field.name,
    type: field.type,
    page: field.page,
    x: field.x,
    y: field.y,
    width: field.width,
    height: field.height,
    required: field.required,
    owner: field.owner,
    group: field.group ?? null,
    value: field.owner > step ? '' : effectiveValue(field, values),
    editable: field.owner === step && field.type !== 'LabelBox',
  }));
}

/** The values this signer sees but cannot change: LabelBoxes and earlier steps' boxes. */
export function readOnlyValues(link: SignLink): FieldValues {
  return Object.fromEntries(
    signFields(link.state.fields, link.state.values, link.step)
      .filter((f) => !f.editable && f.owner <= link.step && f.value !== '')
      .map((f) => [f.name, f.value]),
  );
}
