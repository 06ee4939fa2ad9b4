// What a value may be for each kind of box, and which boxes a step must fill.
import { isCalendarDate } from './time.ts';
import { bilingual, localized, type Localized } from './localized.ts';
import { isImageField, type FieldValues, type TemplateField } from './fields.ts';

export const MAX_IMAGE_BYTES = 1024 * 1024;
export const MAX_TEXT_LENGTH = 4000;

/** A bad input, by the field it names. `message` is "한국어 (English)"; `text` the same in each language, where written. */
export interface FieldProblem {
  field: string;
  message: string;
  text?: Localized;
}

export type ValueCheck = { ok: true; value: string } | { ok: false; message: string; text: Localized };

const refused = (text: Localized): ValueCheck => ({ ok: false, message: bilingual(text), text });

/** Validates one value for one box and returns it in its stored form. An empty string clears a box. */
export function checkFieldValue(field: TemplateField, raw: string): ValueCheck {
  if (raw === '') return { ok: true, value: '' };
  switch (field.type) {
    case 'CheckBox':
    case 'RadioBox': {
      const mark = raw.trim().toUpperCase();
      return mark === 'Y' || mark === 'N'
        ? { ok: true, value: mark }
        : refused(localized('"Y" 또는 "N"이어야 합니다', `a ${field.type} takes "Y" or "N"`, '"Y" または "N" を指定してください'));
    }
    case 'DatePickerBox':
      return isCalendarDate(raw.trim())
        ? { ok: true, value: raw.trim() }
        : refused(localized('YYYY-MM-DD 형식의 날짜여야 합니다', 'a DatePickerBox takes a YYYY-MM-DD date', 'YYYY-MM-DD 形式の日付を指定してください'));
    case 'PictureBox':
    case 'SignBox':
      return checkImage(raw);
    case 'TextBox':
    case 'LabelBox':
      return raw.length <= MAX_TEXT_LENGTH
        ? { ok: true, value: raw }
        : refused(localized(`${MAX_TEXT_LENGTH}자 이하여야 합니다`, `at most ${MAX_TEXT_LENGTH} characters`, `${MAX_TEXT_LENGTH}文字以内で入力してください`));
  }
}

const IMAGE_DATA_URL = /^data:image\/(png|jpe?g);base64,/i;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** PNG or JPEG, given as base64 or as a data: URL of one, at most 1 MB decoded. Stored as a data: URL. */
function checkImage(raw: string): ValueCheck {
  const base64 = raw.replace(IMAGE_DATA_URL, '').replace(/\s+/g, '');
  if (!BASE64.test(base64) || base64.length % 4 === 1) {
    return refused(
      localized(
        'base64로 인코딩된 PNG 또는 JPEG 이미지여야 합니다',
        'must be a base64 PNG or JPEG image',
        'base64 でエンコードした PNG または JPEG 画像を指定してください',
      ),
    );
  }
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length > MAX_IMAGE_BYTES) {
    return refused(
      localized(
        `이미지는 1MB 이하여야 합니다 (${bytes.length}바이트)`,
        `the image is ${bytes.length} bytes; at most 1 MB`,
        `画像は1MB以下にしてください（${bytes.length}バイト）`,
      ),
    );
  }
  const mime = imageType(bytes);
  if (mime === null) {
    return refused(localized('PNG 또는 JPEG 이미지만 사용할 수 있습니다', 'only PNG and JPEG images are accepted', 'PNG または JPEG 画像のみ使用できます'));
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
  return [...chosen]
    .filter(([, names]) => names.length > 1)
    .map(([group, names]) =>
      fieldProblem(
        names.join(', '),
        localized(
          `RadioBox 그룹 "${group}"에서는 하나만 선택할 수 있습니다`,
          `only one box of radio group "${group}" may be "Y"`,
          `ラジオボタングループ「${group}」で選べるのは1つだけです`,
        ),
      ),
    );
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

/** A problem said in each language; its `message` the "한국어 (English)" of Dojang's own API. */
export const fieldProblem = (field: string, text: Localized): FieldProblem => ({ field, message: bilingual(text), text });
