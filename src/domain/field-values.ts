// What a value may be for each kind of box, and which boxes a step must fill.
import { isCalendarDate } from './time.ts';
import { said, type Said } from './said.ts';
import { isImageField, type FieldValues, type TemplateField } from './fields.ts';

export const MAX_IMAGE_BYTES = 1024 * 1024;
export const MAX_TEXT_LENGTH = 4000;

/** A bad input, by the field it names; what is wrong with it is said in the caller's language where it is answered. */
export interface FieldProblem {
  readonly field: string;
  readonly said: Said;
}

export type ValueCheck = { ok: true; value: string } | { ok: false; said: Said };

const refused = (message: Said): ValueCheck => ({ ok: false, said: message });

/** Validates one value for one box and returns it in its stored form. An empty string clears a box. */
export function checkFieldValue(field: TemplateField, raw: string): ValueCheck {
  if (raw === '') return { ok: true, value: '' };
  switch (field.type) {
    case 'CheckBox':
    case 'RadioBox': {
      const mark = raw.trim().toUpperCase();
      return mark === 'Y' || mark === 'N' ? { ok: true, value: mark } : refused(said('takesYesOrNo', { type: field.type }));
    }
    case 'DatePickerBox':
      return isCalendarDate(raw.trim()) ? { ok: true, value: raw.trim() } : refused(said('takesDate'));
    case 'PictureBox':
    case 'SignBox':
      return checkImage(raw);
    case 'TextBox':
    case 'LabelBox':
      return raw.length <= MAX_TEXT_LENGTH ? { ok: true, value: raw } : refused(said('textTooLong', { max: MAX_TEXT_LENGTH }));
  }
}

const IMAGE_DATA_URL = /^data:image\/(png|jpe?g);base64,/i;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** PNG or JPEG, given as base64 or as a data: URL of one, at most 1 MB decoded. Stored as a data: URL. */
function checkImage(raw: string): ValueCheck {
  const base64 = raw.replace(IMAGE_DATA_URL, '').replace(/\s+/g, '');
  if (!BASE64.test(base64) || base64.length % 4 === 1) {
    return refused(said('takesBase64Image'));
  }
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length > MAX_IMAGE_BYTES) {
    return refused(said('imageTooLarge', { bytes: bytes.length }));
  }
  const mime = imageType(bytes);
  if (mime === null) {
    return refused(said('onlyPngOrJpeg'));
  }
  return { ok: true, value: `data:${mime};base64,${bytes.toString('base64')}` };
}

export function imageType(bytes: Uint8Array): 'image/png' | 'image/jpeg' | null {
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length > 8 && png.every((b, i) => bytes[i] === b)) return 'image/png';
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return null;
}

/** RadioBox groups in which more than one box is "Y". */
export function radioConflicts(fields: readonly TemplateField[], values: FieldValues): FieldProblem[] {
  const chosen = new Map<string, string[]>();
  for (const field of fields) {
    if (field.type !== 'RadioBox' || values[field.name] !== 'Y') continue;
    const group = field.group ?? field.name;
    chosen.set(group, [...(chosen.get(group) ?? []), field.name]);
  }
  return [...chosen].filter(([, names]) => names.length > 1).map(([group, names]) => fieldProblem(names.join(', '), said('oneRadioPerGroup', { group })));
}

/** The value a box shows: the workflow's value, else the template's default. */
export function effectiveValue(field: TemplateField, values: FieldValues): string {
  return values[field.name] ?? field.default ?? '';
}

/**
 * Required boxes of a step that are still empty. A required CheckBox must be checked ("Y"),
 * a required RadioBox group needs one "Y" (reported once, by its group name).
 */
export function missingRequiredFields(fields: readonly TemplateField[], values: FieldValues, step: number): string[] {
  const missing: string[] = [];
  const groupsSeen = new Set<string>();
  for (const field of fields) {
    if (field.owner !== step || !field.required) continue;
    if (field.type === 'RadioBox') {
      const group = field.group ?? field.name;
      if (groupsSeen.has(group)) continue;
      groupsSeen.add(group);
      const members = fields.filter((f) => f.type === 'RadioBox' && (f.group ?? f.name) === group);
      if (!members.some((f) => effectiveValue(f, values) === 'Y')) missing.push(group);
      continue;
    }
    const value = effectiveValue(field, values);
    if (value === '' || (field.type === 'CheckBox' && value !== 'Y')) missing.push(field.name);
  }
  return missing;
}

/** How a value reads in an export's request_params: a filled image box is "Y", never the image. */
export function exportedValue(field: TemplateField | undefined, value: string): string {
  if (field && isImageField(field.type)) return value === '' ? '' : 'Y';
  return value;
}

export const fieldProblem = (field: string, message: Said): FieldProblem => ({ field, said: message });
