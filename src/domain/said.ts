// What a service says to whoever called it, kept as a message key and its values: it is put in
// words only at the edge that answers, in the caller's language (ko, en, ja), with that
// language's plural rules. Each key's words are in the catalogue (domain/messages/).
import type { MessageLanguage } from './localized.ts';
import { formatMessage } from './message-format.ts';
import { MESSAGES } from './messages/catalogue.ts';

export type MessageKey = keyof typeof MESSAGES;

/** A value a message names: a number (plural forms choose by it), a text, or another message said in the same language. */
export type MessageValue = string | number | Said;

export interface Said {
  readonly key: MessageKey;
  readonly values: Readonly<Record<string, MessageValue>>;
}

/** `{name}` → "name"; `{n, plural, …}` → "n"; braces that are not a placeholder (`{{tag;…}}`, a plural form's `{# boxes}`) → none. */
type PlaceholderName<Inner extends string> = Inner extends `${infer Name}, plural,${string}`
  ? Name
  : Inner extends `${string}${'{' | ';' | ' ' | '#' | '…' | '.'}${string}`
    ? never
    : Inner;

type Placeholders<Text extends string> = Text extends `${string}{${infer Inner}}${infer Rest}` ? PlaceholderName<Inner> | Placeholders<Rest> : never;

type Names<K extends MessageKey> = Placeholders<(typeof MESSAGES)[K][MessageLanguage]>;

/** The values a key's message names, in any of its languages; none when it names none. */
type ValuesOf<K extends MessageKey> = [Names<K>] extends [never] ? [] : [values: { readonly [Name in Names<K>]: MessageValue }];

/** A message to say later: `said('noWorkflow', { id })`. The compiler checks the values against every language's text. */
export function said<K extends MessageKey>(key: K, ...values: ValuesOf<K>): Said {
  return { key, values: values[0] ?? {} };
}

const LOCALES: Record<MessageLanguage, string> = { ko: 'ko-KR', en: 'en-US', ja: 'ja-JP' };

/** The message in one language. */
export function sayIn(message: Said, language: MessageLanguage): string {
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(message.values)) values[name] = typeof value === 'object' ? sayIn(value, language) : value;
  return formatMessage(MESSAGES[message.key][language], values, LOCALES[language]);
}

/** "한국어 (English)": how Dojang says a message to a caller who named no language, and in its logs. */
export const sayBilingual = (message: Said): string => `${sayIn(message, 'ko')} (${sayIn(message, 'en')})`;

/** The message in the caller's language, or "한국어 (English)" when they named none. */
export const sayTo = (message: Said, language: MessageLanguage | null): string => (language === null ? sayBilingual(message) : sayIn(message, language));
