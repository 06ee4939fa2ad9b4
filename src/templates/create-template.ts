// A template: a PDF plus field boxes and a number of signing steps.
import type { Context } from '../context.ts';
import { DojangError, sayProblems } from '../errors.ts';
import { asServiceError } from '../pdf/pdf-service-error.ts';
import type { PageSize } from '../pdf/read-page-sizes.ts';
import { checkFieldValue, fieldProblem, type FieldProblem } from '../domain/field-values.ts';
import { said, type Said } from '../domain/said.ts';
import { FIELD_TYPES, type FieldType, type TemplateField } from '../domain/fields.ts';
import { sha256Hex } from '../security/random-token.ts';
import { toTimestamp } from '../domain/time.ts';
import type { CompanyId, MemberId, TemplateId } from '../domain/ids.ts';
import { DEFAULT_PDF_LIMITS, refuse } from '../pdf/pdf-limits.ts';
import type { TextTagReading } from './read-text-tags.ts';

export const MAX_STEPS = 20;
export const MAX_FIELDS = 500;
export const MAX_TEMPLATE_PDF_BYTES = DEFAULT_PDF_LIMITS.maxFileBytes;

export class TemplateRejected extends Error {
  readonly code = 'TEMPLATE_REJECTED';
  constructor(readonly problems: FieldProblem[]) {
    super(sayProblems(problems, null));
  }
}

export interface TemplateInput {
  name: string;
  /** With boxes given, required; with text tags, the highest step a tag names when absent. */
  steps: number | undefined;
  pdf: Uint8Array;
  /** The boxes, or "tags": read them from the PDF's text tags ({{name;type=sign;step=1}}). */
  fields: unknown[] | 'tags';
}

/**
 * The PDF's pages as a reader shows them (crop box, turned by /Rotate), read in a PDF worker
 * after the file passed every bound (pdf/pdf-limits.ts); a problem naming `pdf` otherwise.
 */
async function readPdfPages(ctx: Pick<Context, 'pdf'>, pdf: Uint8Array): Promise<PageSize[] | FieldProblem> {
  if (pdf.length > MAX_TEMPLATE_PDF_BYTES) return fieldProblem('pdf', refuse.fileSize(DEFAULT_PDF_LIMITS).said);
  try {
    const pages = await asServiceError(() => ctx.pdf.run('inspect', { pdf, limits: ctx.pdf.limits }));
    ctx.pdf.markChecked(sha256Hex(pdf));
    return pages;
  } catch (error) {
    if (error instanceof DojangError && error.code === 'pdf-refused') return fieldProblem('pdf', error.said);
    throw error;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined;

/** Checks the boxes against the steps and the pages they sit on. */
export function checkTemplateFields(raw: unknown[], steps: number, pages: PageSize[]): { fields: TemplateField[]; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const fields: TemplateField[] = [];
  const names = new Set<string>();
  if (raw.length > MAX_FIELDS) problems.push(fieldProblem('fields', said('tooManyFields', { max: MAX_FIELDS })));
  raw.slice(0, MAX_FIELDS).forEach((entry, i) => {
    const at = (key: string) => `fields[${i}]${key ? `.${key}` : ''}`;
    const problem = (key: string, message: Said) => problems.push(fieldProblem(at(key), message));
    if (!isRecord(entry)) return problem('', said('mustBeObject'));
    const name = typeof entry.name === 'string' ? entry.name.trim() : '';
    if (name === '' || name.length > 100) problem('name', said('fieldNameLength'));
    else if (names.has(name)) problem('name', said('duplicateFieldName', { name }));
    names.add(name);
    const label = typeof entry.label === 'string' ? entry.label.trim() : undefined;
    if (entry.label !== undefined && entry.label !== null && (typeof entry.label !== 'string' || label!.length > 100)) problem('label', said('labelTooLong'));
    const type = entry.type as FieldType;
    if (!FIELD_TYPES.includes(type)) problem('type', said('mustBeOneOf', { choices: FIELD_TYPES.join(', ') }));
    const owner = entry.owner === undefined && type === 'LabelBox' ? 0 : num(entry.owner);
    if (type === 'LabelBox') {
      if (owner !== 0) problem('owner', said('labelBoxNoOwner'));
    } else if (owner === undefined || !Number.isInteger(owner) || owner < 1 || owner > steps) {
      problem('owner', said('ownerStepRange', { steps }));
    }
    const page = num(entry.page);
    const pageSize = page !== undefined && Number.isInteger(page) ? pages[page - 1] : undefined;
    if (!pageSize) problem('page', said('pageRange', { pages: pages.length }));
    const [x, y, width, height] = (['x', 'y', 'width', 'height'] as const).map((k) => num(entry[k]));
    const box = { x, y, width, height };
    for (const [k, v] of Object.entries(box)) {
      if (v === undefined) problem(k, said('mustBePoints'));
    }
    if (x !== undefined && y !== undefined && width !== undefined && height !== undefined && pageSize) {
      if (width <= 0 || height <= 0) problem('', said('boxSizePositive'));
      else if (x < 0 || y < 0 || x + width > pageSize.width + 0.5 || y + height > pageSize.height + 0.5) {
        problem('', said('boxOutsidePage', { page: page!, x, y, width, height, pageWidth: round(pageSize.width), pageHeight: round(pageSize.height) }));
      }
    }
    if (entry.required !== undefined && typeof entry.required !== 'boolean') problem('required', said('mustBeTrueOrFalse'));
    const group = entry.group === undefined || entry.group === null ? undefined : String(entry.group);
    const field: TemplateField = {
      name,
      ...(label ? { label } : {}),
      type,
      owner: owner ?? 0,
      required: entry.required === true,
      page: page ?? 1,
      x: x ?? 0,
      y: y ?? 0,
      width: width ?? 0,
      height: height ?? 0,
      ...(type === 'RadioBox' ? { group: group ?? name } : {}),
    };
    if (entry.default !== undefined && entry.default !== null && FIELD_TYPES.includes(type)) {
      const check = checkFieldValue(field, String(entry.default));
      if (check.ok) field.default = check.value;
      else problem('default', check.said);
    }
    fields.push(field);
  });
  return { fields, problems };
}

const round = (n: number) => Math.round(n * 10) / 10;

/** A template's input, checked: the PDF's pages and the boxes as they will be stored. */
export interface CheckedTemplate {
  name: string;
  steps: number;
  pdf: Uint8Array;
  pages: PageSize[];
  fields: TemplateField[];
}

/** Checks a template's name, steps, PDF and boxes; throws TemplateRejected naming every problem. */
export async function checkTemplate(ctx: Pick<Context, 'pdf'>, input: TemplateInput): Promise<CheckedTemplate> {
  const problems: FieldProblem[] = [];
  const name = input.name.trim();
  if (name === '' || name.length > 128) problems.push(fieldProblem('name', said('templateNameLength')));
  const { steps } = input;
  if (steps === undefined) {
    if (input.fields !== 'tags') problems.push(fieldProblem('steps', said('stepsRequiredWithFields')));
  } else if (!Number.isInteger(steps) || steps < 1 || steps > MAX_STEPS) {
    problems.push(fieldProblem('steps', said('stepsRange', { max: MAX_STEPS })));
  }
  if (input.fields === 'tags') {
    const tagged = await readTemplateTags(ctx, input.pdf, steps);
    if (!('fields' in tagged)) throw new TemplateRejected([...problems, ...tagged]);
    if (problems.length > 0) throw new TemplateRejected(problems);
    return { name, ...tagged };
  }
  const pages = await readPdfPages(ctx, input.pdf);
  if (!Array.isArray(pages)) throw new TemplateRejected([...problems, pages]);
  const { fields, problems: fieldProblems } = checkTemplateFields(input.fields, steps ?? MAX_STEPS, pages);
  problems.push(...fieldProblems);
  if (problems.length > 0 || steps === undefined) throw new TemplateRejected(problems);
  return { name, steps, pdf: input.pdf, pages, fields };
}

/**
 * The boxes a PDF's text tags stand for, read in a PDF worker (templates/read-text-tags.ts),
 * and the PDF to store: the one without the tags' text. `steps` bounds the tags' steps; without
 * it, the template has as many steps as the highest a tag names (at least `atLeastSteps`).
 * Problems name the page and quote the tag; a PDF without a tag (a scan) is one problem too.
 */
export async function readTemplateTags(
  ctx: Pick<Context, 'pdf'>,
  pdf: Uint8Array,
  steps: number | undefined,
  atLeastSteps = 1,
): Promise<Omit<CheckedTemplate, 'name'> | FieldProblem[]> {
  if (pdf.length > MAX_TEMPLATE_PDF_BYTES) return [fieldProblem('pdf', refuse.fileSize(DEFAULT_PDF_LIMITS).said)];
  let reading: TextTagReading;
  try {
    reading = await asServiceError(() => ctx.pdf.run('text-tags', { pdf, limits: ctx.pdf.limits, steps: steps ?? MAX_STEPS }));
  } catch (error) {
    if (error instanceof DojangError && error.code === 'pdf-refused') return [fieldProblem('pdf', error.said)];
    throw error;
  }
  if (reading.problems.length > 0) {
    return reading.problems.map((p) => fieldProblem(`pdf.pages[${p.page}]`, said('tagProblem', { tag: p.tag, problem: p.said })));
  }
  if (reading.fields.length === 0) return [fieldProblem('pdf', said('noTextTags'))];
  // The tags' text is gone from what is stored; the worker wrote it, within the same bounds.
  const stored = reading.pdf ?? pdf;
  ctx.pdf.markChecked(sha256Hex(stored));
  const highest = Math.max(atLeastSteps, ...reading.fields.map((f) => f.owner));
  return { steps: steps ?? Math.min(highest, MAX_STEPS), pdf: stored, pages: reading.pages, fields: reading.fields };
}

/** Stores a template's PDF under its SHA-256 (the same PDF is stored once). */
export async function storeTemplatePdf(ctx: Pick<Context, 'files'>, pdf: Uint8Array): Promise<{ pdfKey: string; pdfSha256: string }> {
  const pdfSha256 = sha256Hex(pdf);
  const pdfKey = `templates/${pdfSha256}.pdf`;
  await ctx.files.put(pdfKey, pdf);
  return { pdfKey, pdfSha256 };
}

/** Creates a template; answers its id and its boxes (those read from the tags, when it was made from them). */
export async function createTemplate(
  ctx: Context,
  companyId: CompanyId,
  memberId: MemberId,
  input: TemplateInput,
): Promise<{ id: TemplateId; steps: number; fields: TemplateField[] }> {
  const template = await checkTemplate(ctx, input);
  const { pdfKey, pdfSha256 } = await storeTemplatePdf(ctx, template.pdf);
  const now = toTimestamp(ctx.clock());
  const row = await ctx.db
    .insertInto('templates')
    .values({
      company_id: companyId,
      name: template.name,
      steps: template.steps,
      fields: JSON.stringify(template.fields),
      pages: JSON.stringify(template.pages),
      pdf_key: pdfKey,
      pdf_sha256: pdfSha256,
      creator_member_id: memberId,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, steps: template.steps, fields: template.fields };
}
