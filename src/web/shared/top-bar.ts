// The bar at the top of every page: who sends it, what it is, where the signer is, the language.
import { h } from './dom.ts';
import { languagePicker } from './i18n.ts';

export function topBar(parts: { company?: string; title?: string; meta?: HTMLElement[]; actions?: HTMLElement[] }): HTMLElement {
  return h(
    'header',
    { class: 'topbar' },
    h(
      'div',
      { class: 'topbar-text' },
      parts.company ? h('p', { class: 'company', text: parts.company }) : null,
      parts.title ? h('h1', { class: 'title', text: parts.title }) : null,
      parts.meta && parts.meta.length > 0
        ? h('p', { class: 'meta' }, ...parts.meta.flatMap((m, i) => (i === 0 ? [m] : [h('span', { 'aria-hidden': 'true', text: ' · ' }), m])))
        : null,
    ),
    h('div', { class: 'topbar-actions' }, ...(parts.actions ?? []), languagePicker()),
  );
}
