// How a message is put in words, in the browser and on the server alike: a subset of ICU's
// message format, the part Dojang's messages use.

/**
 * A message with its values put in: `{name}` is a value; `{n, plural, one {# attempt} other {#
 * attempts}}` is the form the language's plural rules pick for the number n (Intl.PluralRules;
 * `=0` … match exactly, `other` when none fits), with # the number.
 */
export function formatMessage(template: string, vars: Readonly<Record<string, string | number>>, locale: string): string {
  return choosePlurals(template, vars, locale).replace(/\{(\w+)\}/g, (whole, key: string) => (key in vars ? String(vars[key]) : whole));
}

const PLURAL_START = /\{(\w+), plural,/g;

function choosePlurals(template: string, vars: Readonly<Record<string, string | number>>, locale: string): string {
  let out = '';
  let from = 0;
  for (const start of template.matchAll(PLURAL_START)) {
    if (start.index < from) continue;
    const end = closingBrace(template, start.index);
    if (end < 0) break;
    const forms = pluralForms(template.slice(start.index + start[0].length, end));
    const n = Number(vars[start[1]!]);
    const chosen = forms.get(`=${n}`) ?? forms.get(Number.isFinite(n) ? new Intl.PluralRules(locale).select(n) : 'other') ?? forms.get('other') ?? '';
    out += template.slice(from, start.index) + chosen.replaceAll('#', String(vars[start[1]!] ?? '#'));
    from = end + 1;
  }
  return out + template.slice(from);
}

/** Where the brace opened at `open` closes, or -1. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** ` one {…} other {…}` as a map from each selector to its text. */
function pluralForms(body: string): Map<string, string> {
  const forms = new Map<string, string>();
  let at = 0;
  while (at < body.length) {
    const selector = /^\s*(=?\w+)\s*\{/.exec(body.slice(at));
    if (!selector) break;
    const open = at + selector[0].length - 1;
    const close = closingBrace(body, open);
    if (close < 0) break;
    forms.set(selector[1]!, body.slice(open + 1, close));
    at = close + 1;
  }
  return forms;
}
