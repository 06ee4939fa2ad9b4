// The operations of a content stream (a page's or a form's drawing), read one at a time with the
// byte range each occupies, so that one operation can be replaced and every other byte kept.
// PDF 32000-1 §7.8.2: operands in postfix, then the operator; inline images (BI … ID data EI)
// are read as one operation whose data is skipped.

/** A name operand, `/F1`. */
export class OperandName {
  constructor(readonly name: string) {}
}

/** A dictionary operand (marked content's properties, an inline image's): kept as its items. */
export class OperandDict {
  constructor(readonly items: Operand[]) {}
}

/** Numbers, strings (their bytes), names, arrays, dictionaries, true/false/null. */
export type Operand = number | Uint8Array | OperandName | Operand[] | OperandDict | boolean | null;

export interface Operation {
  operator: string;
  operands: Operand[];
  /** Where the first operand (or the operator, without operands) starts. */
  start: number;
  /** Just after the operator. */
  end: number;
}

const isWhite = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0x0c || b === 0x00;
const isDelimiter = (b: number) =>
  b === 0x28 || b === 0x29 || b === 0x3c || b === 0x3e || b === 0x5b || b === 0x5d || b === 0x7b || b === 0x7d || b === 0x2f || b === 0x25;
const isRegular = (b: number) => !isWhite(b) && !isDelimiter(b);
/** \n \r \t \b \f \( \) \\ in a literal string. */
const ESCAPES: Record<number, number> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c, 0x28: 0x28, 0x29: 0x29, 0x5c: 0x5c };
const hexValue = (b: number) => (b >= 0x30 && b <= 0x39 ? b - 0x30 : b >= 0x41 && b <= 0x46 ? b - 0x37 : b >= 0x61 && b <= 0x66 ? b - 0x57 : -1);

/** Calls `visit` with each operation of `bytes`, in order. Malformed bytes are skipped, never thrown on. */
export function forEachOperation(bytes: Uint8Array, visit: (operation: Operation) => void): void {
  const reader = new ContentReader(bytes);
  reader.read(visit);
}

class ContentReader {
  #pos = 0;
  constructor(readonly bytes: Uint8Array) {}

  read(visit: (operation: Operation) => void): void {
    let operands: Operand[] = [];
    let start = -1;
    // Arrays and dictionaries being read, innermost last (iterative: no recursion for deep nesting).
    const open: { items: Operand[]; dict: boolean }[] = [];
    const push = (value: Operand) => {
      const top = open[open.length - 1];
      if (top) top.items.push(value);
      else operands.push(value);
    };
    for (;;) {
      this.#skipWhiteAndComments();
      if (this.#pos >= this.bytes.length) return;
      const at = this.#pos;
      if (open.length === 0 && start < 0) start = at;
      const b = this.bytes[at]!;
      if (b === 0x28) push(this.#literalString());
      else if (b === 0x3c && this.bytes[at + 1] === 0x3c) {
        this.#pos += 2;
        open.push({ items: [], dict: true });
      } else if (b === 0x3e && this.bytes[at + 1] === 0x3e) {
        this.#pos += 2;
        const closed = open.pop();
        if (closed) push(new OperandDict(closed.items));
      } else if (b === 0x3c) push(this.#hexString());
      else if (b === 0x5b) {
        this.#pos++;
        open.push({ items: [], dict: false });
      } else if (b === 0x5d) {
        this.#pos++;
        const closed = open.pop();
        if (closed) push(closed.dict ? new OperandDict(closed.items) : closed.items);
      } else if (b === 0x2f) push(this.#name());
      else if (isRegular(b)) {
        const word = this.#word();
        const number = toNumber(word);
        if (number !== undefined) push(number);
        else if (word === 'true' || word === 'false') push(word === 'true');
        else if (word === 'null') push(null);
        else if (open.length > 0)
          continue; // an operator inside an array: not PDF, skipped
        else {
          if (word === 'BI') this.#skipInlineImage();
          visit({ operator: word, operands, start, end: this.#pos });
          operands = [];
          start = -1;
        }
      } else this.#pos++; // a stray ')', '>', '{' or '}'
    }
  }

  #skipWhiteAndComments(): void {
    const { bytes } = this;
    while (this.#pos < bytes.length) {
      const b = bytes[this.#pos]!;
      if (isWhite(b)) this.#pos++;
      else if (b === 0x25) {
        while (this.#pos < bytes.length && bytes[this.#pos] !== 0x0a && bytes[this.#pos] !== 0x0d) this.#pos++;
      } else return;
    }
  }

  #word(): string {
    const from = this.#pos;
    while (this.#pos < this.bytes.length && isRegular(this.bytes[this.#pos]!)) this.#pos++;
    return latin1(this.bytes.subarray(from, this.#pos));
  }

  #name(): OperandName {
    this.#pos++;
    const from = this.#pos;
    while (this.#pos < this.bytes.length && isRegular(this.bytes[this.#pos]!)) this.#pos++;
    const raw = latin1(this.bytes.subarray(from, this.#pos));
    return new OperandName(raw.includes('#') ? raw.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : raw);
  }

  #hexString(): Uint8Array {
    const { bytes } = this;
    this.#pos++;
    const out: number[] = [];
    let high = -1;
    while (this.#pos < bytes.length && bytes[this.#pos] !== 0x3e) {
      const v = hexValue(bytes[this.#pos++]!);
      if (v < 0) continue;
      if (high < 0) high = v;
      else {
        out.push((high << 4) | v);
        high = -1;
      }
    }
    if (high >= 0) out.push(high << 4);
    this.#pos++;
    return Uint8Array.from(out);
  }

  #literalString(): Uint8Array {
    const { bytes } = this;
    this.#pos++;
    const out: number[] = [];
    let depth = 1;
    while (this.#pos < bytes.length) {
      const b = bytes[this.#pos++]!;
      if (b === 0x28) depth++;
      else if (b === 0x29 && --depth === 0) break;
      if (b !== 0x5c) {
        out.push(b);
        continue;
      }
      const e = bytes[this.#pos++];
      if (e === undefined) break;
      const escaped = ESCAPES[e];
      if (escaped !== undefined) out.push(escaped);
      else if (e >= 0x30 && e <= 0x37) {
        let value = e - 0x30;
        for (let i = 0; i < 2 && bytes[this.#pos]! >= 0x30 && bytes[this.#pos]! <= 0x37; i++) value = value * 8 + (bytes[this.#pos++]! - 0x30);
        out.push(value & 0xff);
      } else if (e === 0x0d) {
        if (bytes[this.#pos] === 0x0a) this.#pos++; // a backslash before an end of line continues the string
      } else if (e !== 0x0a) out.push(e);
    }
    return Uint8Array.from(out);
  }

  /** From after BI past EI: the image's dictionary, ID, one white byte, the data, EI. */
  #skipInlineImage(): void {
    const { bytes } = this;
    for (;;) {
      this.#skipWhiteAndComments();
      if (this.#pos >= bytes.length) return;
      if (isRegular(bytes[this.#pos]!)) {
        const word = this.#word();
        if (word === 'ID') break;
      } else if (bytes[this.#pos] === 0x28) this.#literalString();
      else if (bytes[this.#pos] === 0x3c && bytes[this.#pos + 1] !== 0x3c) this.#hexString();
      else this.#pos++;
    }
    this.#pos++;
    // The data is binary: EI counts only between white bytes and followed by what looks like content.
    for (let i = this.#pos; i + 1 < bytes.length; i++) {
      if (
        bytes[i] === 0x45 &&
        bytes[i + 1] === 0x49 &&
        isWhite(bytes[i - 1] ?? 0x20) &&
        (i + 2 >= bytes.length || isWhite(bytes[i + 2]!)) &&
        looksLikeContent(bytes, i + 2)
      ) {
        this.#pos = i + 2;
        return;
      }
    }
    this.#pos = bytes.length;
  }
}

/** Whether the bytes after a candidate EI are printable for a while, as operators would be. */
function looksLikeContent(bytes: Uint8Array, from: number): boolean {
  for (let i = from; i < Math.min(bytes.length, from + 32); i++) {
    const b = bytes[i]!;
    if (b > 0x7e || (b < 0x20 && !isWhite(b))) return false;
  }
  return true;
}

function toNumber(word: string): number | undefined {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) return undefined;
  return Number(word);
}

const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');

/** A number as a content stream writes it: at most four decimals, no exponent. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return '0';
  const fixed = n.toFixed(4).replace(/\.?0+$/, '');
  return fixed === '-0' ? '0' : fixed;
}

/** A name as a content stream writes it: bytes outside printable ASCII, and delimiters, as #xx. */
export function nameToken(name: string): string {
  return `/${[...Buffer.from(name, 'latin1')].map((b) => (b > 0x20 && b < 0x7f && b !== 0x23 && !isDelimiter(b) ? String.fromCharCode(b) : `#${b.toString(16).padStart(2, '0')}`)).join('')}`;
}

export const hexOf = (bytes: Uint8Array): string => `<${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('hex')}>`;
