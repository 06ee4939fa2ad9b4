import { h } from '../shared/dom.ts';
import { tx } from '../shared/i18n.ts';
import { topBar } from '../shared/top-bar.ts';
import type { SignLinkView } from './sign-api-client.ts';

/** Company, workflow name, step k of N and the signer, above every state of the page. */
export function signHeader(view: SignLinkView): HTMLElement {
  return topBar({
    company: view.company_name,
    title: view.workflow_name,
    meta: [tx('span', 'stepOf', { step: view.signer.step, total: view.total_steps }), tx('span', 'signer', { name: view.signer.name })],
  });
}

export const card = (...children: (Node | null)[]) => h('main', { class: 'card-page' }, h('section', { class: 'card' }, ...children));
