// Reads one of eSignon's published API pages (GitBook Markdown) into what the tests use: its call
// (method and path), its body parameter names and its JSON examples, each named by the line above
// it and classified (request, response, error…). Used by scripts/extract-esignon-examples.ts only:
// the tests read the fixture it writes.
import fs from 'node:fs';
import path from 'node:path';
import { parseLooseJson } from './parse-loose-json.ts';
import { reviveAny, type Example, type ExampleKind, type Loose, type LooseJson, type Page, type PageCall } from './reference-pages.ts';

/** What the loose parser cannot guess. Each repair must still apply, or the extraction says so. */
export const PAGE_REPAIRS: { file: RegExp; find: RegExp; replace: string; why: string }[] = [
  {
    file: /(^|\/)(template|read)\/readdocument\.md$/,
    find: /"file_list":\s*\[\{.*$/m,
    replace: '"file_list": [],',
    why: 'the 1123Q response example describes file_list in words ("file_list 참조"); its element is the "Example) file_list" block',
  },
];

const isRecord = (v: Loose | undefined): v is { [key: string]: Loose } => typeof v === 'object' && v !== null && !Array.isArray(v);

function classify(value: Loose, label: string): ExampleKind {
  const header = isRecord(value) ? value.header : undefined;
  if (isRecord(header)) {
    if (header.api_name === 'export') return 'export';
    if ('response_code' in header || 'result_code' in header) return header.result_code === '00' ? 'response' : 'error';
    if ('request_code' in header) return 'request';
  }
  if (/file.?list/i.test(label)) return 'element';
  if (/request|요청/i.test(label)) return 'request';
  if (/error/i.test(label)) return 'error';
  if (/response|응답|api-method-response-example/i.test(label)) return 'response';
  return 'other';
}

function callOf(text: string): PageCall | null {
  const method = /\{% api-method method="(\w+)" host="([^"]*)" path="([^"]*)"/.exec(text);
  if (method) {
    const url = `${method[2]}${method[3]!.trim()}`.replace(/^https?:\/\/[^/]+/, '').replace(/\/\//g, '/');
    return { method: method[1]!.toUpperCase() as 'GET' | 'POST', path: url.startsWith('/') ? url : `/${url}` };
  }
  const row = /\|\s*https?:\/\/[^/\s]+(\/[^\s|]*)\s*\|\s*(GET|POST)\s*\|/i.exec(text);
  return row ? { method: row[2]!.toUpperCase() as 'GET' | 'POST', path: row[1]! } : null;
}

function repaired(file: string, text: string): string {
  let result = text;
  for (const repair of PAGE_REPAIRS.filter((r) => r.file.test(file))) {
    if (!repair.find.test(result)) throw new Error(`${file}: the repair "${repair.why}" no longer applies; the page changed, look at it again`);
    result = result.replace(repair.find, repair.replace);
  }
  return result;
}

function examplesOf(text: string): Example<LooseJson>[] {
  const examples: Example<LooseJson>[] = [];
  const blocks = /```[a-z]*\n([\s\S]*?)```/g;
  for (let match: RegExpExecArray | null; (match = blocks.exec(text)); ) {
    const label =
      text
        .slice(0, match.index)
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '')
        .at(-1) ?? '';
    const value = parseLooseJson(match[1]!);
    // The line above, without markdown or the table debris the pages leave before a heading.
    const cleanLabel =
      label
        .replace(/[#\\*]/g, '')
        .split(/\||\s{2,}/)
        .map((p) => p.trim())
        .filter((p) => p !== '')
        .at(-1) ?? '';
    examples.push({ index: examples.length, label: cleanLabel, kind: classify(reviveAny(value), cleanLabel), value });
  }
  return examples;
}

/** `file` is relative to `dir`, with forward slashes: `kor/workflow/view/readbyfiled.md`. */
export function readEsignonPage(dir: string, file: string): Page<LooseJson> {
  const text = repaired(file, fs.readFileSync(path.join(dir, file), 'utf8'));
  const parameters = /\{% api-method-body-parameters %\}([\s\S]*?)\{% endapi-method-body-parameters %\}/.exec(text);
  const bodyParameters = parameters ? [...parameters[1]!.matchAll(/api-method-parameter name="([^"]+)"/g)].map((m) => m[1]!.replace(/\\/g, '')) : [];
  return { file, call: callOf(text), bodyParameters, examples: examplesOf(text) };
}

/** Every page of kor/ and eng/ but README and SUMMARY (which hold no call), sorted. */
export function esignonPageFiles(dir: string): string[] {
  const walk = (sub: string): string[] =>
    fs
      .readdirSync(path.join(dir, sub), { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? walk(`${sub}/${e.name}`) : e.name.endsWith('.md') ? [`${sub}/${e.name}`] : []));
  return ['kor', 'eng']
    .flatMap((lang) => walk(lang))
    .filter((f) => !/(^|\/)(README|SUMMARY)\.md$/.test(f))
    .sort();
}
