// What the page shows instead of the document: the signer's own result right after acting, a
// used or expired link (what happened, when), a link that is not ours, a server out of reach.
import { clear, h } from '../shared/dom.ts';
import { tx, type Var } from '../shared/i18n.ts';
import type { MessageKey } from '../shared/messages.ts';
import { topBar } from '../shared/top-bar.ts';
import type { CompleteResult, SignLinkView } from './sign-api-client.ts';
import { card, signHeader } from './sign-header.ts';

const ICONS = { done: '✓', returned: '↩', closed: 'i', problem: '!' };

function show(root: HTMLElement, header: HTMLElement, kind: keyof typeof ICONS, title: HTMLElement, ...lines: (HTMLElement | null)[]): void {
  clear(root);
  title.tabIndex = -1;
  const icon = h('div', { class: `state-icon ${kind}`, 'aria-hidden': 'true', text: ICONS[kind] });
  root.append(header, card(icon, title, ...lines));
  title.focus();
}

export function renderDone(root: HTMLElement, view: SignLinkView, result: CompleteResult, opinion: string): void {
  const approved = result === 'approved' || result === 'completed';
  const next: Record<CompleteResult, MessageKey> = { approved: 'doneNext', completed: 'doneComplete', returned: 'doneBack', canceled: 'doneCanceled' };
  show(
    root,
    signHeader(view),
    approved ? 'done' : 'returned',
    tx('h2', approved ? 'doneApproved' : 'doneReturned'),
    tx('p', next[result], {}, { class: 'lead' }),
    opinion !== '' ? tx('p', approved ? 'messageLine' : 'reasonLine', { text: opinion }, { class: 'quote' }) : null,
    tx('p', 'closeWindow', {}, { class: 'hint' }),
  );
}

export function renderOutcome(root: HTMLElement, view: SignLinkView): void {
  const outcome = view.link.outcome ?? { kind: 'replaced' as const };
  const when = (at: string | null | undefined): Record<string, Var> => ({ date: at ? { date: at } : '' });
  let message: HTMLElement;
  let detail: HTMLElement | null = null;
  switch (outcome.kind) {
    case 'approved':
      message = tx('p', 'outcomeApproved', when(outcome.at));
      if (outcome.opinion) detail = tx('p', 'messageLine', { text: outcome.opinion }, { class: 'quote' });
      break;
    case 'returned':
      message = tx('p', 'outcomeReturned', when(outcome.at));
      if (outcome.opinion) detail = tx('p', 'reasonLine', { text: outcome.opinion }, { class: 'quote' });
      break;
    case 'canceled':
      message = tx('p', 'outcomeCanceled', when(outcome.at));
      if (outcome.reason) detail = tx('p', 'reasonLine', { text: outcome.reason }, { class: 'quote' });
      break;
    case 'completed':
      message = tx('p', 'outcomeCompleted');
      break;
    case 'expired':
      message = tx('p', 'outcomeExpired', when(outcome.at));
      break;
    case 'removed':
      message = tx('p', 'outcomeRemoved');
      break;
    default:
      message = tx('p', 'outcomeReplaced');
  }
  message.classList.add('lead');
  const extra = outcome.kind === 'approved' && view.status === 'Complete' ? tx('p', 'outcomeCompleted') : null;
  show(root, signHeader(view), 'closed', tx('h2', outcome.kind === 'expired' ? 'linkExpired' : 'closedTitle'), message, detail, extra);
}

export function renderNotFound(root: HTMLElement): void {
  show(root, topBar({}), 'problem', tx('h2', 'notFoundTitle'), tx('p', 'notFoundBody', {}, { class: 'lead' }));
}

export function renderUnreachable(root: HTMLElement, retry: () => void): void {
  const button = tx('button', 'retry', {}, { type: 'button', class: 'primary' });
  button.addEventListener('click', retry);
  show(root, topBar({}), 'problem', tx('h2', 'networkError'), button);
}
