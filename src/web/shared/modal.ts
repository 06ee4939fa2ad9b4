// A modal dialog (native <dialog>: focus stays inside, Escape closes) that resolves with a
// value, or null when dismissed. Focus goes back to what opened it.
import { h, uid } from './dom.ts';

export function showModal<T>(heading: HTMLElement, build: (body: HTMLElement, done: (value: T | null) => void) => HTMLElement | null, className = ''): Promise<T | null> {
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  heading.id = uid('dialog-title');
  const body = h('div', { class: 'modal-body' });
  const dialog = h('dialog', { class: `modal ${className}`.trim(), 'aria-labelledby': heading.id }, heading, body);
  document.body.append(dialog);
  return new Promise((resolve) => {
    let result: T | null = null;
    const done = (value: T | null) => {
      result = value;
      dialog.close();
    };
    dialog.addEventListener('close', () => {
      dialog.remove();
      opener?.focus();
      resolve(result);
    });
    const first = build(body, done);
    dialog.showModal();
    first?.focus();
  });
}
