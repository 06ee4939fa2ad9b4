// startsimple (5005Q) input, checked rule by rule with messages that name each bad field.
// Liberal in what it accepts (numbers for strings, unknown keys ignored), strict in meaning.
import type { FieldProblem } from '../domain/field-values.ts';
import { checkFieldValue, fieldProblem, radioConflicts } from '../domain/field-values.ts';
import type { FieldValues, TemplateField } from '../domain/fields.ts';
import { identityKind, isKoreanMobile } from '../domain/identity.ts';
import { parseUtcOffset } from '../domain/time.ts';
import { isCheckEnabled } from '../domain/verification-flags.ts';
import { said, type Said } from '../domain/said.ts';
import { asLanguage, parseLanguage, type Language } from '../domain/recipient.ts';
import { type TemplateId, toTemplateId, parseId } from '../domain/ids.ts';

export interface PlayerInput {
  step: number;
  identity: string;
  name: string;
  mobileNumber: string | null;
  password: string | null;
  passwordHint: string | null;
  language: Language;
}

export interface RefererInput {
  identity: string;
  name: string;
  language: Language;
}

export interface StartRequest {
  workflowName: string;
  docId: TemplateId;
  memberEmail: string | null;
  language: Language;
  comment: string;
  expireddate: string | null;
  timezoneOffset: string | null;
  preview: boolean;
  players: PlayerInput[];
  values: FieldValues;
  referers: RefererInput[];
  exportInfo: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined);

// eSignon refuses these in document and person names: ' " \ / : | < > . ?
const NAME_FORBIDDEN = /['"\\/:|<>.?]/;
const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/;
const LANGUAGE_CHOICE = said('languageChoice');

/** The first pass: shapes and rules that need no template. */
/**
 * `templateGiven: false` for a contract whose template comes with it (a PDF with text tags,
 * POST /api/v1/contracts): no doc_id is asked for, and a preview cannot be made.
 */
export function parseStartRequest(
  raw: Record<string, unknown>,
  options: { templateGiven: boolean } = { templateGiven: true },
): { request: StartRequest; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const problem = (field: string, message: Said) => problems.push(fieldProblem(field, message));

  const workflowName = (text(raw.workflow_name) ?? '').trim();
  if (workflowName === '' || workflowName.length > 128) problem('workflow_name', said('workflowNameLength'));
  else if (NAME_FORBIDDEN.test(workflowName)) problem('workflow_name', said('workflowNameForbidden'));

  const docIdText = text(raw.doc_id)?.trim() ?? '';
  const docId = toTemplateId(parseId(docIdText) ?? NaN);
  // Without a template given, it is made from the PDF sent with the request.
  if (options.templateGiven) {
    if (docIdText === '') problem('doc_id', said('docIdRequired'));
    else if (!Number.isSafeInteger(docId)) problem('doc_id', said('noTemplateToStart', { id: docIdText }));
  }

  const memberEmail = text(raw.memb_email)?.trim() || null;

  const languageRaw = text(raw.language)?.trim();
  if (languageRaw && !parseLanguage(languageRaw)) problem('language', LANGUAGE_CHOICE);
  const language = asLanguage(languageRaw);

  const comment = text(raw.comment) ?? '';
  if (comment.length > 250) problem('comment', said('commentTooLong'));

  const expireddate = text(raw.expireddate)?.trim() || null;
  const timezoneOffset = text(raw.timezone_offset)?.trim() || null;
  if (timezoneOffset && parseUtcOffset(timezoneOffset) === null) problem('timezone_offset', said('timezoneOffsetFormat'));

  const preview = text(raw.preview) === 'preview';
  if (preview && !options.templateGiven) problem('preview', said('previewNeedsTemplate'));
  const players = parsePlayers(raw.player_list, language, problem);
  const referers = parseReferers(raw.customer_list, problem);

  const values: FieldValues = {};
  if (raw.field_list !== undefined && raw.field_list !== null) {
    if (!Array.isArray(raw.field_list)) problem('field_list', said('listMustBeArray', { list: 'field_list' }));
    else {
      raw.field_list.forEach((entry: unknown, i) => {
        if (!isRecord(entry)) return problem(`field_list[${i}]`, said('fieldListEntryShape'));
        const name = text(entry.field_name)?.trim();
        const value = entry.field_value === null || entry.field_value === undefined ? '' : text(entry.field_value);
        if (value === undefined) return problem(`field_list[${i}].field_value`, said('fieldValueMustBeString'));
        // An empty value prefills nothing, whatever the field (real integrations send every box, empty ones too).
        if (value === '') return;
        if (!name) return problem(`field_list[${i}].field_name`, said('fieldNameRequired'));
        values[name] = value;
      });
    }
  }

  return {
    request: {
      workflowName,
      docId,
      memberEmail,
      language,
      comment,
      expireddate,
      timezoneOffset,
      preview,
      players,
      values,
      referers,
      exportInfo: raw.export_api_info,
    },
    problems,
  };
}

function parsePlayers(raw: unknown, language: Language, problem: (field: string, message: Said) => void): PlayerInput[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    problem('player_list', said('playerListRequired'));
    return [];
  }
  return raw.flatMap((entry: unknown, i): PlayerInput[] => {
    const at = (key: string) => `player_list[${i}].${key}`;
    if (!isRecord(entry)) {
      problem(`player_list[${i}]`, said('mustBeObject'));
      return [];
    }
    const ownerText = text(entry.field_owner)?.trim();
    const step = ownerText === undefined || ownerText === '' ? i + 1 : /^\d{1,3}$/.test(ownerText) ? Number(ownerText) : NaN;
    if (!Number.isInteger(step)) problem(at('field_owner'), said('fieldOwnerNotStep', { got: JSON.stringify(entry.field_owner) }));

    const identity = text(entry.email)?.trim() ?? '';
    if (identity === '') problem(at('email'), said('playerIdentityRequired'));
    else if (identityKind(identity) === null) problem(at('email'), /^[\d\s+-]+$/.test(identity) ? said('notKoreanMobileExample') : said('notEmailAddress'));

    const name = text(entry.name)?.trim() ?? '';
    if (name === '') problem(at('name'), said('playerNameRequired'));
    else if (name.length > 64 || NAME_FORBIDDEN.test(name)) problem(at('name'), said('playerNameForbidden'));

    // enable_mobile_cert / enable_password_cert "false" switch a check off even with its value given.
    const mobileGiven = text(entry.mobile_number)?.trim() ?? '';
    const useMobile = isCheckEnabled(entry.enable_mobile_cert, mobileGiven);
    const mobileNumber = !useMobile ? null : mobileGiven || (isKoreanMobile(identity) ? identity : null);
    if (useMobile && mobileNumber === null) problem(at('mobile_number'), said('mobileCertNeedsNumber'));
    else if (mobileNumber && !isKoreanMobile(mobileNumber)) problem(at('mobile_number'), said('notKoreanMobile'));

    const passwordGiven = text(entry.password) ?? '';
    const usePassword = isCheckEnabled(entry.enable_password_cert, passwordGiven);
    const password = usePassword ? passwordGiven || null : null;
    if (usePassword && password === null) problem(at('password'), said('passwordCertNeedsPassword'));
    if (password !== null) {
      if (password.length < 4 || password.length > 15) problem(at('password'), said('passwordLength'));
      if (HANGUL.test(password)) problem(at('password'), said('passwordHangul'));
      if (/['"]/.test(password)) problem(at('password'), said('passwordQuotes'));
    }
    const passwordHint = password === null ? null : text(entry.password_hint)?.trim() || null;
    if (passwordHint && passwordHint.length > 50) problem(at('password_hint'), said('passwordHintTooLong'));

    const playerLanguage = text(entry.language)?.trim();
    if (playerLanguage && !parseLanguage(playerLanguage)) problem(at('language'), LANGUAGE_CHOICE);

    return [{ step, identity, name, mobileNumber, password, passwordHint, language: asLanguage(playerLanguage, language) }];
  });
}

function parseReferers(raw: unknown, problem: (field: string, message: Said) => void): RefererInput[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    problem('customer_list', said('listMustBeArray', { list: 'customer_list' }));
    return [];
  }
  return raw.flatMap((entry: unknown, i): RefererInput[] => {
    if (!isRecord(entry)) {
      problem(`customer_list[${i}]`, said('mustBeObject'));
      return [];
    }
    const identity = text(entry.email)?.trim() ?? '';
    const name = text(entry.name)?.trim() ?? '';
    if (identityKind(identity) === null) problem(`customer_list[${i}].email`, said('refererIdentity'));
    if (name === '') problem(`customer_list[${i}].name`, said('refererNameRequired'));
    const language = text(entry.language)?.trim();
    if (language && !parseLanguage(language)) problem(`customer_list[${i}].language`, LANGUAGE_CHOICE);
    return [{ identity, name, language: asLanguage(language) }];
  });
}

/** The second pass: players against the template's steps, prefilled values against its fields. */
export function checkAgainstTemplate(
  request: StartRequest,
  steps: number,
  fields: readonly TemplateField[],
): { values: FieldValues; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  if (request.players.length !== steps) {
    problems.push(fieldProblem('player_list', said('playerCountMismatch', { steps, players: request.players.length })));
  } else {
    const owners = request.players.map((p) => p.step).sort((a, b) => a - b);
    if (!owners.every((owner, i) => owner === i + 1)) {
      const got = request.players.map((p) => p.step).join(', ');
      problems.push(fieldProblem('player_list', said('fieldOwnersNotEachStep', { steps, got })));
    }
  }
  const values: FieldValues = {};
  for (const [name, raw] of Object.entries(request.values)) {
    const field = fields.find((f) => f.name === name);
    if (!field) {
      problems.push(fieldProblem(`field_list.${name}`, said('noSuchField', { name })));
      continue;
    }
    if (field.type === 'SignBox') {
      problems.push(fieldProblem(`field_list.${name}`, said('signBoxNotPrefilled')));
      continue;
    }
    const check = checkFieldValue(field, raw);
    if (check.ok) values[name] = check.value;
    else problems.push(fieldProblem(`field_list.${name}`, check.said));
  }
  problems.push(...radioConflicts(fields, values).map((p) => ({ ...p, field: `field_list.${p.field}` })));
  return { values, problems };
}
