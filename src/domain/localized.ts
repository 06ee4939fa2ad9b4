// The three languages Dojang speaks to integrators and signers. eSignon's API answers result_msg
// in the request's language (`language`, `lang`, `?lang=`, `request_lang`); Dojang's own API in
// the caller's (`?lang=`, Accept-Language), else Korean with English alongside (domain/said.ts).

export type MessageLanguage = 'ko' | 'en' | 'ja';

export interface Localized {
  ko: string;
  en: string;
  ja: string;
}

/** ko, en, ja and their regional forms (ko-KR, en-US, ja-JP, en_US …), any case; null otherwise. */
export function messageLanguage(raw: unknown): MessageLanguage | null {
  if (typeof raw !== 'string') return null;
  const base = raw.trim().toLowerCase().slice(0, 2);
  return base === 'ko' || base === 'en' || base === 'ja' ? base : null;
}
