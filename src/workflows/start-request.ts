// startsimple (5005Q) input, checked rule by rule with messages that name each bad field.
// Liberal in what it accepts (numbers for strings, unknown keys ignored), strict in meaning.
import type { FieldProblem } from '../domain/field-values.ts';
import { checkFieldValue, radioConflicts } from '../domain/field-values.ts';
import type { FieldValues, TemplateField } from '../domain/fields.ts';
import { identityKind, isKoreanMobile } from '../domain/identity.ts';
import { parseUtcOffset } from '../domain/time.ts';
import { isCheckEnabled } from '../domain/verification-flags.ts';
import { asLanguage, LANGUAGES, type Language } from './recipient.ts';
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
const text = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined;

// eSignon refuses these in document and person names: ' " \ / : | < > . ?
const NAME_FORBIDDEN = /['"\\/:|<>.?]/;
const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/;

/** The first pass: shapes and rules that need no template. */
export function parseStartRequest(raw: Record<string, unknown>): { request: StartRequest; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ field, message });

  const workflowName = (text(raw.workflow_name) ?? '').trim();
  if (workflowName === '' || workflowName.length > 128) problem('workflow_name', '문서명은 1~128자로 입력해주세요 (workflow_name must be 1-128 characters)');
  else if (NAME_FORBIDDEN.test(workflowName)) problem('workflow_name', `문서이름에 특수문자를 포함할 수 없습니다 (workflow_name may not contain ' " \\ / : | < > . ?)`);

  const docIdText = text(raw.doc_id)?.trim() ?? '';
  const docId = toTemplateId(parseId(docIdText) ?? NaN);
  if (docIdText === '') problem('doc_id', '시작할 서식 ID가 필요합니다 (doc_id is required)');
  else if (!Number.isSafeInteger(docId)) problem('doc_id', `존재하지 않는 서식입니다 (서식아이디:${docIdText}) (no template ${docIdText})`);

  const memberEmail = text(raw.memb_email)?.trim() || null;

  const languageRaw = text(raw.language)?.trim();
  if (languageRaw && !LANGUAGES.includes(languageRaw as Language)) problem('language', `"ko-KR", "en-US", "ja-JP" 중 하나여야 합니다 (language must be ko-KR, en-US or ja-JP)`);
  const language = asLanguage(languageRaw);

  const comment = text(raw.comment) ?? '';
  if (comment.length > 250) problem('comment', '메세지 글자수를 초과했습니다 (250자 제한) (comment: at most 250 characters)');

  const expireddate = text(raw.expireddate)?.trim() || null;
  const timezoneOffset = text(raw.timezone_offset)?.trim() || null;
  if (timezoneOffset && parseUtcOffset(timezoneOffset) === null) {
    problem('timezone_offset', 'timezone_offset의 형식이 잘못되었습니다 ( +XX:XX or -XX:XX ) (timezone_offset must look like +09:00)');
  }

  const preview = text(raw.preview) === 'preview';
  const players = parsePlayers(raw.player_list, language, problem);
  const referers = parseReferers(raw.customer_list, problem);

  const values: FieldValues = {};
  if (raw.field_list !== undefined && raw.field_list !== null) {
    if (!Array.isArray(raw.field_list)) problem('field_list', '배열이어야 합니다 (field_list must be an array)');
    else {
      raw.field_list.forEach((entry: unknown, i) => {
        if (!isRecord(entry)) return problem(`field_list[${i}]`, '{field_name, field_value} 객체여야 합니다 (must be {field_name, field_value})');
        const name = text(entry.field_name)?.trim();
        const value = entry.field_value === null || entry.field_value === undefined ? '' : text(entry.field_value);
        if (value === undefined) return problem(`field_list[${i}].field_value`, '문자열이어야 합니다 (field_value must be a string)');
        // An empty value prefills nothing, whatever the field (real integrations send every box, empty ones too).
        if (value === '') return;
        if (!name) return problem(`field_list[${i}].field_name`, '필드명이 필요합니다 (field_name is required)');
        values[name] = value;
      });
    }
  }

  return {
    request: {
      workflowName, docId, memberEmail, language, comment, expireddate, timezoneOffset, preview,
      players, values, referers, exportInfo: raw.export_api_info,
    },
    problems,
  };
}

function parsePlayers(raw: unknown, language: Language, problem: (field: string, message: string) => void): PlayerInput[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    problem('player_list', '서명하는 고객의 정보가 필요합니다 (player_list is required: one player per step)');
    return [];
  }
  return raw.flatMap((entry: unknown, i): PlayerInput[] => {
    const at = (key: string) => `player_list[${i}].${key}`;
    if (!isRecord(entry)) {
      problem(`player_list[${i}]`, '객체여야 합니다 (must be an object)');
      return [];
    }
    const ownerText = text(entry.field_owner)?.trim();
    const step = ownerText === undefined || ownerText === '' ? i + 1 : /^\d{1,3}$/.test(ownerText) ? Number(ownerText) : NaN;
    if (!Number.isInteger(step)) problem(at('field_owner'), `단계 번호여야 합니다 (field_owner must be a step number, got ${JSON.stringify(entry.field_owner)})`);

    const identity = text(entry.email)?.trim() ?? '';
    if (identity === '') problem(at('email'), '이메일 또는 휴대폰 번호가 필요합니다 (email is required: an email address or a mobile number)');
    else if (identityKind(identity) === null) {
      problem(at('email'), /^[\d\s+-]+$/.test(identity)
        ? '휴대폰 형식이 맞지 않습니다 ( - 유무 상관없음 ) (not a Korean mobile number, e.g. 010-1234-5678)'
        : '이메일 형식이 맞지 않습니다 (not an email address)');
    }

    const name = text(entry.name)?.trim() ?? '';
    if (name === '') problem(at('name'), 'player_list의 name 값은 필수로 입력하셔야 합니다 (name is required)');
    else if (name.length > 64 || NAME_FORBIDDEN.test(name)) problem(at('name'), `이름에 특수문자를 포함할 수 없습니다 (name: at most 64 characters, none of ' " \\ / : | < > . ?)`);

    // enable_mobile_cert / enable_password_cert "false" switch a check off even with its value given.
    const mobileGiven = text(entry.mobile_number)?.trim() ?? '';
    const useMobile = isCheckEnabled(entry.enable_mobile_cert, mobileGiven);
    const mobileNumber = !useMobile ? null : mobileGiven || (isKoreanMobile(identity) ? identity : null);
    if (useMobile && mobileNumber === null) problem(at('mobile_number'), '휴대폰 인증에는 휴대폰 번호가 필요합니다 (enable_mobile_cert is "true": mobile_number is required)');
    else if (mobileNumber && !isKoreanMobile(mobileNumber)) problem(at('mobile_number'), '휴대폰 형식이 맞지 않습니다 ( - 유무 상관없음 ) (not a Korean mobile number)');

    const passwordGiven = text(entry.password) ?? '';
    const usePassword = isCheckEnabled(entry.enable_password_cert, passwordGiven);
    const password = usePassword ? passwordGiven || null : null;
    if (usePassword && password === null) problem(at('password'), '비밀번호 인증에는 비밀번호가 필요합니다 (enable_password_cert is "true": password is required)');
    if (password !== null) {
      if (password.length < 4 || password.length > 15) problem(at('password'), '비밀번호인증 비밀번호(password)는 4~15자로 입력해주세요 (password: 4-15 characters)');
      if (HANGUL.test(password)) problem(at('password'), '비밀번호에 한글은 입력할 수 없습니다 (password may not contain Hangul)');
      if (/['"]/.test(password)) problem(at('password'), `비밀번호에 특수문자[' "]를 입력할 수 없습니다 (password may not contain ' or ")`);
    }
    const passwordHint = password === null ? null : text(entry.password_hint)?.trim() || null;
    if (passwordHint && passwordHint.length > 50) problem(at('password_hint'), '비밀번호인증 힌트는 50자 이하로 입력해주세요 (password_hint: at most 50 characters)');

    const playerLanguage = text(entry.language)?.trim();
    if (playerLanguage && !LANGUAGES.includes(playerLanguage as Language)) problem(at('language'), 'ko-KR, en-US, ja-JP 중 하나여야 합니다 (language must be ko-KR, en-US or ja-JP)');

    return [{ step, identity, name, mobileNumber, password, passwordHint, language: asLanguage(playerLanguage, language) }];
  });
}

function parseReferers(raw: unknown, problem: (field: string, message: string) => void): RefererInput[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    problem('customer_list', '배열이어야 합니다 (customer_list must be an array)');
    return [];
  }
  return raw.flatMap((entry: unknown, i): RefererInput[] => {
    if (!isRecord(entry)) {
      problem(`customer_list[${i}]`, '객체여야 합니다 (must be an object)');
      return [];
    }
    const identity = text(entry.email)?.trim() ?? '';
    const name = text(entry.name)?.trim() ?? '';
    if (identityKind(identity) === null) problem(`customer_list[${i}].email`, '이메일 또는 휴대폰 번호여야 합니다 (an email address or a Korean mobile number)');
    if (name === '') problem(`customer_list[${i}].name`, '참조자 이름이 필요합니다 (name is required)');
    const language = text(entry.language)?.trim();
    if (language && !LANGUAGES.includes(language as Language)) problem(`customer_list[${i}].language`, 'ko-KR, en-US, ja-JP 중 하나여야 합니다 (language must be ko-KR, en-US or ja-JP)');
    return [{ identity, name, language: asLanguage(language) }];
  });
}

/** The second pass: players against the template's steps, prefilled values against its fields. */
export function checkAgainstTemplate(request: StartRequest, steps: number, fields: readonly TemplateField[]): { values: FieldValues; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  if (request.players.length !== steps) {
    problems.push({ field: 'player_list', message: `설정한 문서작성자 수( ${request.players.length} )와 서식의 문서작성자 수( ${steps} )가 일치하지 않습니다 (the template has ${steps} steps; player_list has ${request.players.length} players)` });
  } else {
    const owners = request.players.map((p) => p.step).sort((a, b) => a - b);
    if (!owners.every((owner, i) => owner === i + 1)) {
      problems.push({ field: 'player_list', message: `field_owner는 1부터 ${steps}까지 한 번씩이어야 합니다 (field_owner must be 1..${steps}, each once; got ${request.players.map((p) => p.step).join(', ')})` });
    }
  }
  const values: FieldValues = {};
  for (const [name, raw] of Object.entries(request.values)) {
    const field = fields.find((f) => f.name === name);
    if (!field) {
      problems.push({ field: `field_list.${name}`, message: `서식에 "${name}" 필드가 없습니다 (the template has no field "${name}")` });
      continue;
    }
    if (field.type === 'SignBox') {
      problems.push({ field: `field_list.${name}`, message: '서명은 미리 입력할 수 없습니다 (a SignBox is signed by its signer, not prefilled)' });
      continue;
    }
    const check = checkFieldValue(field, raw);
    if (check.ok) values[name] = check.value;
    else problems.push({ field: `field_list.${name}`, message: check.message });
  }
  problems.push(...radioConflicts(fields, values).map((p) => ({ ...p, field: `field_list.${p.field}` })));
  return { values, problems };
}
