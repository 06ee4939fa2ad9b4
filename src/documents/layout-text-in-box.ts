// Fits a field's text into its box: the largest font size at which the text, wrapped at
// spaces (or between characters when one word is too long, as Korean allows), fits.

export interface TextBoxSpec {
  /** Inner width and height in points (padding already taken off). */
  width: number;
  height: number;
  /** Width of `text` at font size 1. */
  measure: (text: string) => number;
  maxFontSize: number;
  minFontSize: number;
  /** Line height as a multiple of the font size. */
  lineHeight?: number;
}

export interface TextBoxLayout {
  fontSize: number;
  lines: string[];
  /** Distance between baselines, in points. */
  lineHeight: number;
  /** True when even the smallest size could not hold all of it and the end was cut off. */
  truncated: boolean;
}

const SIZE_STEP = 0.5;
const ELLIPSIS = '…';

export function layoutTextInBox(text: string, spec: TextBoxSpec): TextBoxLayout {
  const lineHeightFactor = spec.lineHeight ?? 1.2;
  const measure = memoize(spec.measure);
  const largest = Math.min(spec.maxFontSize, spec.height / lineHeightFactor);
  const maxSize = Math.max(spec.minFontSize, Math.floor(largest / SIZE_STEP) * SIZE_STEP);

  // Shrinking a little reads better than splitting a word (an email, a number) across lines,
  // so words are only split when no size fits without that.
  for (const breakWords of [false, true]) {
    for (let size = maxSize; size >= spec.minFontSize; size -= SIZE_STEP) {
      const maxWidth = spec.width / size;
      const lines = wrapText(text, maxWidth, measure);
      const fits = lines.length * size * lineHeightFactor <= spec.height;
      if (fits && (breakWords || (lines.every((line) => measure(line) <= maxWidth) && !splitsWords(text, lines)))) {
        return { fontSize: size, lines, lineHeight: size * lineHeightFactor, truncated: false };
      }
    }
  }

  const size = spec.minFontSize;
  const wrapped = wrapText(text, spec.width / size, measure);
  const maxLines = Math.max(1, Math.floor(spec.height / (size * lineHeightFactor)));
  const lines = wrapped.slice(0, maxLines);
  const truncated = wrapped.length > maxLines || wrapped.some((line) => measure(line) * size > spec.width);
  if (truncated) {
    const last = lines.length - 1;
    lines[last] = ellipsize(lines[last] ?? '', spec.width / size, measure);
  }
  return { fontSize: size, lines, lineHeight: size * lineHeightFactor, truncated };
}

/** Greedy wrap to `maxWidth` (in font-size-1 units); explicit newlines always break. */
export function wrapText(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
    let line = '';
    for (const word of paragraph.split(/(?<=\s)/)) {
      const candidate = line + word;
      if (measure(candidate.trimEnd()) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line.trim() !== '') lines.push(line.trimEnd());
      line = '';
      for (const piece of breakLongWord(word, maxWidth, measure)) {
        if (line !== '') lines.push(line);
        line = piece;
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

/** Whether wrapping cut inside a word rather than at a space or newline. */
function splitsWords(text: string, lines: readonly string[]): boolean {
  const words = (s: string) => s.split(/\s+/).filter(Boolean);
  return words(lines.join(' ')).length !== words(text).length;
}

function breakLongWord(word: string, maxWidth: number, measure: (s: string) => number): string[] {
  if (measure(word.trimEnd()) <= maxWidth) return [word];
  const pieces: string[] = [];
  let piece = '';
  for (const char of word) {
    if (piece !== '' && measure(piece + char) > maxWidth) {
      pieces.push(piece);
      piece = '';
    }
    piece += char;
  }
  pieces.push(piece);
  return pieces;
}

function ellipsize(line: string, maxWidth: number, measure: (s: string) => number): string {
  const chars = Array.from(line);
  while (chars.length > 0 && measure(chars.join('') + ELLIPSIS) > maxWidth) chars.pop();
  return chars.join('') + ELLIPSIS;
}

function memoize(measure: (s: string) => number): (s: string) => number {
  const widths = new Map<string, number>();
  return (s) => {
    let width = widths.get(s);
    if (width === undefined) {
      width = measure(s);
      widths.set(s, width);
    }
    return width;
  };
}
