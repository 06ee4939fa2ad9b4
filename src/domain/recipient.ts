// Who a message goes to, in their language.
import { messageLanguage } from './localized.ts';

export type Language = 'ko-KR' | 'en-US' | 'ja-JP';

export const LANGUAGES: readonly Language[] = ['ko-KR', 'en-US', 'ja-JP'];

export interface Recipient {
  name: string;
  identity: string;
  language: Language;
}

const REGIONAL: Record<'ko' | 'en' | 'ja', Language> = { ko: 'ko-KR', en: 'en-US', ja: 'ja-JP' };

/** A language as clients give it (ko, en, ja, ko-KR, en-US, ja-JP, any case), or null. */
export function parseLanguage(value: string | null | undefined): Language | null {
  const language = messageLanguage(value);
  return language ? REGIONAL[language] : null;
}

export function asLanguage(value: string | null | undefined, fallback: Language = 'ko-KR'): Language {
  return parseLanguage(value) ?? fallback;
}
