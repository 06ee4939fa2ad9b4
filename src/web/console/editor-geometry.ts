// The template editor's geometry, in PDF points from the page's top-left corner (the unit the
// templates module stores): drawing a box by drag, moving and resizing it inside its page,
// snapping to a grid and to other boxes' edges, and keyboard nudges. Pure, so it is tested alone.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PageSize {
  width: number;
  height: number;
}

export type Handle = 'n' | 's' | 'e' | 'w' | 'ne' | 'nw' | 'se' | 'sw';
export const HANDLES: readonly Handle[] = ['nw', 'n', 'ne', 'e', 'se', 's', 'sw', 'w'];

/** The smallest box, in points. */
export const MIN_SIZE = 4;
/** The snapping grid, in points. */
export const GRID = 5;
/** How close (in points) an edge must come to another edge to snap to it. */
export const EDGE_SNAP = 4;

const round = (n: number) => Math.round(n * 100) / 100;

export function roundRect(r: Rect): Rect {
  return { x: round(r.x), y: round(r.y), width: round(r.width), height: round(r.height) };
}

/** The rectangle spanned by a drag from (ax, ay) to (bx, by), inside the page. */
export function rectFromDrag(ax: number, ay: number, bx: number, by: number, page: PageSize): Rect {
  const x1 = clamp(Math.min(ax, bx), 0, page.width);
  const y1 = clamp(Math.min(ay, by), 0, page.height);
  const x2 = clamp(Math.max(ax, bx), 0, page.width);
  const y2 = clamp(Math.max(ay, by), 0, page.height);
  return { x: x1, y: y1, width: x2 - x1, height: y2 - y1 };
}

function clamp(n: number, min: number, max: number): number {
  return Math.min(Math.max(n, min), max);
}

/** The same box, moved by (dx, dy) but kept whole inside the page. */
export function moveRect(r: Rect, dx: number, dy: number, page: PageSize): Rect {
  return { ...r, x: clamp(r.x + dx, 0, Math.max(0, page.width - r.width)), y: clamp(r.y + dy, 0, Math.max(0, page.height - r.height)) };
}

/** The box with the edges a handle holds moved by (dx, dy), at least MIN_SIZE, inside the page. */
export function resizeRect(r: Rect, handle: Handle, dx: number, dy: number, page: PageSize): Rect {
  let left = r.x;
  let top = r.y;
  let right = r.x + r.width;
  let bottom = r.y + r.height;
  if (handle.includes('w')) left = clamp(left + dx, 0, right - MIN_SIZE);
  if (handle.includes('e')) right = clamp(right + dx, left + MIN_SIZE, page.width);
  if (handle.includes('n')) top = clamp(top + dy, 0, bottom - MIN_SIZE);
  if (handle.includes('s')) bottom = clamp(bottom + dy, top + MIN_SIZE, page.height);
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/** Edges a box can snap to on one axis: the page's and the other boxes'. */
function targets(others: readonly Rect[], page: PageSize, axis: 'x' | 'y'): number[] {
  const size = axis === 'x' ? 'width' : 'height';
  return [0, page[size], ...others.flatMap((o) => [o[axis], o[axis] + o[size]])];
}

/** The nearest target within EDGE_SNAP of any of the values: the shift that reaches it, or null. */
function nearestShift(values: number[], candidates: number[]): number | null {
  let best: number | null = null;
  for (const v of values) {
    for (const c of candidates) {
      const shift = c - v;
      if (Math.abs(shift) <= EDGE_SNAP && (best === null || Math.abs(shift) < Math.abs(best))) best = shift;
    }
  }
  return best;
}

const toGrid = (n: number, grid: number) => Math.round(n / grid) * grid;

/** A moved box snapped: an edge near another box's (or the page's) edge meets it, else its corner goes to the grid. */
export function snapMove(r: Rect, others: readonly Rect[], page: PageSize, grid = GRID): Rect {
  const dx = nearestShift([r.x, r.x + r.width], targets(others, page, 'x')) ?? toGrid(r.x, grid) - r.x;
  const dy = nearestShift([r.y, r.y + r.height], targets(others, page, 'y')) ?? toGrid(r.y, grid) - r.y;
  return moveRect(r, dx, dy, page);
}

/** A resized (or drawn) box snapped: only the edges the handle holds move, to an edge or the grid. */
export function snapResize(r: Rect, handle: Handle, others: readonly Rect[], page: PageSize, grid = GRID): Rect {
  const snapOne = (value: number, axis: 'x' | 'y') => value + (nearestShift([value], targets(others, page, axis)) ?? toGrid(value, grid) - value);
  let left = r.x;
  let top = r.y;
  let right = r.x + r.width;
  let bottom = r.y + r.height;
  if (handle.includes('w')) left = snapOne(left, 'x');
  if (handle.includes('e')) right = snapOne(right, 'x');
  if (handle.includes('n')) top = snapOne(top, 'y');
  if (handle.includes('s')) bottom = snapOne(bottom, 'y');
  if (right - left < MIN_SIZE || bottom - top < MIN_SIZE) return r;
  return {
    x: clamp(left, 0, page.width),
    y: clamp(top, 0, page.height),
    width: Math.min(right, page.width) - clamp(left, 0, page.width),
    height: Math.min(bottom, page.height) - clamp(top, 0, page.height),
  };
}

/** An arrow key's step: 1 point, 10 with Shift. */
export const nudgeStep = (shift: boolean) => (shift ? 10 : 1);

/** What an arrow key does to a box: moves it, or with Alt, grows or shrinks it from its bottom-right corner. */
export function nudge(r: Rect, key: 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown', options: { shift: boolean; resize: boolean }, page: PageSize): Rect {
  const step = nudgeStep(options.shift);
  const dx = key === 'ArrowLeft' ? -step : key === 'ArrowRight' ? step : 0;
  const dy = key === 'ArrowUp' ? -step : key === 'ArrowDown' ? step : 0;
  return options.resize ? resizeRect(r, 'se', dx, dy, page) : moveRect(r, dx, dy, page);
}

/**
 * Where a box added with the button goes: near the page's top-left corner, 12 points further
 * down and right for each box already there, until the page's corner stops it.
 */
export function placeNewBox(width: number, height: number, others: readonly Rect[], page: PageSize): Rect {
  let rect = moveRect({ x: 36, y: 36, width, height }, 0, 0, page);
  const taken = (r: Rect) => others.some((o) => Math.abs(o.x - r.x) < 1 && Math.abs(o.y - r.y) < 1);
  while (taken(rect)) {
    const next = moveRect(rect, 12, 12, page);
    if (next.x === rect.x && next.y === rect.y) break;
    rect = next;
  }
  return rect;
}

/** A name not yet taken: `base1`, `base2`, … */
export function freeName(base: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}
