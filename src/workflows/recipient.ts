// Who a message goes to, in their language.
export type Language = 'ko-KR' | 'en-US' | 'ja-JP';

export const LANGUAGES: readonly Language[] = ['ko-KR', 'en-US', 'ja-JP'];

export interface Recipient {
  name: string;
  identity: string;
  language: Language;
}

export function asLanguage(value: string | null | undefined, fallback: Language = 'ko-KR'): Language {
  return LANGUAGES.find((l) => l === value) ?? fallback;
}
