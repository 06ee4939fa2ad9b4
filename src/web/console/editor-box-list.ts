// The template editor's list of every box, in the order they were made: one button per box, named
// as screen readers hear the box, with its page; choosing one brings its box into view.
import { clear, h } from '../shared/dom.ts';
import { tx } from '../shared/i18n.ts';
import { describeBox } from './editor-box-element.ts';
import type { Box } from './editor-model.ts';

export function renderBoxList(list: HTMLElement, count: HTMLElement, boxes: readonly Box[], selected: Box | null, choose: (box: Box) => void): void {
  clear(list);
  count.textContent = `(${boxes.length})`;
  for (const box of boxes) {
    const item = h(
      'button',
      { type: 'button', class: `box-list-item owner-${Math.min(box.owner, 6)}`, 'aria-pressed': String(selected === box) },
      h('span', { class: 'swatch', 'aria-hidden': 'true' }),
      h('span', { text: describeBox(box) }),
      h('span', { class: 'muted', text: ` · p.${box.page}` }),
    );
    item.addEventListener('click', () => choose(box));
    list.append(h('li', {}, item));
  }
  if (boxes.length === 0) list.append(tx('li', 'noBoxesYet', {}, { class: 'muted' }));
}
