// Notification settings from the environment, checked once at start: a bad value stops the
// start with a message naming the variable.
//
//   SMTP_URL, SMTP_FROM                      email; both or neither
//   SOLAPI_API_KEY, SOLAPI_API_SECRET,       KakaoTalk AlimTalk and SMS through SOLAPI;
//   SOLAPI_SENDER                            all three or none
//   SOLAPI_PFID                              KakaoTalk channel; without it, SMS only
//   SOLAPI_TEMPLATE_<KEY>                    AlimTalk template ids, KEY one of SIGN_REQUEST,
//                                            SIGN_RETURNED, RESEND, OTP, COMPLETED, CANCELED,
//                                            EXPIRY_REMINDER; a kind without one goes by SMS
//   SOLAPI_BASE_URL                          default https://api.solapi.com
//
// With neither SMTP nor SOLAPI set, messages go to the development channel (the log).

import { ALIMTALK_TEMPLATE_KEYS, type AlimtalkTemplateKey } from './render-text-message.ts';

export interface SmtpConfig {
  /** `smtp://user:pass@host:587` or `smtps://…:465`; nodemailer reads options from the query too. */
  url: string;
  /** `"Dojang" <no-reply@example.com>` or a bare address. */
  from: string;
}

export interface SolapiConfig {
  apiKey: string;
  apiSecret: string;
  /** The registered sender number, digits only. */
  sender: string;
  /** KakaoTalk channel id; null sends SMS/LMS only. */
  pfId: string | null;
  /** AlimTalk template id per situation; a missing one sends that situation by SMS/LMS. */
  templates: Partial<Record<AlimtalkTemplateKey, string>>;
  /** No trailing slash. */
  baseUrl: string;
}

export interface NotifyConfig {
  smtp: SmtpConfig | null;
  solapi: SolapiConfig | null;
}

export class NotifyConfigError extends Error {
  readonly code = 'NOTIFY_CONFIG_INVALID';
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = 'NotifyConfigError';
  }
}

export const DEFAULT_SOLAPI_BASE_URL = 'https://api.solapi.com';

type Env = Record<string, string | undefined>;

/** Unset and blank are the same: a value left empty in an .env file means "not set". */
function read(env: Env, name: string): string | null {
  const value = env[name]?.trim();
  return value ? value : null;
}

export function templateVariable(key: AlimtalkTemplateKey): string {
  return `SOLAPI_TEMPLATE_${key.toUpperCase().replace(/-/g, '_')}`;
}

function parseSmtp(env: Env): SmtpConfig | null {
  const url = read(env, 'SMTP_URL');
  const from = read(env, 'SMTP_FROM');
  if (url === null && from === null) return null;
  if (url === null) throw new NotifyConfigError('SMTP_URL', 'is required when SMTP_FROM is set');
  if (from === null) {
    throw new NotifyConfigError('SMTP_FROM', 'is required when SMTP_URL is set (e.g. "Dojang" <no-reply@example.com>)');
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new NotifyConfigError('SMTP_URL', 'is not a URL (expected smtp://user:pass@host:587 or smtps://host:465)');
  }
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') {
    throw new NotifyConfigError('SMTP_URL', `must start with smtp:// or smtps://, not ${parsed.protocol}//`);
  }
  if (parsed.hostname === '') throw new NotifyConfigError('SMTP_URL', 'has no host');
  const address = from.match(/<([^<>]+)>\s*$/)?.[1] ?? from;
  if (!/^[^\s@<>]+@[^\s@<>]+$/.test(address.trim())) {
    throw new NotifyConfigError('SMTP_FROM', `"${from}" has no email address (e.g. "Dojang" <no-reply@example.com>)`);
  }
  return { url, from };
}

function parseSolapi(env: Env): SolapiConfig | null {
  const required = ['SOLAPI_API_KEY', 'SOLAPI_API_SECRET', 'SOLAPI_SENDER'] as const;
  const values = required.map((name) => read(env, name));
  const optional = ['SOLAPI_PFID', 'SOLAPI_BASE_URL', ...ALIMTALK_TEMPLATE_KEYS.map(templateVariable)];
  if (values.every((value) => value === null)) {
    const stray = optional.find((name) => read(env, name) !== null);
    if (stray !== undefined) {
      throw new NotifyConfigError(stray, 'is set but SOLAPI_API_KEY, SOLAPI_API_SECRET and SOLAPI_SENDER are not');
    }
    return null;
  }
  const missing = required.find((_, index) => values[index] === null);
  if (missing !== undefined) {
    throw new NotifyConfigError(missing, 'is required: SOLAPI needs SOLAPI_API_KEY, SOLAPI_API_SECRET and SOLAPI_SENDER');
  }
  const [apiKey, apiSecret, senderValue] = values as [string, string, string];

  const sender = senderValue.replace(/[\s-]/g, '');
  if (!/^\d{8,12}$/.test(sender)) {
    throw new NotifyConfigError('SOLAPI_SENDER', `"${senderValue}" is not a phone number (e.g. 02-930-2266 or 01012345678)`);
  }

  const baseUrlValue = read(env, 'SOLAPI_BASE_URL') ?? DEFAULT_SOLAPI_BASE_URL;
  let baseUrl: URL;
  try {
    baseUrl = new URL(baseUrlValue);
  } catch {
    throw new NotifyConfigError('SOLAPI_BASE_URL', `"${baseUrlValue}" is not a URL`);
  }
  if (baseUrl.protocol !== 'https:' && baseUrl.protocol !== 'http:') {
    throw new NotifyConfigError('SOLAPI_BASE_URL', 'must be an http(s) URL');
  }

  const pfId = read(env, 'SOLAPI_PFID');
  const templates: Partial<Record<AlimtalkTemplateKey, string>> = {};
  for (const key of ALIMTALK_TEMPLATE_KEYS) {
    const templateId = read(env, templateVariable(key));
    if (templateId === null) continue;
    if (pfId === null) {
      throw new NotifyConfigError(templateVariable(key), 'is set but SOLAPI_PFID (the KakaoTalk channel) is not');
    }
    templates[key] = templateId;
  }

  return { apiKey, apiSecret, sender, pfId, templates, baseUrl: baseUrl.href.replace(/\/+$/, '') };
}

export function parseNotifyConfig(env: Env): NotifyConfig {
  return { smtp: parseSmtp(env), solapi: parseSolapi(env) };
}
