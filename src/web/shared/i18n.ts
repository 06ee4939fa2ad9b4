// The page's language, switchable at any time: every translated text or attribute is bound to
// its message key, so switching rewrites them in place without rebuilding the page.
import { format, LANGUAGES, MESSAGES, type Language, type MessageKey as SharedKey } from './messages.ts';
import { h } from './dom.ts';

/**
 * Strings a page adds to the shared ones (the console's), declared by augmenting this interface
 * and given with addMessages(), so they reach only the bundle that uses them.
 */
// biome-ignore lint/suspicious/noEmptyInterface: a page adds its strings by merging into this interface
export interface ExtraMessages {}
export type MessageKey = SharedKey | keyof ExtraMessages;

const table: Record<Language, Record<string, string>> = {
  'ko-KR': { ...MESSAGES['ko-KR'] },
  'en-US': { ...MESSAGES['en-US'] },
  'ja-JP': { ...MESSAGES['ja-JP'] },
};

/** Adds a page's own strings in every language. */
export function addMessages(extra: Record<Language, ExtraMessages>): void {
  for (const language of LANGUAGES) Object.assign(table[language], extra[language]);
}

/** A value in a message: text, a number, or an instant shown as a date in the page's language. */
export type Var = string | number | { date: string };
export type Vars = Record<string, Var>;

let current: Language = 'ko-KR';
const listeners = new Set<(language: Language) => void>();

export const language = () => current;

export function t(key: MessageKey, vars: Vars = {}): string {
  const plain: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(vars)) plain[name] = typeof value === 'object' ? formatDate(value.date) : value;
  return format(table[current][key] ?? key, plain, current);
}

export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(current, { dateStyle: 'long', timeStyle: 'short' }).format(date);
}

/** Sets an element's text to a message, kept in the page's language. */
export function bindText<E extends HTMLElement>(el: E, key: MessageKey, vars: Vars = {}): E {
  el.dataset.i18n = key;
  el.dataset.i18nVars = JSON.stringify(vars);
  el.textContent = t(key, vars);
  return el;
}

/** Sets an attribute (aria-label, placeholder, title) to a message, kept in the page's language. */
export function bindAttr<E extends HTMLElement>(el: E, attribute: string, key: MessageKey, vars: Vars = {}): E {
  const bound = JSON.parse(el.dataset.i18nAttrs ?? '{}') as Record<string, { key: MessageKey; vars: Vars }>;
  bound[attribute] = { key, vars };
  el.dataset.i18nAttrs = JSON.stringify(bound);
  el.setAttribute(attribute, t(key, vars));
  return el;
}

/** A text element bound to a message: `tx('p', 'loading')`. */
export function tx<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  key: MessageKey,
  vars: Vars = {},
  props: Record<string, string> = {},
): HTMLElementTagNameMap[K] {
  return bindText(h(tag, props), key, vars);
}

export function setLanguage(next: Language): void {
  current = next;
  document.documentElement.lang = next.slice(0, 2);
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    el.textContent = t(el.dataset.i18n as MessageKey, JSON.parse(el.dataset.i18nVars ?? '{}') as Vars);
  }
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n-attrs]')) {
    const bound = JSON.parse(el.dataset.i18nAttrs ?? '{}') as Record<string, { key: MessageKey; vars: Vars }>;
    for (const [attribute, { key, vars }] of Object.entries(bound)) el.setAttribute(attribute, t(key, vars));
  }
  for (const listener of listeners) listener(next);
}

/** Calls `listener` after every change of language, until the function it answers is called. */
export function onLanguageChange(listener: (language: Language) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The language picker of every page's top bar. */
export function languagePicker(): HTMLElement {
  const select = h('select', { class: 'lang-select' });
  for (const code of LANGUAGES) select.append(h('option', { value: code, lang: code.slice(0, 2), text: MESSAGES[code].languageName }));
  select.value = current;
  select.addEventListener('change', () => setLanguage(select.value as Language));
  // A picker is drawn with each page's top bar: one no longer in the page stops listening.
  const stop = onLanguageChange((next) => {
    if (select.isConnected) select.value = next;
    else stop();
  });
  return h('label', { class: 'lang' }, tx('span', 'language'), select);
}
