// startsimple (5005Q) input, checked rule by rule with messages that name each bad field.
// Liberal in what it accepts (numbers for strings, unknown keys ignored), strict in meaning.
import type { FieldProblem } from '../domain/field-values.ts';
import { checkFieldValue, fieldProblem, radioConflicts } from '../domain/field-values.ts';
import type { FieldValues, TemplateField } from '../domain/fields.ts';
import { identityKind, isKoreanMobile } from '../domain/identity.ts';
import { parseUtcOffset } from '../domain/time.ts';
import { isCheckEnabled } from '../domain/verification-flags.ts';
import { localized, type Localized } from '../domain/localized.ts';
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
const LANGUAGE_CHOICE = localized(
  'ko-KR, en-US, ja-JP 중 하나여야 합니다',
  'language must be ko-KR, en-US or ja-JP',
  'ko-KR、en-US、ja-JP のいずれかを指定してください',
);

/** The first pass: shapes and rules that need no template. */
export function parseStartRequest(raw: Record<string, unknown>): { request: StartRequest; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const problem = (field: string, text: Localized) => problems.push(fieldProblem(field, text));

  const workflowName = (text(raw.workflow_name) ?? '').trim();
  if (workflowName === '' || workflowName.length > 128)
    problem('workflow_name', localized('문서명은 1~128자로 입력해주세요', 'workflow_name must be 1-128 characters', '文書名は1～128文字で入力してください'));
  else if (NAME_FORBIDDEN.test(workflowName))
    problem(
      'workflow_name',
      localized('문서이름에 특수문자를 포함할 수 없습니다', `workflow_name may not contain ' " \\ / : | < > . ?`, '文書名に特殊文字は使えません'),
    );

  const docIdText = text(raw.doc_id)?.trim() ?? '';
  const docId = toTemplateId(parseId(docIdText) ?? NaN);
  if (docIdText === '') problem('doc_id', localized('시작할 서식 ID가 필요합니다', 'doc_id is required', '開始するテンプレートのIDが必要です'));
  else if (!Number.isSafeInteger(docId))
    problem(
      'doc_id',
      localized(`존재하지 않는 서식입니다 (서식아이디:${docIdText})`, `no template ${docIdText}`, `存在しないテンプレートです（テンプレートID: ${docIdText}）`),
    );

  const memberEmail = text(raw.memb_email)?.trim() || null;

  const languageRaw = text(raw.language)?.trim();
  if (languageRaw && !parseLanguage(languageRaw)) problem('language', LANGUAGE_CHOICE);
  const language = asLanguage(languageRaw);

  const comment = text(raw.comment) ?? '';
  if (comment.length > 250)
    problem(
      'comment',
      localized('메세지 글자수를 초과했습니다 (250자 제한)', 'comment: at most 250 characters', 'メッセージの文字数が上限（250文字）を超えています'),
    );

  const expireddate = text(raw.expireddate)?.trim() || null;
  const timezoneOffset = text(raw.timezone_offset)?.trim() || null;
  if (timezoneOffset && parseUtcOffset(timezoneOffset) === null) {
    problem(
      'timezone_offset',
      localized(
        'timezone_offset의 형식이 잘못되었습니다 ( +XX:XX or -XX:XX )',
        'timezone_offset must look like +09:00',
        'timezone_offset の形式が正しくありません（+XX:XX または -XX:XX）',
      ),
    );
  }

  const preview = text(raw.preview) === 'preview';
  const players = parsePlayers(raw.player_list, language, problem);
  const referers = parseReferers(raw.customer_list, problem);

  const values: FieldValues = {};
  if (raw.field_list !== undefined && raw.field_list !== null) {
    if (!Array.isArray(raw.field_list)) problem('field_list', localized('배열이어야 합니다', 'field_list must be an array', '配列を指定してください'));
    else {
      raw.field_list.forEach((entry: unknown, i) => {
        if (!isRecord(entry))
          return problem(
            `field_list[${i}]`,
            localized(
              '{field_name, field_value} 객체여야 합니다',
              'must be {field_name, field_value}',
              '{field_name, field_value} のオブジェクトを指定してください',
            ),
          );
        const name = text(entry.field_name)?.trim();
        const value = entry.field_value === null || entry.field_value === undefined ? '' : text(entry.field_value);
        if (value === undefined)
          return problem(`field_list[${i}].field_value`, localized('문자열이어야 합니다', 'field_value must be a string', '文字列を指定してください'));
        // An empty value prefills nothing, whatever the field (real integrations send every box, empty ones too).
        if (value === '') return;
        if (!name) return problem(`field_list[${i}].field_name`, localized('필드명이 필요합니다', 'field_name is required', 'フィールド名が必要です'));
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

function parsePlayers(raw: unknown, language: Language, problem: (field: string, text: Localized) => void): PlayerInput[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    problem('player_list', localized('서명하는 고객의 정보가 필요합니다', 'player_list is required: one player per step', '署名する人の情報が必要です'));
    return [];
  }
  return raw.flatMap((entry: unknown, i): PlayerInput[] => {
    const at = (key: string) => `player_list[${i}].${key}`;
    if (!isRecord(entry)) {
      problem(`player_list[${i}]`, localized('객체여야 합니다', 'must be an object', 'オブジェクトを指定してください'));
      return [];
    }
    const ownerText = text(entry.field_owner)?.trim();
    const step = ownerText === undefined || ownerText === '' ? i + 1 : /^\d{1,3}$/.test(ownerText) ? Number(ownerText) : NaN;
    if (!Number.isInteger(step))
      problem(
        at('field_owner'),
        localized('단계 번호여야 합니다', `field_owner must be a step number, got ${JSON.stringify(entry.field_owner)}`, 'ステップ番号を指定してください'),
      );

    const identity = text(entry.email)?.trim() ?? '';
    if (identity === '')
      problem(
        at('email'),
        localized(
          '이메일 또는 휴대폰 번호가 필요합니다',
          'email is required: an email address or a mobile number',
          'メールアドレスまたは携帯電話番号が必要です',
        ),
      );
    else if (identityKind(identity) === null) {
      problem(
        at('email'),
        /^[\d\s+-]+$/.test(identity)
          ? localized(
              '휴대폰 형식이 맞지 않습니다 ( - 유무 상관없음 )',
              'not a Korean mobile number, e.g. 010-1234-5678',
              '携帯電話番号の形式が正しくありません（例: 010-1234-5678）',
            )
          : localized('이메일 형식이 맞지 않습니다', 'not an email address', 'メールアドレスの形式が正しくありません'),
      );
    }

    const name = text(entry.name)?.trim() ?? '';
    if (name === '') problem(at('name'), localized('player_list의 name 값은 필수로 입력하셔야 합니다', 'name is required', 'player_list の name は必須です'));
    else if (name.length > 64 || NAME_FORBIDDEN.test(name))
      problem(
        at('name'),
        localized(
          '이름에 특수문자를 포함할 수 없습니다',
          `name: at most 64 characters, none of ' " \\ / : | < > . ?`,
          '名前に特殊文字は使えません（64文字以内）',
        ),
      );

    // enable_mobile_cert / enable_password_cert "false" switch a check off even with its value given.
    const mobileGiven = text(entry.mobile_number)?.trim() ?? '';
    const useMobile = isCheckEnabled(entry.enable_mobile_cert, mobileGiven);
    const mobileNumber = !useMobile ? null : mobileGiven || (isKoreanMobile(identity) ? identity : null);
    if (useMobile && mobileNumber === null)
      problem(
        at('mobile_number'),
        localized(
          '휴대폰 인증에는 휴대폰 번호가 필요합니다',
          'enable_mobile_cert is "true": mobile_number is required',
          '携帯電話認証には携帯電話番号が必要です',
        ),
      );
    else if (mobileNumber && !isKoreanMobile(mobileNumber))
      problem(
        at('mobile_number'),
        localized('휴대폰 형식이 맞지 않습니다 ( - 유무 상관없음 )', 'not a Korean mobile number', '携帯電話番号の形式が正しくありません'),
      );

    const passwordGiven = text(entry.password) ?? '';
    const usePassword = isCheckEnabled(entry.enable_password_cert, passwordGiven);
    const password = usePassword ? passwordGiven || null : null;
    if (usePassword && password === null)
      problem(
        at('password'),
        localized('비밀번호 인증에는 비밀번호가 필요합니다', 'enable_password_cert is "true": password is required', 'パスワード認証にはパスワードが必要です'),
      );
    if (password !== null) {
      if (password.length < 4 || password.length > 15)
        problem(
          at('password'),
          localized(
            '비밀번호인증 비밀번호(password)는 4~15자로 입력해주세요',
            'password: 4-15 characters',
            '認証パスワード（password）は4～15文字で入力してください',
          ),
        );
      if (HANGUL.test(password))
        problem(at('password'), localized('비밀번호에 한글은 입력할 수 없습니다', 'password may not contain Hangul', 'パスワードにハングルは使えません'));
      if (/['"]/.test(password))
        problem(
          at('password'),
          localized(`비밀번호에 특수문자[' "]를 입력할 수 없습니다`, `password may not contain ' or "`, `パスワードに特殊文字［' "］は使えません`),
        );
    }
    const passwordHint = password === null ? null : text(entry.password_hint)?.trim() || null;
    if (passwordHint && passwordHint.length > 50)
      problem(
        at('password_hint'),
        localized('비밀번호인증 힌트는 50자 이하로 입력해주세요', 'password_hint: at most 50 characters', 'パスワードのヒントは50文字以内で入力してください'),
      );

    const playerLanguage = text(entry.language)?.trim();
    if (playerLanguage && !parseLanguage(playerLanguage)) problem(at('language'), LANGUAGE_CHOICE);

    return [{ step, identity, name, mobileNumber, password, passwordHint, language: asLanguage(playerLanguage, language) }];
  });
}

function parseReferers(raw: unknown, problem: (field: string, text: Localized) => void): RefererInput[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    problem('customer_list', localized('배열이어야 합니다', 'customer_list must be an array', '配列を指定してください'));
    return [];
  }
  return raw.flatMap((entry: unknown, i): RefererInput[] => {
    if (!isRecord(entry)) {
      problem(`customer_list[${i}]`, localized('객체여야 합니다', 'must be an object', 'オブジェクトを指定してください'));
      return [];
    }
    const identity = text(entry.email)?.trim() ?? '';
    const name = text(entry.name)?.trim() ?? '';
    if (identityKind(identity) === null)
      problem(
        `customer_list[${i}].email`,
        localized('이메일 또는 휴대폰 번호여야 합니다', 'an email address or a Korean mobile number', 'メールアドレスまたは携帯電話番号を指定してください'),
      );
    if (name === '') problem(`customer_list[${i}].name`, localized('참조자 이름이 필요합니다', 'name is required', '参照者の名前が必要です'));
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
    problems.push(
      fieldProblem(
        'player_list',
        localized(
          `설정한 문서작성자 수( ${request.players.length} )와 서식의 문서작성자 수( ${steps} )가 일치하지 않습니다`,
          `the template has ${steps} steps; player_list has ${request.players.length} players`,
          `指定した作成者の数（${request.players.length}）とテンプレートの作成者の数（${steps}）が一致しません`,
        ),
      ),
    );
  } else {
    const owners = request.players.map((p) => p.step).sort((a, b) => a - b);
    if (!owners.every((owner, i) => owner === i + 1)) {
      const got = request.players.map((p) => p.step).join(', ');
      problems.push(
        fieldProblem(
          'player_list',
          localized(
            `field_owner는 1부터 ${steps}까지 한 번씩이어야 합니다 (${got})`,
            `field_owner must be 1..${steps}, each once; got ${got}`,
            `field_owner は1から${steps}まで1回ずつ指定してください（${got}）`,
          ),
        ),
      );
    }
  }
  const values: FieldValues = {};
  for (const [name, raw] of Object.entries(request.values)) {
    const field = fields.find((f) => f.name === name);
    if (!field) {
      problems.push(
        fieldProblem(
          `field_list.${name}`,
          localized(`서식에 "${name}" 필드가 없습니다`, `the template has no field "${name}"`, `テンプレートに「${name}」フィールドがありません`),
        ),
      );
      continue;
    }
    if (field.type === 'SignBox') {
      problems.push(
        fieldProblem(
          `field_list.${name}`,
          localized('서명은 미리 입력할 수 없습니다', 'a SignBox is signed by its signer, not prefilled', '署名は事前に入力できません'),
        ),
      );
      continue;
    }
    const check = checkFieldValue(field, raw);
    if (check.ok) values[name] = check.value;
    else problems.push(fieldProblem(`field_list.${name}`, check.text));
  }
  problems.push(...radioConflicts(fields, values).map((p) => ({ ...p, field: `field_list.${p.field}` })));
  return { values, problems };
}
