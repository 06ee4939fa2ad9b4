// Short texts for phones: KakaoTalk AlimTalk (Korean only, as eSignon sends them; the
// template must be approved by Kakao word for word, so the bodies below are what an
// operator registers) and the SMS/LMS fallback (in the recipient's language when the
// carrier can carry it, else English).

import { formatCalendarDate } from './format-calendar-date.ts';
import type { CancelCause, Language, NotificationMessage } from './message.ts';
import { LMS_MAX_BYTES, LMS_SUBJECT_MAX_BYTES, SMS_MAX_BYTES, isSmsEncodable, smsByteLength, toSmsEncodable, truncateToSmsBytes } from './sms-encoding.ts';

/** One AlimTalk template per situation; a sign request sent back by a return has its own. */
export const ALIMTALK_TEMPLATE_KEYS = ['sign-request', 'sign-returned', 'resend', 'otp', 'completed', 'canceled', 'expiry-reminder'] as const;
export type AlimtalkTemplateKey = (typeof ALIMTALK_TEMPLATE_KEYS)[number];

/**
 * The template bodies to register with Kakao (through SOLAPI's console), with `#{…}`
 * variables. `renderAlimtalk` fills exactly these variables; the test suite checks that
 * each body filled with them gives the text we log.
 */
export const ALIMTALK_TEMPLATES: Record<AlimtalkTemplateKey, string> = {
  'sign-request': [
    '[#{회사명}] 서명 요청',
    '',
    "#{이름}님, #{회사명}에서 '#{문서명}' 문서의 서명을 요청했습니다.",
    '',
    '▶ 서명 기한: #{서명기한}',
    '',
    '아래 링크에서 문서를 확인하고 서명해 주세요.',
    '#{링크}',
  ].join('\n'),
  'sign-returned': [
    '[#{회사명}] 반려 안내',
    '',
    "#{이름}님, #{반려자}님이 '#{문서명}' 문서를 반려했습니다.",
    '',
    '▶ 반려 사유: #{반려사유}',
    '▶ 서명 기한: #{서명기한}',
    '',
    '아래 링크에서 문서를 확인하고 다시 서명해 주세요.',
    '#{링크}',
  ].join('\n'),
  resend: [
    '[#{회사명}] 서명 요청 재발송',
    '',
    "#{이름}님, #{회사명}에서 '#{문서명}' 문서의 서명 요청을 다시 보냈습니다.",
    '',
    '▶ 서명 기한: #{서명기한}',
    '',
    '아직 서명하지 않으셨다면 아래 링크에서 문서를 확인하고 서명해 주세요.',
    '#{링크}',
  ].join('\n'),
  otp: ['[#{회사명}] 인증번호 안내', '', '인증번호는 [#{인증번호}]입니다.', '#{유효시간}분 안에 서명 화면에 입력해 주세요.'].join('\n'),
  completed: [
    '[#{회사명}] 서명 완료',
    '',
    "#{이름}님, '#{문서명}' 문서에 모든 서명자가 서명을 마쳐 계약이 완료되었습니다.",
    '',
    '▶ 완료 문서: #{문서링크}',
    '▶ 이력 인증서: #{인증서링크}',
  ].join('\n'),
  canceled: [
    '[#{회사명}] 계약 취소 안내',
    '',
    "#{이름}님, '#{문서명}' 계약이 취소되었습니다.",
    '',
    '▶ 사유: #{취소사유}',
    '',
    '이 계약과 관련해 더 하실 일은 없습니다.',
  ].join('\n'),
  'expiry-reminder': [
    '[#{회사명}] 서명 기한 안내',
    '',
    "#{이름}님, '#{문서명}' 문서의 서명 기한이 내일(#{서명기한})까지입니다.",
    '기한이 지나면 계약이 자동으로 취소됩니다.',
    '',
    '아래 링크에서 문서를 확인하고 서명해 주세요.',
    '#{링크}',
  ].join('\n'),
};

export interface AlimtalkContent {
  templateKey: AlimtalkTemplateKey;
  /** SOLAPI's `kakaoOptions.variables`: keys written `#{name}`, values never empty. */
  variables: Record<string, string>;
  /** The template filled in: what the recipient reads (for logs and the dev channel). */
  text: string;
}

export function alimtalkTemplateKey(message: NotificationMessage): AlimtalkTemplateKey {
  if (message.kind === 'sign-request' && message.returned) return 'sign-returned';
  return message.kind;
}

/** A reason quoted in a text message is cut short: the link after it matters more. */
function brief(text: string, maxCharacters = 60): string {
  const characters = [...text.replace(/\s+/g, ' ').trim()];
  return characters.length > maxCharacters ? `${characters.slice(0, maxCharacters - 1).join('')}…` : characters.join('');
}

// Kakao refuses empty variable values; '-' is what Korean forms print for "none".
const orDash = (value: string) => (value.trim() === '' ? '-' : value);

function koreanCancelReason(cause: CancelCause, quote: (reason: string) => string = (reason) => reason): string {
  switch (cause.by) {
    case 'company':
      return cause.reason ? `회사에서 취소 (${quote(cause.reason)})` : '회사에서 취소';
    case 'first-signer':
      return cause.reason ? `${cause.signerName}님이 반려 (${quote(cause.reason)})` : `${cause.signerName}님이 반려`;
    case 'expiry':
      return '서명 기한 경과';
  }
}

function alimtalkValues(message: NotificationMessage): Record<string, string> {
  const common = { 회사명: message.companyName, 이름: message.to.name || '고객' };
  const deadline = (expiresOn: string | null) => (expiresOn ? formatCalendarDate(expiresOn, 'ko-KR') : '기한 없음');
  switch (message.kind) {
    case 'sign-request':
      return message.returned
        ? {
            ...common,
            반려자: message.returned.by,
            문서명: message.workflowName,
            반려사유: brief(message.returned.reason, 200),
            서명기한: deadline(message.expiresOn),
            링크: message.signingUrl,
          }
        : { ...common, 문서명: message.workflowName, 서명기한: deadline(message.expiresOn), 링크: message.signingUrl };
    case 'resend':
      return { ...common, 문서명: message.workflowName, 서명기한: deadline(message.expiresOn), 링크: message.signingUrl };
    case 'otp':
      return { 회사명: message.companyName, 인증번호: message.code, 유효시간: String(message.validMinutes) };
    case 'completed':
      return { ...common, 문서명: message.workflowName, 문서링크: message.documentUrl, 인증서링크: message.certificateUrl };
    case 'canceled':
      return { ...common, 문서명: message.workflowName, 취소사유: koreanCancelReason(message.cause, (reason) => brief(reason, 200)) };
    case 'expiry-reminder':
      return { ...common, 문서명: message.workflowName, 서명기한: deadline(message.expiresOn), 링크: message.signingUrl };
  }
}

export function fillAlimtalkTemplate(template: string, variables: Record<string, string>): string {
  return template.replace(/#\{[^}]+\}/g, (key) => variables[key] ?? key);
}

/** AlimTalk content for any message, always in Korean. */
export function renderAlimtalk(message: NotificationMessage): AlimtalkContent {
  const templateKey = alimtalkTemplateKey(message);
  const variables = Object.fromEntries(Object.entries(alimtalkValues(message)).map(([name, value]) => [`#{${name}}`, orDash(value)]));
  return { templateKey, variables, text: fillAlimtalkTemplate(ALIMTALK_TEMPLATES[templateKey], variables) };
}

export interface SmsContent {
  type: 'SMS' | 'LMS';
  text: string;
  /** LMS only. */
  subject: string | null;
  /** The language the text was written in (English when the carrier can't carry the requested one). */
  language: Language;
}

interface SmsCopy {
  subject: string;
  text: string;
}

type SmsWriter = (message: NotificationMessage) => SmsCopy;

const koreanSms: SmsWriter = (message) => {
  const tag = message.companyName ? `[${message.companyName}] ` : '';
  const date = (value: string) => formatCalendarDate(value, 'ko-KR');
  switch (message.kind) {
    case 'sign-request':
      if (message.returned) {
        const reason = message.returned.reason ? ` 사유: ${brief(message.returned.reason)}` : '';
        return {
          subject: '반려 안내',
          text: `${tag}${message.returned.by}님이 '${message.workflowName}' 문서를 반려했습니다.${reason}\n다시 서명하기: ${message.signingUrl}`,
        };
      }
      return {
        subject: '서명 요청',
        text:
          `${tag}'${message.workflowName}' 서명 요청이 도착했습니다.` +
          (message.expiresOn ? ` 기한: ${date(message.expiresOn)}까지` : '') +
          `\n${message.signingUrl}`,
      };
    case 'resend':
      return {
        subject: '서명 요청 재발송',
        text: `${tag}(재발송) '${message.workflowName}' 서명을 요청드립니다.\n${message.signingUrl}`,
      };
    case 'otp':
      return {
        subject: '인증번호',
        text: `${tag}인증번호는 ${message.code}입니다. ${message.validMinutes}분 안에 입력해 주세요.`,
      };
    case 'completed':
      return {
        subject: '서명 완료',
        text: `${tag}'${message.workflowName}' 서명이 모두 완료되었습니다.\n완료 문서: ${message.documentUrl}\n이력 인증서: ${message.certificateUrl}`,
      };
    case 'canceled':
      return {
        subject: '계약 취소',
        text: `${tag}'${message.workflowName}' 계약이 취소되었습니다. (${koreanCancelReason(message.cause, brief)})`,
      };
    case 'expiry-reminder':
      return {
        subject: '서명 기한 안내',
        text: `${tag}'${message.workflowName}' 서명 기한이 내일(${date(message.expiresOn)})까지입니다.\n${message.signingUrl}`,
      };
  }
};

const englishSms: SmsWriter = (message) => {
  const tag = message.companyName ? `[${message.companyName}] ` : '';
  const date = (value: string) => formatCalendarDate(value, 'en-US');
  switch (message.kind) {
    case 'sign-request':
      if (message.returned) {
        const reason = message.returned.reason ? ` Reason: ${brief(message.returned.reason)}` : '';
        return {
          subject: 'Document returned',
          text: `${tag}${message.returned.by} returned "${message.workflowName}" to you.${reason}\nSign again: ${message.signingUrl}`,
        };
      }
      return {
        subject: 'Signature request',
        text: `${tag}Please sign "${message.workflowName}"${message.expiresOn ? ` by ${date(message.expiresOn)}` : ''}:\n${message.signingUrl}`,
      };
    case 'resend':
      return {
        subject: 'Signature reminder',
        text: `${tag}Reminder: please sign "${message.workflowName}":\n${message.signingUrl}`,
      };
    case 'otp':
      return {
        subject: 'Verification code',
        text: `${tag}Your verification code is ${message.code}. It expires in ${message.validMinutes} min.`,
      };
    case 'completed':
      return {
        subject: 'Signing complete',
        text: `${tag}"${message.workflowName}" has been signed by everyone.\nDocument: ${message.documentUrl}\nAudit certificate: ${message.certificateUrl}`,
      };
    case 'canceled': {
      const { cause } = message;
      const why =
        cause.by === 'company'
          ? `canceled by the sender${cause.reason ? `: ${brief(cause.reason)}` : ''}`
          : cause.by === 'first-signer'
            ? `returned by ${cause.signerName}${cause.reason ? `: ${brief(cause.reason)}` : ''}`
            : 'the deadline passed';
      return { subject: 'Contract canceled', text: `${tag}"${message.workflowName}" has been canceled (${why}).` };
    }
    case 'expiry-reminder':
      return {
        subject: 'Signing deadline',
        text: `${tag}"${message.workflowName}" must be signed by tomorrow (${date(message.expiresOn)}):\n${message.signingUrl}`,
      };
  }
};

// Worded to stay inside what Korean carriers can carry where Japanese allows it
// (さん rather than 様, 返却 rather than 差し戻し); the one-time code has no such
// wording and goes in English.
const japaneseSms: SmsWriter = (message) => {
  const tag = message.companyName ? `【${message.companyName}】` : '';
  const date = (value: string) => formatCalendarDate(value, 'ja-JP');
  switch (message.kind) {
    case 'sign-request':
      if (message.returned) {
        const reason = message.returned.reason ? `理由：${brief(message.returned.reason)}` : '';
        return {
          subject: '返却のお知らせ',
          text: `${tag}${message.returned.by}さんが「${message.workflowName}」を返却しました。${reason}\n${message.signingUrl}`,
        };
      }
      return {
        subject: '署名のお願い',
        text: `${tag}「${message.workflowName}」の署名をお願いします。${message.expiresOn ? `期限：${date(message.expiresOn)}` : ''}\n${message.signingUrl}`,
      };
    case 'resend':
      return {
        subject: '署名のお願い（再送）',
        text: `【再送】${tag}「${message.workflowName}」の署名をお願いします。\n${message.signingUrl}`,
      };
    case 'otp':
      return {
        subject: '認証コード',
        text: `${tag}認証コードは${message.code}です。${message.validMinutes}分以内に入力してください。`,
      };
    case 'completed':
      return {
        subject: '署名完了',
        text: `${tag}「${message.workflowName}」の署名が完了しました。\n完了文書：${message.documentUrl}\n署名確認書：${message.certificateUrl}`,
      };
    case 'canceled': {
      const { cause } = message;
      const why = cause.by === 'company' ? '送信者による取消' : cause.by === 'first-signer' ? `${cause.signerName}さんによる返却` : '期限切れ';
      return { subject: '契約の取消', text: `${tag}「${message.workflowName}」の契約は取り消されました（${why}）。` };
    }
    case 'expiry-reminder':
      return {
        subject: '署名期限のお知らせ',
        text: `${tag}「${message.workflowName}」の署名期限は明日（${date(message.expiresOn)}）です。\n${message.signingUrl}`,
      };
  }
};

const SMS_WRITERS: Record<Language, SmsWriter> = { 'ko-KR': koreanSms, 'en-US': englishSms, 'ja-JP': japaneseSms };

function lmsSubject(message: NotificationMessage, subject: string): string {
  const withCompany = message.companyName ? `[${message.companyName}] ${subject}` : subject;
  const chosen = smsByteLength(withCompany) <= LMS_SUBJECT_MAX_BYTES ? withCompany : subject;
  return truncateToSmsBytes(toSmsEncodable(chosen), LMS_SUBJECT_MAX_BYTES);
}

/** SMS when the text fits 90 bytes (EUC-KR count), else LMS with a subject. */
export function renderSms(message: NotificationMessage): SmsContent {
  const languages: Language[] = message.language === 'en-US' ? ['en-US'] : [message.language, 'en-US'];
  const encodable = languages.map((language) => ({ language, copy: SMS_WRITERS[language](message) })).find(({ copy }) => isSmsEncodable(copy.text));
  const language = encodable?.language ?? message.language;
  const copy = encodable?.copy ?? SMS_WRITERS[message.language](message);
  const text = truncateToSmsBytes(toSmsEncodable(copy.text), LMS_MAX_BYTES);
  return smsByteLength(text) <= SMS_MAX_BYTES
    ? { type: 'SMS', text, subject: null, language }
    : { type: 'LMS', text, subject: lmsSubject(message, toSmsEncodable(copy.subject)), language };
}
