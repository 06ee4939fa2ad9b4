// Messages in the three languages Dojang speaks to integrators and signers. eSignon's API answers
// result_msg in the request's language (`language`, `lang`, `?lang=`, `request_lang`), one
// language per message; Dojang's own API and logs say Korean with English alongside.

export type MessageLanguage = 'ko' | 'en' | 'ja';

export interface Localized {
  ko: string;
  en: string;
  ja: string;
}

export const localized = (ko: string, en: string, ja: string): Localized => ({ ko, en, ja });

/** ko, en, ja and their regional forms (ko-KR, en-US, ja-JP, en_US …), any case; null otherwise. */
export function messageLanguage(raw: unknown): MessageLanguage | null {
  if (typeof raw !== 'string') return null;
  const base = raw.trim().toLowerCase().slice(0, 2);
  return base === 'ko' || base === 'en' || base === 'ja' ? base : null;
}

/** "한국어 (English)": how Dojang's own API and its logs say a message. */
export const bilingual = (message: Localized): string => `${message.ko} (${message.en})`;

const HANGUL = /[\uac00-\ud7af]/;

/**
 * A message written the bilingual way, "한국어 (English)", taken apart: Korean and English, and
 * English again for Japanese where no Japanese was written. A text without that shape is the
 * same in every language.
 */
export function fromBilingual(text: string): Localized {
  if (!text.endsWith(')')) return { ko: text, en: text, ja: text };
  let depth = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    if (text[i] === ')') depth++;
    else if (text[i] === '(' && --depth === 0) {
      const korean = text.slice(0, i).trim();
      const english = text.slice(i + 1, -1).trim();
      if (korean === '' || !HANGUL.test(korean) || HANGUL.test(english)) break;
      return { ko: korean, en: english, ja: english };
    }
  }
  return { ko: text, en: text, ja: text };
}

/** The message in one language. */
export function say(message: string | Localized, language: MessageLanguage): string {
  return (typeof message === 'string' ? fromBilingual(message) : message)[language];
}
