// The values of the signer's own boxes while they fill them in, and what is still missing,
// by the same rules as the server (domain/field-values.ts: missingRequiredFields).
import { groupLabel } from './guided-steps.ts';
import type { SignField } from './sign-api-client.ts';

export class FieldModel {
  private readonly values = new Map<string, string>();
  private readonly listeners = new Set<() => void>();

  constructor(readonly fields: readonly SignField[]) {
    for (const field of fields) if (field.editable) this.values.set(field.name, field.value);
  }

  get editable(): SignField[] {
    return this.fields.filter((f) => f.editable);
  }

  get(name: string): string {
    return this.values.get(name) ?? '';
  }

  set(name: string, value: string): void {
    const field = this.fields.find((f) => f.name === name);
    if (!field?.editable) return;
    this.values.set(name, value);
    // Choosing one radio box clears the rest of its group.
    if (field.type === 'RadioBox' && value === 'Y') {
      for (const other of this.editable) if (other.type === 'RadioBox' && other.name !== name && other.group === field.group) this.values.set(other.name, 'N');
    }
    this.listeners.forEach((listener) => listener());
  }

  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  /** Required items: a box by its name, a radio group once by its group's name, with the box to focus. */
  private requiredItems(): { label: string; focus: string; filled: boolean }[] {
    const items: { label: string; focus: string; filled: boolean }[] = [];
    const groups = new Set<string>();
    for (const field of this.editable) {
      if (!field.required) continue;
      if (field.type === 'RadioBox') {
        const group = field.group ?? field.name;
        if (groups.has(group)) continue;
        groups.add(group);
        const members = this.editable.filter((f) => f.type === 'RadioBox' && (f.group ?? f.name) === group);
        items.push({ label: groupLabel(members) ?? group, focus: members[0]!.name, filled: members.some((f) => this.get(f.name) === 'Y') });
        continue;
      }
      const value = this.get(field.name);
      items.push({ label: field.label, focus: field.name, filled: value !== '' && (field.type !== 'CheckBox' || value === 'Y') });
    }
    return items;
  }

  /** Required items still empty. A required CheckBox must be checked; a required radio group needs one. */
  missing(): { label: string; focus: string }[] {
    return this.requiredItems().filter((item) => !item.filled);
  }

  requiredCount(): number {
    return this.requiredItems().length;
  }

  payload(): { field_name: string; field_value: string }[] {
    return this.editable.map((f) => ({ field_name: f.name, field_value: this.get(f.name) }));
  }
}
