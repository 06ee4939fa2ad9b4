// A box on the template editor's page: its element, painted from the box (placed in %, coloured by
// step, named for screen readers), selected when focused, moved with the arrow keys (Shift for 10
// points, Alt to resize), removed with Delete, and moved or resized by the pointer on its handles.
import { h } from '../shared/dom.ts';
import { t } from '../shared/i18n.ts';
import { placeBox, type PageFrame } from '../shared/page-frames.ts';
import { HANDLES, moveRect, nudge, resizeRect, roundRect, snapMove, snapResize, type Handle, type Rect } from './editor-geometry.ts';
import { typeKey, type Box } from './editor-model.ts';

/** What a box's element needs of the editor. */
export interface BoxElementEditor {
  /** The id of the help text that tells the keys. */
  helpId: string;
  selected(): Box | null;
  select(box: Box | null): void;
  frameOf(box: Box): PageFrame | undefined;
  /** Whether a moved box snaps to the grid and to other boxes' edges. */
  snapping(): boolean;
  /** The boxes a moved box can snap to: the others on its page. */
  neighbours(box: Box): Box[];
  /** Shows the box where it is now (while it is dragged). */
  paint(box: Box): void;
  /** The box was moved or resized; `key` names a change that continues the one before it. */
  changed(box: Box, key?: string): void;
  remove(box: Box): void;
  /** Moves the focus into the selected box's properties. */
  editProperties(): void;
}

/** What screen readers hear of a box, and the box list shows: a label box's text too, which it shows on the page. */
export function describeBox(box: Box): string {
  if (box.type === 'LabelBox') {
    const type = t(typeKey(box.type));
    return box.default ? t('boxLabelFixedText', { name: box.name, type, text: box.default }) : t('boxLabelFixed', { name: box.name, type });
  }
  return t('boxLabel', { name: box.name, type: t(typeKey(box.type)), step: box.owner, required: box.required ? t('requiredMark') : '' });
}

/** Places the box's element over its page and shows what the box is now. */
export function paintBox(el: HTMLElement, box: Box, frame: PageFrame, selected: boolean): void {
  if (el.parentElement !== frame.overlay) frame.overlay.append(el);
  placeBox(el, frame, box);
  el.className = `ebox owner-${Math.min(box.owner, 6)} type-${box.type}${box.required ? ' required' : ''}${selected ? ' selected' : ''}`;
  el.setAttribute('aria-label', describeBox(box));
  el.setAttribute('aria-pressed', String(selected));
  el.querySelector('.ebox-name')!.textContent = box.type === 'LabelBox' && box.default ? box.default : box.name;
}

export function createBoxElement(box: Box, editor: BoxElementEditor): HTMLElement {
  const el = h('div', { tabindex: '0', role: 'button', 'aria-describedby': editor.helpId, 'data-box': String(box.id) }, h('span', { class: 'ebox-name' }));
  for (const handle of HANDLES) el.append(h('span', { class: `handle h-${handle}`, 'data-handle': handle, 'aria-hidden': 'true' }));
  el.addEventListener('focus', () => {
    if (editor.selected() !== box) editor.select(box);
  });
  el.addEventListener('keydown', (event) => onKey(event, box, editor));
  el.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    event.stopPropagation();
    event.preventDefault();
    el.focus({ preventScroll: true });
    editor.select(box);
    dragBox(el, event, box, editor);
  });
  return el;
}

function onKey(event: KeyboardEvent, box: Box, editor: BoxElementEditor): void {
  if (event.key === 'ArrowLeft' || event.key === 'ArrowRight' || event.key === 'ArrowUp' || event.key === 'ArrowDown') {
    event.preventDefault();
    const page = editor.frameOf(box)!.size;
    Object.assign(box, roundRect(nudge(box, event.key, { shift: event.shiftKey, resize: event.altKey }, page)));
    editor.changed(box, `${box.id}:keys`);
  } else if (event.key === 'Delete' || event.key === 'Backspace') {
    event.preventDefault();
    editor.remove(box);
  } else if (event.key === 'Enter' || event.key === 'F2') {
    event.preventDefault();
    editor.editProperties();
  } else if (event.key === 'Escape') {
    editor.select(null);
  }
}

/** Follows the pointer until it is released: the box moves, or on a handle, resizes. */
function dragBox(el: HTMLElement, event: PointerEvent, box: Box, editor: BoxElementEditor): void {
  const handle = (event.target as HTMLElement).dataset.handle as Handle | undefined;
  const frame = editor.frameOf(box)!;
  const start = { x: event.clientX, y: event.clientY };
  const origin: Rect = { x: box.x, y: box.y, width: box.width, height: box.height };
  const perPx = frame.size.width / frame.element.getBoundingClientRect().width;
  el.setPointerCapture(event.pointerId);
  let moved = false;
  const onMove = (e: PointerEvent) => {
    const dx = (e.clientX - start.x) * perPx;
    const dy = (e.clientY - start.y) * perPx;
    if (!moved && Math.hypot(e.clientX - start.x, e.clientY - start.y) < 2) return;
    moved = true;
    let next = handle ? resizeRect(origin, handle, dx, dy, frame.size) : moveRect(origin, dx, dy, frame.size);
    if (editor.snapping()) next = handle ? snapResize(next, handle, editor.neighbours(box), frame.size) : snapMove(next, editor.neighbours(box), frame.size);
    Object.assign(box, roundRect(next));
    editor.paint(box);
  };
  const onUp = () => {
    el.removeEventListener('pointermove', onMove);
    el.removeEventListener('pointerup', onUp);
    el.removeEventListener('pointercancel', onUp);
    if (moved) editor.changed(box);
  };
  el.addEventListener('pointermove', onMove);
  el.addEventListener('pointerup', onUp);
  el.addEventListener('pointercancel', onUp);
}
