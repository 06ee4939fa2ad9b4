// eSignon's published API pages (Korean kor/ and English eng/), as the tests use them: each page's
// call (method and path), its body parameter names and its JSON examples. They are read from
// test/fixtures/esignon-examples.json, which scripts/extract-esignon-examples.ts writes from a copy
// of those pages (`npx tsx scripts/extract-esignon-examples.ts <dir>`): the tests need the facts,
// not the pages, so they run anywhere; a page change shows up as a diff of the fixture.
import fs from 'node:fs';
import path from 'node:path';

export const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/esignon-examples.json');

/** A value the page shows without saying its type: an unquoted placeholder like `{문서 ID}`. */
export const ANY = Symbol('any');
export type Loose = string | number | boolean | null | typeof ANY | Loose[] | { [key: string]: Loose };

/** Loose as the fixture writes it: ANY is `{"$any": "<what the page shows there>"}`. */
export type LooseJson = string | number | boolean | null | LooseJson[] | { [key: string]: LooseJson };

const ANY_KEY = '$any';

export const anyAsJson = (shown: string): LooseJson => ({ [ANY_KEY]: shown });

export function reviveAny(value: LooseJson): Loose {
  if (Array.isArray(value)) return value.map(reviveAny);
  if (typeof value !== 'object' || value === null) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === ANY_KEY) return ANY;
  return Object.fromEntries(keys.map((k) => [k, reviveAny(value[k]!)]));
}

export interface PageCall {
  method: 'GET' | 'POST';
  /** As the page writes it, host removed: `/api/:companyId/search`, `/worklists/new?page={value}&rows={value}`. */
  path: string;
}

export type ExampleKind = 'request' | 'response' | 'error' | 'export' | 'element' | 'other';

export interface Example<V = Loose> {
  /** The block's place among the page's JSON blocks, from 0. */
  index: number;
  /** The line above the block, for naming. */
  label: string;
  kind: ExampleKind;
  value: V;
}

export interface Page<V = Loose> {
  /** Relative to the pages' folder, e.g. `kor/workflow/view/readbyfiled.md`. */
  file: string;
  call: PageCall | null;
  /** `api-method-body-parameters` names (a page with parameters but no request example). */
  bodyParameters: string[];
  examples: Example<V>[];
}

export interface ExamplesFixture {
  about: string;
  pages: Page<LooseJson>[];
}

/** Every page of kor/ and eng/ (README and SUMMARY aside), sorted by file. */
export function referencePages(): Page[] {
  const fixture = JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as Partial<ExamplesFixture>;
  if (!Array.isArray(fixture.pages)) throw new Error(`${FIXTURE} has no "pages"; regenerate it with scripts/extract-esignon-examples.ts`);
  return fixture.pages.map((page) => ({ ...page, examples: page.examples.map((e) => ({ ...e, value: reviveAny(e.value) })) }));
}
