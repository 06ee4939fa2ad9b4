// A modal dialog (native <dialog>: focus stays inside, Escape closes) that resolves with a
// value, or null when dismissed. Focus goes back to what opened it.
import { h, uid } from './dom.ts';
import { tx } from './i18n.ts';

/** `build` fills the dialog and answers what to focus first; `closed` aborts when the dialog closes (for listeners). */
export function showModal<T>(
  heading: HTMLElement,
  build: (body: HTMLElement, done: (value: T | null) => void, closed: AbortSignal) => HTMLElement | null,
  className = '',
): Promise<T | null> {
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  heading.id = uid('dialog-title');
  const body = h('div', { class: 'modal-body' });
  const dialog = h('dialog', { class: `modal ${className}`.trim(), 'aria-labelledby': heading.id }, heading, body);
  document.body.append(dialog);
  const closing = new AbortController();
  return new Promise((resolve) => {
    let result: T | null = null;
    const done = (value: T | null) => {
      result = value;
      dialog.close();
    };
    dialog.addEventListener('close', () => {
      closing.abort();
      dialog.remove();
      opener?.focus();
      resolve(result);
    });
    const first = build(body, done, closing.signal);
    dialog.showModal();
    first?.focus();
  });
}

/**
 * The foot of a dialog that edits one value: Cancel, Remove (when there is a value to remove)
 * and Apply, which takes `produce()`'s value, or stays open when it answers null.
 */
export function editActions(done: (value: string | null) => void, current: string, produce: () => string | null): HTMLElement {
  const cancel = tx('button', 'cancel', {}, { type: 'button', class: 'secondary' });
  cancel.addEventListener('click', () => done(null));
  const remove = current !== '' ? tx('button', 'remove', {}, { type: 'button', class: 'secondary' }) : null;
  remove?.addEventListener('click', () => done(''));
  const apply = tx('button', 'apply', {}, { type: 'button', class: 'primary' });
  apply.addEventListener('click', () => {
    const value = produce();
    if (value !== null) done(value);
  });
  return h('div', { class: 'modal-actions' }, cancel, remove, apply);
}
