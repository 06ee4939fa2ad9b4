// Reads eSignon's published API pages (Markdown, Korean kor/ and English eng/, under
// REFERENCE_DIR): each page's call (method and path) and its JSON examples, parsed at test time
// so that a page change shows up in the tests.
//
// The examples are JSON as people write it in docs: comments (`//`), notes in parentheses,
// curly quotes, trailing or missing commas, unquoted placeholders (`{문서 ID}`), placeholders
// with quotes inside ("{ … or "embed"( … ) }"), key-value pairs written straight into an array,
// a closing brace where the opening one belongs, closers that do not match. The loose parser
// below reads all of that the way a person would. What it cannot guess is listed in
// PAGE_REPAIRS, each with the text it expects to find, so a repair that no longer applies fails.
import fs from 'node:fs';
import path from 'node:path';

export const REFERENCE_DIR = path.resolve(import.meta.dirname, '../../../shared/reference/esignon-api');

/** A value the page shows without saying its type: an unquoted placeholder like `{문서 ID}`. */
export const ANY = Symbol('any');
export type Loose = string | number | boolean | null | typeof ANY | Loose[] | { [key: string]: Loose };

// ── the loose parser ──────────────────────────────────────────────────────────────────────

type Token =
  | { t: '{' | '}' | '[' | ']' | ':' | ',' }
  | { t: 'string'; v: string }
  | { t: 'word'; v: string }
  | { t: 'placeholder'; v: string };

const QUOTES = /[“”„‟″]/g;

function tokenize(source: string): Token[] {
  const text = source.replace(QUOTES, '"');
  const tokens: Token[] = [];
  let i = 0;
  const skipNoise = (from: number): number => {
    let j = from;
    for (;;) {
      while (j < text.length && /\s/.test(text[j]!)) j++;
      if (text.startsWith('//', j)) {
        while (j < text.length && text[j] !== '\n') j++;
      } else if (text[j] === '(') {
        // A note in parentheses outside a string: `"1",(순서)`, `{ ( 사용시에만 값 입력 )`.
        const close = text.indexOf(')', j);
        const newline = text.indexOf('\n', j);
        j = close === -1 || (newline !== -1 && newline < close) ? (newline === -1 ? text.length : newline) : close + 1;
      } else return j;
    }
  };
  while ((i = skipNoise(i)) < text.length) {
    const c = text[i]!;
    if (c === '"') {
      // A quoted placeholder runs to `}"`, whatever quotes it holds; any other string to the next quote.
      let end: number;
      const placeholderEnd = text.indexOf('}"', i + 1);
      const lineEnd = text.indexOf('\n', i);
      if (text[i + 1] === '{' && placeholderEnd !== -1 && (lineEnd === -1 || placeholderEnd < lineEnd)) end = placeholderEnd + 1;
      else {
        end = i + 1;
        while (end < text.length && text[end] !== '"' && text[end] !== '\n') end += text[end] === '\\' ? 2 : 1;
      }
      tokens.push({ t: 'string', v: text.slice(i + 1, end).replace(/\\(.)/g, '$1') });
      i = end + 1;
    } else if (c === '{') {
      const next = skipNoise(i + 1);
      if (text[next] === '"' || text[next] === '}') {
        tokens.push({ t: '{' });
        i++;
      } else {
        // `{문서 ID}`: a placeholder without quotes, up to its closing brace.
        let depth = 0;
        let end = i;
        for (; end < text.length; end++) {
          if (text[end] === '{') depth++;
          else if (text[end] === '}' && --depth === 0) break;
        }
        tokens.push({ t: 'placeholder', v: text.slice(i, end + 1) });
        i = end + 1;
      }
    } else if ('}[]:,'.includes(c)) {
      tokens.push({ t: c as '}' | '[' | ']' | ':' | ',' });
      i++;
    } else {
      let end = i;
      while (end < text.length && !/[\s{}[\]:,"]/.test(text[end]!)) end++;
      tokens.push({ t: 'word', v: text.slice(i, end) });
      i = end;
    }
  }
  return tokens;
}

export function parseLooseJson(source: string): Loose {
  const tokens = tokenize(source);
  let at = 0;
  const peek = (offset = 0) => tokens[at + offset];
  const stack: ('object' | 'array')[] = [];
  const enclosedBy = (kind: 'object' | 'array') => stack.includes(kind);

  function word(v: string): Loose {
    if (v === 'true') return true;
    if (v === 'false') return false;
    if (v === 'null') return null;
    if (/^-?\d+(\.\d+)?$/.test(v)) return Number(v);
    return ANY;
  }

  function value(): Loose {
    const token = tokens[at++];
    if (!token) return ANY;
    switch (token.t) {
      case '{':
        return object();
      case '[':
        return array();
      case 'string':
        return token.v;
      case 'word':
        return word(token.v);
      case 'placeholder':
        return ANY;
      default:
        return ANY;
    }
  }

  /** Members up to `}` (consumed) or a closer that belongs to an enclosing array (left). */
  function members(target: { [key: string]: Loose }, implicit: boolean): void {
    for (;;) {
      const token = peek();
      if (!token) return;
      if (token.t === '}') {
        if (!implicit) at++;
        return;
      }
      if (token.t === ']') {
        if (implicit || enclosedBy('array')) return;
        at++; // a stray closer
        continue;
      }
      if (token.t === 'string' && peek(1)?.t === ':') {
        at += 2;
        target[token.v] = value();
        continue;
      }
      if (implicit && token.t !== ',') return;
      at++; // commas, notes and words between members
    }
  }

  function object(): { [key: string]: Loose } {
    const result: { [key: string]: Loose } = {};
    stack.push('object');
    members(result, false);
    stack.pop();
    return result;
  }

  function array(): Loose[] {
    const result: Loose[] = [];
    stack.push('array');
    for (;;) {
      const token = peek();
      if (!token) break;
      if (token.t === ']') {
        at++;
        break;
      }
      if (token.t === '}') {
        if (enclosedBy('object')) break; // `[ {…}, "k": v }`: the array was never closed
        at++;
        continue;
      }
      if (token.t === ',') {
        at++;
        continue;
      }
      if (token.t === 'string' && peek(1)?.t === ':') {
        // `[ "grade_code": "…", … ]`: key-value pairs written straight into the array.
        const implicit: { [key: string]: Loose } = {};
        stack.push('object');
        members(implicit, true);
        stack.pop();
        result.push(implicit);
        continue;
      }
      result.push(value());
    }
    stack.pop();
    return result;
  }

  // A block that opens with `}` (the bulk start response) means `{`.
  if (peek()?.t === '}') tokens[0] = { t: '{' };
  return value();
}

// ── the pages ─────────────────────────────────────────────────────────────────────────────

export interface PageCall {
  method: 'GET' | 'POST';
  /** As the page writes it, host removed: `/api/:companyId/search`, `/worklists/new?page={value}&rows={value}`. */
  path: string;
}

export type ExampleKind = 'request' | 'response' | 'error' | 'export' | 'element' | 'other';

export interface Example {
  index: number;
  /** The line above the block, for naming. */
  label: string;
  kind: ExampleKind;
  value: Loose;
}

export interface Page {
  /** Relative to REFERENCE_DIR, e.g. `kor/workflow/view/readbyfiled.md`. */
  file: string;
  call: PageCall | null;
  examples: Example[];
  /** `api-method-body-parameters` names (a page with parameters but no request example). */
  bodyParameters: string[];
}

/** What the loose parser cannot guess. Each repair must still apply, or the test says so. */
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

export function readPage(file: string): Page {
  let text = fs.readFileSync(path.join(REFERENCE_DIR, file), 'utf8');
  for (const repair of PAGE_REPAIRS.filter((r) => r.file.test(file))) {
    if (!repair.find.test(text)) throw new Error(`${file}: the repair "${repair.why}" no longer applies; the page changed, look at it again`);
    text = text.replace(repair.find, repair.replace);
  }
  const examples: Example[] = [];
  const blocks = /```[a-z]*\n([\s\S]*?)```/g;
  for (let match; (match = blocks.exec(text)); ) {
    const label = text
      .slice(0, match.index)
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '')
      .at(-1) ?? '';
    const value = parseLooseJson(match[1]!);
    // The line above, without markdown or the table debris the pages leave before a heading.
    const cleanLabel = label.replace(/[#\\*]/g, '').split(/\||\s{2,}/).map((p) => p.trim()).filter((p) => p !== '').at(-1) ?? '';
    examples.push({ index: examples.length, label: cleanLabel, kind: classify(value, cleanLabel), value });
  }
  const parameters = /\{% api-method-body-parameters %\}([\s\S]*?)\{% endapi-method-body-parameters %\}/.exec(text);
  const bodyParameters = parameters ? [...parameters[1]!.matchAll(/api-method-parameter name="([^"]+)"/g)].map((m) => m[1]!.replace(/\\/g, '')) : [];
  return { file, call: callOf(text), examples, bodyParameters };
}

/** Every page of kor/ and eng/ but the two READMEs (which hold no call). */
export function referencePages(): Page[] {
  const walk = (dir: string): string[] =>
    fs.readdirSync(path.join(REFERENCE_DIR, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.md') ? [path.join(dir, e.name)] : []));
  return ['kor', 'eng']
    .flatMap((lang) => walk(lang))
    .filter((f) => !/(^|\/)(README|SUMMARY)\.md$/.test(f))
    .sort()
    .map(readPage);
}
