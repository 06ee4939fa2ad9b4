// Reads the JSON examples of eSignon's published API pages, which are JSON as people write it in
// docs: comments (`//`), notes in parentheses, curly quotes, trailing or missing commas, unquoted
// placeholders (`{문서 ID}`), placeholders with quotes inside ("{ … or "embed"( … ) }"), key-value
// pairs written straight into an array, a closing brace where the opening one belongs, closers
// that do not match. The parser reads all of that the way a person would; what it cannot guess is
// repaired first (PAGE_REPAIRS in read-esignon-page.ts). A value the page shows without saying its
// type comes out as ANY in its JSON form (anyAsJson), keeping what the page shows there.
import { anyAsJson, type LooseJson } from './reference-pages.ts';

type Token = { t: '{' | '}' | '[' | ']' | ':' | ',' } | { t: 'string'; v: string } | { t: 'word'; v: string } | { t: 'placeholder'; v: string };

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

export function parseLooseJson(source: string): LooseJson {
  const tokens = tokenize(source);
  let at = 0;
  const peek = (offset = 0) => tokens[at + offset];
  const stack: ('object' | 'array')[] = [];
  const enclosedBy = (kind: 'object' | 'array') => stack.includes(kind);

  function word(v: string): LooseJson {
    if (v === 'true') return true;
    if (v === 'false') return false;
    if (v === 'null') return null;
    if (/^-?\d+(\.\d+)?$/.test(v)) return Number(v);
    return anyAsJson(v);
  }

  function value(): LooseJson {
    const token = tokens[at++];
    if (!token) return anyAsJson('');
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
        return anyAsJson(token.v);
      default:
        return anyAsJson(''); // a closer or a separator where a value belongs
    }
  }

  /** Members up to `}` (consumed) or a closer that belongs to an enclosing array (left). */
  function members(target: { [key: string]: LooseJson }, implicit: boolean): void {
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

  function object(): { [key: string]: LooseJson } {
    const result: { [key: string]: LooseJson } = {};
    stack.push('object');
    members(result, false);
    stack.pop();
    return result;
  }

  function array(): LooseJson[] {
    const result: LooseJson[] = [];
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
        const implicit: { [key: string]: LooseJson } = {};
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
