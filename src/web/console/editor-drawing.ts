// Drawing a new box in the template editor: a drag on a page's empty area shows a ghost box that
// follows the pointer (snapped to the grid and to the boxes on that page), and becomes a box of
// the chosen type when released, if it is at least MIN_SIZE both ways.
import { h } from '../shared/dom.ts';
import { placeBox, type PageFrame } from '../shared/page-frames.ts';
import { MIN_SIZE, rectFromDrag, snapResize, type Rect } from './editor-geometry.ts';
import type { Box } from './editor-model.ts';

/** What drawing on a page needs of the editor. */
export interface DrawingEditor {
  /** Whether a drawn box snaps to the grid and to other boxes' edges. */
  snapping(): boolean;
  boxesOn(page: number): Box[];
  /** A box was drawn on the page: the rectangle, in points. */
  drawn(page: number, rect: Rect): void;
  /** The page's empty area was clicked, or the drag was too small for a box. */
  missed(): void;
}

export function enableDrawing(frame: PageFrame, pageNumber: number, editor: DrawingEditor): void {
  const overlay = frame.overlay;
  overlay.classList.add('drawable');
  overlay.addEventListener('pointerdown', (event) => {
    if (event.button !== 0 || event.target !== overlay) return;
    event.preventDefault();
    const bounds = frame.element.getBoundingClientRect();
    const perPx = frame.size.width / bounds.width;
    const at = (e: PointerEvent) => ({ x: (e.clientX - bounds.left) * perPx, y: (e.clientY - bounds.top) * perPx });
    const start = at(event);
    const ghost = h('div', { class: 'ebox ghost', 'aria-hidden': 'true' });
    overlay.setPointerCapture(event.pointerId);
    let rect: Rect | null = null;
    const onMove = (e: PointerEvent) => {
      const end = at(e);
      rect = rectFromDrag(start.x, start.y, end.x, end.y, frame.size);
      if (editor.snapping()) {
        const neighbours = editor.boxesOn(pageNumber);
        rect = snapResize(snapResize(rect, 'nw', neighbours, frame.size), 'se', neighbours, frame.size);
      }
      if (!ghost.parentElement) overlay.append(ghost);
      placeBox(ghost, frame, rect);
    };
    const onUp = () => {
      overlay.removeEventListener('pointermove', onMove);
      overlay.removeEventListener('pointerup', onUp);
      overlay.removeEventListener('pointercancel', onUp);
      ghost.remove();
      if (rect && rect.width >= MIN_SIZE && rect.height >= MIN_SIZE) editor.drawn(pageNumber, rect);
      else editor.missed();
    };
    overlay.addEventListener('pointermove', onMove);
    overlay.addEventListener('pointerup', onUp);
    overlay.addEventListener('pointercancel', onUp);
  });
}
