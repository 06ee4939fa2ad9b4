import { describe, expect, it } from 'vitest';
import { freeName, moveRect, nudge, placeNewBox, rectFromDrag, resizeRect, snapMove, snapResize, MIN_SIZE } from './editor-geometry.ts';

const A4 = { width: 595, height: 842 };

describe("the template editor's geometry", () => {
  it('draws a box from a drag in any direction, inside the page', () => {
    expect(rectFromDrag(100, 200, 50, 150, A4)).toEqual({ x: 50, y: 150, width: 50, height: 50 });
    expect(rectFromDrag(580, 830, 700, 900, A4)).toEqual({ x: 580, y: 830, width: 15, height: 12 });
  });

  it('moves a box but never off its page', () => {
    const box = { x: 10, y: 10, width: 100, height: 20 };
    expect(moveRect(box, 5, 7, A4)).toEqual({ x: 15, y: 17, width: 100, height: 20 });
    expect(moveRect(box, -50, -50, A4)).toEqual({ x: 0, y: 0, width: 100, height: 20 });
    expect(moveRect(box, 1000, 1000, A4)).toEqual({ x: 495, y: 822, width: 100, height: 20 });
  });

  it('resizes from any handle, keeping the opposite edges and a minimum size', () => {
    const box = { x: 100, y: 100, width: 100, height: 50 };
    expect(resizeRect(box, 'se', 20, 10, A4)).toEqual({ x: 100, y: 100, width: 120, height: 60 });
    expect(resizeRect(box, 'nw', 20, 10, A4)).toEqual({ x: 120, y: 110, width: 80, height: 40 });
    expect(resizeRect(box, 'w', 500, 0, A4)).toEqual({ x: 200 - MIN_SIZE, y: 100, width: MIN_SIZE, height: 50 });
    expect(resizeRect(box, 'e', 1000, 0, A4).width).toBe(495);
  });

  it("snaps a moved box to a neighbour's edge, else to the grid", () => {
    const other = { x: 100, y: 300, width: 200, height: 30 };
    expect(snapMove({ x: 102.5, y: 352, width: 80, height: 20 }, [other], A4)).toMatchObject({ x: 100, y: 350 });
    // The right edge meets the neighbour's right edge.
    expect(snapMove({ x: 218, y: 400, width: 80, height: 20 }, [other], A4)).toMatchObject({ x: 220 });
    expect(snapMove({ x: 43, y: 61.9, width: 80, height: 20 }, [], A4)).toMatchObject({ x: 45, y: 60 });
  });

  it('snaps only the edges a resize handle holds', () => {
    const box = { x: 100, y: 100, width: 101.5, height: 48 };
    expect(snapResize(box, 'se', [], A4)).toEqual({ x: 100, y: 100, width: 100, height: 50 });
    expect(snapResize({ x: 98, y: 100, width: 50, height: 20 }, 'w', [], A4)).toEqual({ x: 100, y: 100, width: 48, height: 20 });
  });

  it('nudges with the arrow keys: 1 point, 10 with Shift, resizing with Alt', () => {
    const box = { x: 100, y: 100, width: 50, height: 20 };
    expect(nudge(box, 'ArrowRight', { shift: false, resize: false }, A4)).toMatchObject({ x: 101, y: 100 });
    expect(nudge(box, 'ArrowUp', { shift: true, resize: false }, A4)).toMatchObject({ x: 100, y: 90 });
    expect(nudge(box, 'ArrowDown', { shift: true, resize: true }, A4)).toEqual({ x: 100, y: 100, width: 50, height: 30 });
  });

  it('adds a box near the top-left corner, clear of the boxes already there, and stops at the page corner', () => {
    expect(placeNewBox(150, 22, [], A4)).toEqual({ x: 36, y: 36, width: 150, height: 22 });
    const there = [
      { x: 36, y: 36, width: 150, height: 22 },
      { x: 48, y: 48, width: 150, height: 22 },
    ];
    expect(placeNewBox(150, 22, there, A4)).toEqual({ x: 60, y: 60, width: 150, height: 22 });
    const small = { width: 100, height: 100 };
    const diagonal = Array.from({ length: 10 }, (_, i) => ({ x: Math.min(36 + 12 * i, 50), y: Math.min(36 + 12 * i, 50), width: 50, height: 50 }));
    expect(placeNewBox(50, 50, diagonal, small)).toEqual({ x: 50, y: 50, width: 50, height: 50 });
  });

  it('names new boxes without clashing, in Korean too', () => {
    expect(freeName('서명', new Set(['서명1', '서명2']))).toBe('서명3');
    expect(freeName('텍스트', new Set())).toBe('텍스트1');
  });
});
