// A CMap stream read: how a font's string bytes split into codes (codespace ranges), which text
// each code stands for (a ToUnicode CMap's bfchar/bfrange) and which CID (an embedded encoding
// CMap's cidchar/cidrange). Ranges stay ranges: a hostile `<00000000> <FFFFFFFF>` costs nothing.

export interface CodeRange {
  /** Code length in bytes. */
  bytes: number;
  low: number;
  high: number;
}

interface UnicodeRange extends CodeRange {
  /** The first code's text as UTF-16 code units (the last one counts up), or one text per code. */
  start: number[] | string[];
}

interface CidRange extends CodeRange {
  cid: number;
}

export class CMap {
  readonly codespaces: CodeRange[] = [];
  readonly #unicode = new Map<number, string>();
  readonly #unicodeRanges: UnicodeRange[] = [];
  readonly #cids = new Map<number, number>();
  readonly #cidRanges: CidRange[] = [];

  /** The text of a code, or undefined when the map does not name it. */
  unicode(code: number, bytes: number): string | undefined {
    const key = codeKey(code, bytes);
    const direct = this.#unicode.get(key);
    if (direct !== undefined) return direct;
    for (const range of this.#unicodeRanges) {
      if (range.bytes !== bytes || code < range.low || code > range.high) continue;
      const offset = code - range.low;
      if (typeof range.start[0] === 'string') return (range.start as string[])[offset];
      const units = [...(range.start as number[])];
      units[units.length - 1] = (units[units.length - 1] ?? 0) + offset;
      return String.fromCharCode(...units);
    }
    return undefined;
  }

  cid(code: number, bytes: number): number | undefined {
    const direct = this.#cids.get(codeKey(code, bytes));
    if (direct !== undefined) return direct;
    for (const range of this.#cidRanges) {
      if (range.bytes === bytes && code >= range.low && code <= range.high) return range.cid + code - range.low;
    }
    return undefined;
  }

  get hasCids(): boolean {
    return this.#cids.size > 0 || this.#cidRanges.length > 0;
  }

  static parse(text: string): CMap {
    const cmap = new CMap();
    const tokens = tokenize(text);
    let section = '';
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (token.kind === 'word') {
        if (token.value.startsWith('begin')) section = token.value.slice(5);
        else if (token.value.startsWith('end')) section = '';
        continue;
      }
      const [a, b, c] = [token, tokens[i + 1], tokens[i + 2]];
      if (section === 'codespacerange' && a.kind === 'hex' && b?.kind === 'hex') {
        cmap.codespaces.push({ bytes: a.bytes, low: a.value, high: b.value });
        i += 1;
      } else if (section === 'bfchar' && a.kind === 'hex' && b?.kind === 'hex') {
        cmap.#unicode.set(codeKey(a.value, a.bytes), utf16(b.units));
        i += 1;
      } else if (section === 'bfrange' && a.kind === 'hex' && b?.kind === 'hex' && c) {
        if (c.kind === 'hex') cmap.#unicodeRanges.push({ bytes: a.bytes, low: a.value, high: b.value, start: c.units });
        else if (c.kind === 'array') cmap.#unicodeRanges.push({ bytes: a.bytes, low: a.value, high: b.value, start: c.items.map(utf16) });
        i += 2;
      } else if (section === 'cidchar' && a.kind === 'hex' && b?.kind === 'number') {
        cmap.#cids.set(codeKey(a.value, a.bytes), b.value);
        i += 1;
      } else if (section === 'cidrange' && a.kind === 'hex' && b?.kind === 'hex' && c?.kind === 'number') {
        cmap.#cidRanges.push({ bytes: a.bytes, low: a.value, high: b.value, cid: c.value });
        i += 2;
      }
    }
    return cmap;
  }
}

/** Identity-H: every code two bytes, the CID the code itself. */
export const IDENTITY_CODESPACE: CodeRange[] = [{ bytes: 2, low: 0, high: 0xffff }];

/**
 * A splitter of string bytes into codes by the codespace ranges (PDF 32000-1 §9.7.6.2: the
 * shortest prefix inside a range; bytes matching no range are taken at the shortest range's length).
 */
export function codeSplitter(codespaces: readonly CodeRange[]): (bytes: Uint8Array) => { code: number; bytes: number; at: number }[] {
  const lengths = [...new Set(codespaces.map((r) => r.bytes))].sort((x, y) => x - y);
  const only = lengths.length === 1 ? lengths[0]! : 0;
  // One length whose ranges cover every code of it (Identity-H's two bytes, a simple font's one).
  if (only > 0 && codespaces.some((r) => r.low === 0 && r.high === 256 ** only - 1)) {
    return (bytes) => {
      const codes: { code: number; bytes: number; at: number }[] = [];
      for (let at = 0; at < bytes.length; at += only) {
        const length = Math.min(only, bytes.length - at);
        codes.push({ code: readCode(bytes, at, length), bytes: length, at });
      }
      return codes;
    };
  }
  const shortest = lengths[0] ?? 1;
  return (bytes) => {
    const codes: { code: number; bytes: number; at: number }[] = [];
    let at = 0;
    while (at < bytes.length) {
      let taken: { code: number; bytes: number } | undefined;
      for (const length of lengths) {
        if (at + length > bytes.length) break;
        const code = readCode(bytes, at, length);
        if (codespaces.some((r) => r.bytes === length && inRange(code, r, length))) {
          taken = { code, bytes: length };
          break;
        }
      }
      const length = taken?.bytes ?? Math.min(shortest, bytes.length - at);
      codes.push({ code: taken?.code ?? readCode(bytes, at, length), bytes: length, at });
      at += length;
    }
    return codes;
  };
}

function readCode(bytes: Uint8Array, at: number, length: number): number {
  let code = 0;
  for (let i = 0; i < length; i++) code = code * 256 + bytes[at + i]!;
  return code;
}

/** Each byte of the code within the range's bytes at that place (codespace ranges are per byte). */
function inRange(code: number, range: CodeRange, length: number): boolean {
  for (let i = length - 1; i >= 0; i--) {
    const shift = 256 ** (length - 1 - i);
    const byte = Math.floor(code / shift) % 256;
    const low = Math.floor(range.low / shift) % 256;
    const high = Math.floor(range.high / shift) % 256;
    if (byte < low || byte > high) return false;
  }
  return true;
}

const codeKey = (code: number, bytes: number) => bytes * 2 ** 32 + code;

const utf16 = (units: number[]): string => {
  let text = '';
  for (let i = 0; i < units.length; i += 4096) text += String.fromCharCode(...units.slice(i, i + 4096));
  return text;
};

type Token =
  | { kind: 'hex'; value: number; bytes: number; units: number[] }
  | { kind: 'number'; value: number }
  | { kind: 'word'; value: string }
  | { kind: 'array'; items: number[][] };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /<([0-9a-fA-F\s]*)>|\[([^\]]*)\]|(-?\d+)|([A-Za-z]+)|%[^\n\r]*/g;
  for (const m of text.matchAll(pattern)) {
    if (m[1] !== undefined) tokens.push(hexToken(m[1]));
    else if (m[2] !== undefined) tokens.push({ kind: 'array', items: [...m[2].matchAll(/<([0-9a-fA-F\s]*)>/g)].map((h) => hexToken(h[1]!).units) });
    else if (m[3] !== undefined) tokens.push({ kind: 'number', value: Number(m[3]) });
    else if (m[4] !== undefined) tokens.push({ kind: 'word', value: m[4] });
  }
  return tokens;
}

function hexToken(raw: string): Token & { kind: 'hex' } {
  const hex = raw.replace(/\s+/g, '');
  const even = hex.length % 2 === 1 ? `${hex}0` : hex;
  const bytes = even.length / 2;
  const units: number[] = [];
  // UTF-16BE, two bytes a unit; a one-byte destination (some producers write `<41>`) is the character itself.
  const unit = bytes % 2 === 1 ? 2 : 4;
  for (let i = 0; i < even.length; i += unit) units.push(parseInt(even.slice(i, i + unit), 16));
  // Codes longer than four bytes are not codes; they still make text (bfchar destinations).
  return { kind: 'hex', value: bytes <= 4 ? parseInt(even || '0', 16) : 0, bytes, units };
}
