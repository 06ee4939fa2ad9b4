// Upstream fontkit 2.x ships no type declarations; only the part Dojang touches is typed here.
declare module 'fontkit' {
  export interface FontkitSubset {
    includeGlyph(glyph: unknown): number;
    /** The subset font file; fontkit 2 replaced 1.x's `encodeStream()` with this. */
    encode(): Uint8Array;
  }

  export interface FontkitFont {
    createSubset(): FontkitSubset;
    /** Glyphs by the cmap alone, without OpenType shaping. */
    glyphsForString(text: string): unknown[];
  }

  export function create(buffer: Uint8Array, postscriptName?: string): FontkitFont;
}
