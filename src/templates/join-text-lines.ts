// A page's glyphs as lines of text, read left to right, whatever order and however many pieces
// they were drawn in: Chromium and word processors draw text in runs, sometimes a glyph at a
// time, and a tag is often split across runs or fonts. Glyphs on one baseline are one line;
// a gap wider than a space's worth (beyond the letter spacing) reads as a space; a glyph drawn
// twice on itself (fake bold) reads once and is kept with its twin, so both are taken out with
// the tag.
import type { PlacedChar } from '../domain/text-tags.ts';
import type { PlacedGlyph } from './place-page-glyphs.ts';

export interface LineChar extends PlacedChar {
  /** The glyphs drawn for this char: none for a space seen in a gap. */
  glyphs: PlacedGlyph[];
}

/** Baselines closer than this share a line (a fraction of the smaller font size). */
const SAME_LINE = 0.35;
/** A gap wider than this reads as a space (a fraction of the font size; pdf.js uses about 0.1). */
const SPACE_GAP = 0.15;
/** A glyph within this of the same glyph is the same glyph drawn again. */
const OVERPRINT = 0.15;

export function joinTextLines(glyphs: readonly PlacedGlyph[]): LineChar[][] {
  const byBaseline = [...glyphs].sort((a, b) => a.baseline - b.baseline || a.x - b.x);
  const lines: PlacedGlyph[][] = [];
  let current: PlacedGlyph[] = [];
  let baseline = 0;
  let size = 0;
  for (const glyph of byBaseline) {
    if (current.length > 0 && Math.abs(glyph.baseline - baseline) <= SAME_LINE * Math.min(size, glyph.size)) {
      current.push(glyph);
      continue;
    }
    if (current.length > 0) lines.push(current);
    current = [glyph];
    baseline = glyph.baseline;
    size = glyph.size;
  }
  if (current.length > 0) lines.push(current);
  return lines.map(readLine);
}

function readLine(glyphs: PlacedGlyph[]): LineChar[] {
  // Stable: glyphs at the same x keep their drawing order.
  const ordered = glyphs.map((glyph, i) => ({ glyph, i })).sort((a, b) => a.glyph.x - b.glyph.x || a.i - b.i);
  const chars: LineChar[] = [];
  let previous: LineChar | undefined;
  for (const { glyph } of ordered) {
    const last = previous?.glyphs[0];
    if (
      previous &&
      last &&
      last.text === glyph.text &&
      glyph.text.trim() !== '' &&
      Math.abs(glyph.x - last.x) < OVERPRINT * glyph.size &&
      Math.abs(glyph.baseline - last.baseline) < OVERPRINT * glyph.size
    ) {
      previous.glyphs.push(glyph);
      continue;
    }
    if (previous && last) {
      // Letter spacing (Tc) moves the pen on purpose: only a gap beyond it reads as a space.
      const gapStart = last.x + Math.max(last.width, last.advance);
      const gap = glyph.x - gapStart;
      if (gap > SPACE_GAP * Math.max(glyph.size, last.size) && glyph.text.trim() !== '' && last.text.trim() !== '') {
        chars.push({ text: ' ', box: { x: gapStart, y: Math.min(last.y, glyph.y), width: gap, height: Math.max(last.height, glyph.height) }, glyphs: [] });
      }
    }
    previous = { text: glyph.text, box: { x: glyph.x, y: glyph.y, width: glyph.width, height: glyph.height }, glyphs: [glyph] };
    chars.push(previous);
  }
  return chars;
}
