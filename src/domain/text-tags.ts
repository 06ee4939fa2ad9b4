// Text tags: field boxes written as text in the document itself, `{{고객 서명;type=sign;step=1}}`,
// so that any PDF (printed from Word, HTML, Hangul) becomes a template without drawing boxes.
// A tag becomes a box where its glyphs stand (or `width`/`height` from its top-left). Pure: the
// glyphs and their boxes come from the PDF (templates/read-text-tags.ts); docs/text-tags.md says
// the syntax to users.
import { checkFieldValue } from './field-values.ts';
import type { FieldType, TemplateField } from './fields.ts';
import { said, type Said } from './said.ts';

/** Points from the displayed page's top-left, as TemplateField. */
export interface TagBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One character of a line as its page shows it: a glyph's text and box, or a space not drawn but seen in a gap. */
export interface PlacedChar {
  text: string;
  box: TagBox;
}

/** A `{{…}}` found on a line: its text, the box of its glyphs, and the line's chars it spans. */
export interface TagText {
  page: number;
  text: string;
  box: TagBox;
  first: number;
  last: number;
}

/** What is wrong with a tag, by its page and its text. */
export interface TextTagProblem {
  page: number;
  tag: string;
  said: Said;
}

export interface TagDocument {
  /** The template's number of signing steps. */
  steps: number;
  /** Each page's displayed size in points (index 0 is page 1). */
  pages: readonly { width: number; height: number }[];
}

export const TAG_OPEN = '{{';
export const TAG_CLOSE = '}}';

/** Type names by the words a tag may use: Dojang's short ones, Korean ones, eSignon's box names. */
const TYPE_WORDS: Record<string, FieldType> = {
  text: 'TextBox',
  textbox: 'TextBox',
  텍스트: 'TextBox',
  글: 'TextBox',
  check: 'CheckBox',
  checkbox: 'CheckBox',
  체크: 'CheckBox',
  체크박스: 'CheckBox',
  radio: 'RadioBox',
  radiobox: 'RadioBox',
  라디오: 'RadioBox',
  date: 'DatePickerBox',
  datepicker: 'DatePickerBox',
  datepickerbox: 'DatePickerBox',
  날짜: 'DatePickerBox',
  picture: 'PictureBox',
  image: 'PictureBox',
  picturebox: 'PictureBox',
  사진: 'PictureBox',
  이미지: 'PictureBox',
  sign: 'SignBox',
  signature: 'SignBox',
  signbox: 'SignBox',
  서명: 'SignBox',
  label: 'LabelBox',
  labelbox: 'LabelBox',
  라벨: 'LabelBox',
  레이블: 'LabelBox',
};
const OPTIONS = ['type', 'step', 'required', 'label', 'default', 'group', 'width', 'height'] as const;
type OptionName = (typeof OPTIONS)[number];

const MAX_NAME = 100;
const MAX_LABEL = 100;
/** The largest page PDF allows (ISO 32000-1, annex C). */
const MAX_POINTS = 14_400;
/** How much of an unclosed tag a problem quotes. */
const QUOTED = 60;

const problem = (page: number, tag: string, message: Said): TextTagProblem => ({ page, tag, said: message });

/** The tags of one line, in order, and the tags opened but never closed on it. */
export function findTagTexts(line: readonly PlacedChar[], page: number): { tags: TagText[]; problems: TextTagProblem[] } {
  // Each char's text may be longer than one code unit (a ligature's "fi"): index back to the char.
  let text = '';
  const charAt: number[] = [];
  line.forEach((char, i) => {
    text += char.text;
    for (let k = 0; k < char.text.length; k++) charAt.push(i);
  });
  const tags: TagText[] = [];
  const problems: TextTagProblem[] = [];
  let from = 0;
  for (let open = text.indexOf(TAG_OPEN, from); open >= 0; open = text.indexOf(TAG_OPEN, from)) {
    const close = text.indexOf(TAG_CLOSE, open + TAG_OPEN.length);
    const reopened = text.indexOf(TAG_OPEN, open + TAG_OPEN.length);
    if (close < 0 || (reopened >= 0 && reopened < close)) {
      const end = reopened >= 0 ? reopened : text.length;
      const quoted = text.slice(open, Math.min(end, open + QUOTED)).trimEnd();
      problems.push(problem(page, end - open > QUOTED ? `${quoted}…` : quoted, said('tagUnclosed')));
      if (reopened < 0) break;
      from = reopened;
      continue;
    }
    const end = close + TAG_CLOSE.length;
    const first = charAt[open]!;
    let last = charAt[end - 1]!;
    // Chars that read as nothing after the tag's last (the rest of a glyph run whose text the first carries) belong to it.
    while (line[last + 1]?.text === '') last++;
    tags.push({ page, text: text.slice(open, end), box: unionBox(line.slice(first, last + 1).map((c) => c.box)), first, last });
    from = end;
  }
  return { tags, problems };
}

function unionBox(boxes: readonly TagBox[]): TagBox {
  const left = Math.min(...boxes.map((b) => b.x));
  const top = Math.min(...boxes.map((b) => b.y));
  const right = Math.max(...boxes.map((b) => b.x + b.width));
  const bottom = Math.max(...boxes.map((b) => b.y + b.height));
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/** A tag's name and options as written; problems for what cannot be read. */
export interface ParsedTag {
  name: string;
  options: Partial<Record<OptionName, string>>;
}

export function parseTagText(tag: string): { parsed: ParsedTag; problems: Said[] } {
  const body = tag.slice(TAG_OPEN.length, tag.length - TAG_CLOSE.length);
  const [rawName = '', ...parts] = body.split(';');
  const problems: Said[] = [];
  const name = rawName.trim().normalize('NFC');
  if (name === '') problems.push(said('tagNoName'));
  else if (name.length > MAX_NAME || /[{}=]/.test(name)) problems.push(said('tagBadName', { max: MAX_NAME }));
  const options: ParsedTag['options'] = {};
  for (const part of parts) {
    if (part.trim() === '') continue;
    const equals = part.indexOf('=');
    const key = (equals < 0 ? part : part.slice(0, equals)).trim().toLowerCase();
    const value =
      equals < 0
        ? undefined
        : part
            .slice(equals + 1)
            .trim()
            .normalize('NFC');
    if (!(OPTIONS as readonly string[]).includes(key)) {
      problems.push(said('tagUnknownOption', { key, options: OPTIONS.join(', ') }));
      continue;
    }
    const option = key as OptionName;
    if (options[option] !== undefined) problems.push(said('tagRepeatedOption', { key: option }));
    // `required` alone is the flag; every other option needs its value.
    if (value === undefined && option !== 'required') problems.push(said('tagNeedsValue', { key: option }));
    else options[option] = value ?? 'true';
  }
  return { parsed: { name, options }, problems };
}

const FLAGS: Record<string, boolean> = { true: true, yes: true, y: true, '1': true, 예: true, false: false, no: false, n: false, '0': false, 아니오: false };

function points(value: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?|\.\d+)\s*(?:pt)?$/i.exec(value);
  const n = match ? Number(match[1]) : NaN;
  return n > 0 && n <= MAX_POINTS ? n : undefined;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** One tag's field, or the problems that keep it from being one. */
function tagField(tag: TagText, document: TagDocument): { name: string; field?: TemplateField; problems: Said[] } {
  const { parsed, problems } = parseTagText(tag.text);
  const { name } = parsed;
  const { options } = parsed;
  const typeWord = (options.type ?? 'text').toLowerCase();
  const type = TYPE_WORDS[typeWord] ?? TYPE_WORDS[typeWord.replace(/\s+/g, '')];
  if (!type) problems.push(said('tagUnknownType', { value: options.type ?? '' }));
  let owner = 0;
  if (type === 'LabelBox') {
    if (options.step !== undefined) problems.push(said('tagLabelStep'));
    if (options.required !== undefined && FLAGS[options.required.toLowerCase()] !== false) problems.push(said('tagLabelRequired'));
  } else {
    const step = options.step ?? '1';
    owner = /^\d+$/.test(step) ? Number(step) : NaN;
    if (!Number.isInteger(owner) || owner < 1 || owner > document.steps) problems.push(said('tagBadStep', { value: step, steps: document.steps }));
  }
  const required = options.required === undefined ? false : FLAGS[options.required.toLowerCase()];
  if (required === undefined) problems.push(said('tagBadFlag', { value: options.required! }));
  if (options.label !== undefined && options.label.length > MAX_LABEL) problems.push(said('tagLongLabel', { max: MAX_LABEL }));
  if (options.group !== undefined && type !== undefined && type !== 'RadioBox') problems.push(said('tagGroupNotRadio'));
  const size = { width: tag.box.width, height: tag.box.height };
  for (const key of ['width', 'height'] as const) {
    const value = options[key];
    if (value === undefined) continue;
    const n = points(value);
    if (n === undefined) problems.push(said('tagBadNumber', { key, value, max: MAX_POINTS }));
    else size[key] = n;
  }
  if (problems.length > 0 || !type) return { name, problems };
  const field: TemplateField = {
    name,
    ...(options.label ? { label: options.label } : {}),
    type,
    owner,
    required: required === true,
    page: tag.page,
    x: round(tag.box.x),
    y: round(tag.box.y),
    width: round(size.width),
    height: round(size.height),
    ...(type === 'RadioBox' ? { group: options.group || name } : {}),
  };
  if (options.default !== undefined && options.default !== '') {
    const check = checkFieldValue(field, options.default);
    if (!check.ok) return { name, problems: [said('tagBadDefault', { reason: check.said })] };
    field.default = check.value;
  }
  const page = document.pages[tag.page - 1];
  if (page && (field.x + field.width > page.width + 0.5 || field.y + field.height > page.height + 0.5))
    return { name, problems: [said('tagOutsidePage', { page: tag.page })] };
  return { name, field, problems: [] };
}

/**
 * The fields the tags stand for, in the order found, and every problem at once: each tag's own
 * (type, options, numbers, step) and names used twice. A name is one box: a second tag with the
 * same name is a problem whatever its type (radio options each have a name and share a group).
 */
export function textTagFields(tags: readonly TagText[], document: TagDocument): { fields: TemplateField[]; problems: TextTagProblem[] } {
  const fields: TemplateField[] = [];
  const problems: TextTagProblem[] = [];
  const named = new Map<string, { page: number; type?: FieldType }>();
  for (const tag of tags) {
    const { name, field, problems: own } = tagField(tag, document);
    problems.push(...own.map((message) => problem(tag.page, tag.text, message)));
    if (name === '') continue;
    const earlier = named.get(name);
    if (earlier) {
      const type = field?.type;
      const message =
        earlier.type && type && earlier.type !== type
          ? said('tagSameNameOtherType', { name, page: earlier.page, type: earlier.type })
          : said('tagSameName', { name, page: earlier.page });
      problems.push(problem(tag.page, tag.text, message));
      continue;
    }
    named.set(name, { page: tag.page, ...(field ? { type: field.type } : {}) });
    if (field) fields.push(field);
  }
  return { fields, problems };
}
