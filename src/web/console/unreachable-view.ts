// When the server cannot be reached at all: say so and offer to try again.
import { clear, h } from '../shared/dom.ts';
import { tx } from '../shared/i18n.ts';

export function renderUnreachable(root: HTMLElement, retry: () => void): void {
  clear(root);
  const button = tx('button', 'retry', {}, { type: 'button', class: 'primary' });
  button.addEventListener('click', retry);
  root.append(h('main', { class: 'card-page' }, h('div', { class: 'card' }, tx('h1', 'networkError', {}, { class: 'view-title' }), button)));
}
