// Compares an answer with the shape of a reference page's example: every key the page shows is
// there, at every level, a string where the page shows a quoted value, a boolean or a number
// where it shows one, an object or an array where it shows one. Keys the page does not show are
// Dojang's additions and allowed. Placeholders without quotes (`{문서 ID}`) and `{}` say nothing
// about the type; an object whose keys are placeholders (`"{필드명}": "{필드값}"`) is a map.
import { ANY, type Loose } from './reference-pages.ts';

const isPlaceholderKey = (key: string) => /^\{.*\}$/.test(key.trim());
const kindOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

export interface ShapeOptions {
  /** Paths (`body.allow_list`) of arrays that Dojang answers empty by design: their element shape is not checked. */
  emptyByDesign?: string[];
}

export function shapeMismatches(expected: Loose, actual: unknown, options: ShapeOptions = {}, at = ''): string[] {
  if (expected === ANY || expected === null) return actual === undefined ? [`${at}: missing`] : [];
  if (actual === undefined) return [`${at}: missing`];
  if (typeof expected === 'string' || typeof expected === 'number' || typeof expected === 'boolean') {
    return typeof actual === typeof expected ? [] : [`${at}: the page shows a ${typeof expected}, Dojang answers ${kindOf(actual)} ${JSON.stringify(actual)}`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${at}: the page shows an array, Dojang answers ${kindOf(actual)}`];
    if (expected.length === 0) return [];
    if (actual.length === 0) {
      return options.emptyByDesign?.includes(at) ? [] : [`${at}: the page shows elements, Dojang answers none (the test data should make some)`];
    }
    return actual.flatMap((element, i) => shapeMismatches(expected[0]!, element, options, `${at}[${i}]`));
  }
  const keys = Object.keys(expected);
  if (keys.length === 0) return [];
  if (kindOf(actual) !== 'object') return [`${at}: the page shows an object, Dojang answers ${kindOf(actual)}`];
  const record = actual as Record<string, unknown>;
  const mapValue = keys.filter(isPlaceholderKey).map((k) => expected[k]!)[0];
  const problems = keys.filter((k) => !isPlaceholderKey(k)).flatMap((k) => shapeMismatches(expected[k]!, record[k], options, at ? `${at}.${k}` : k));
  if (mapValue !== undefined) {
    problems.push(...Object.entries(record).flatMap(([k, v]) => shapeMismatches(mapValue, v, options, `${at}.${k}`)));
  }
  return problems;
}
