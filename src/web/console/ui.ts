// Small pieces the console's views share: headings that take the focus, labelled inputs with
// their error line, status badges, links that route inside the page, tables that become
// cards on a phone, a reason dialog and a copy button.
import { h, uid } from '../shared/dom.ts';
import { bindAttr, bindText, formatDate, language, t, tx, type MessageKey, type Vars } from '../shared/i18n.ts';
import { showModal } from '../shared/modal.ts';
import type { ConsoleApp } from './app-context.ts';

/** The view's title: focused when the view opens, so screen readers hear where they are. */
export function viewHeading(key: MessageKey, vars: Vars = {}): HTMLHeadingElement {
  return tx('h1', key, vars, { class: 'view-title', tabindex: '-1' });
}

export function plainHeading(text: string): HTMLHeadingElement {
  return h('h1', { class: 'view-title', tabindex: '-1', text });
}

export interface LabelledInput<E extends HTMLElement> {
  wrapper: HTMLElement;
  input: E;
  error: HTMLElement;
  setError(text: string | null): void;
}

/** A label, its control and an error line the control is described by. */
export function labelled<E extends HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(
  key: MessageKey,
  input: E,
  options: { hint?: MessageKey; vars?: Vars; className?: string } = {},
): LabelledInput<E> {
  input.id ||= uid('in');
  const errorId = uid('err');
  const error = h('p', { class: 'field-error', id: errorId });
  const hint = options.hint ? tx('p', options.hint, {}, { class: 'hint', id: uid('hint') }) : null;
  input.setAttribute('aria-describedby', [hint?.id, errorId].filter(Boolean).join(' '));
  const wrapper = h(
    'div',
    { class: `field ${options.className ?? ''}`.trim() },
    h('label', { for: input.id }, tx('span', key, options.vars ?? {})),
    input,
    hint,
    error,
  );
  return {
    wrapper,
    input,
    error,
    setError(text) {
      error.textContent = text ?? '';
      if (text) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    },
  };
}

export function textInput(props: Record<string, string | boolean> = {}): HTMLInputElement {
  return h('input', { type: 'text', ...props });
}

/** A select; its value is `value`, or the first option's. */
export function select(options: [value: string, key: MessageKey | null, text?: string][], value?: string): HTMLSelectElement {
  const el = h('select', {});
  for (const [v, key, text] of options) {
    const option = h('option', { value: v });
    if (key) bindText(option, key);
    else option.textContent = text ?? v;
    el.append(option);
  }
  if (value !== undefined && options.some(([v]) => v === value)) el.value = value;
  return el;
}

const STATUS_KEYS: Record<string, MessageKey> = {
  Playing: 'statusPlaying',
  Complete: 'statusComplete',
  Canceled: 'statusCanceled',
  Disposal: 'statusDisposal',
  Truncate: 'statusTruncate',
};

export function statusBadge(status: string): HTMLElement {
  const key = STATUS_KEYS[status];
  const badge = h('span', { class: `badge status-${status.toLowerCase()}` });
  if (key) bindText(badge, key);
  else badge.textContent = status;
  return badge;
}

/** A badge whose text is a message: `badge('deliveryDead', 'dead')`. */
export function badge(key: MessageKey, tone: string): HTMLElement {
  return tx('span', key, {}, { class: `badge tone-${tone}` });
}

/** A same-page link: the router takes it over; opening in a new tab still works. */
export function routeLink(app: ConsoleApp, path: string, content: string | HTMLElement, props: Record<string, string> = {}): HTMLAnchorElement {
  const a = h('a', { href: path, ...props }, content);
  a.addEventListener('click', (event) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    app.navigate(path);
  });
  return a;
}

/** An instant in the page's language; with seconds where the order of close events matters (history, attempts). */
export function when(iso: string | null | undefined, options: { seconds?: boolean } = {}): HTMLElement {
  if (!iso) return h('span', { class: 'muted', text: '—' });
  const time = h('time', { datetime: iso, 'data-date': iso, ...(options.seconds ? { 'data-seconds': 'true' } : {}) });
  time.textContent = showInstant(iso, options.seconds === true);
  return time;
}

function showInstant(iso: string, seconds: boolean): string {
  if (!seconds) return formatDate(iso);
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(language(), { dateStyle: 'medium', timeStyle: 'medium' }).format(date);
}

/** Re-renders every <time data-date> in the page's language (after a language switch). */
export function refreshDates(root: ParentNode): void {
  for (const el of root.querySelectorAll<HTMLElement>('time[data-date]')) el.textContent = showInstant(el.dataset.date!, el.dataset.seconds === 'true');
}

export interface Column<T> {
  key: MessageKey;
  cell: (row: T) => Node | string;
  className?: string;
}

/** A table with a caption; under 720 px each row becomes a card whose cells carry their header. */
export function dataTable<T>(caption: MessageKey, columns: Column<T>[], rows: T[], rowClass?: (row: T) => string): HTMLElement {
  const head = h('tr', {}, ...columns.map((c) => tx('th', c.key, {}, { scope: 'col' })));
  const body = h('tbody', {});
  for (const row of rows) {
    const tr = h('tr', { class: rowClass?.(row) ?? '' });
    for (const c of columns) {
      const td = h('td', { class: c.className ?? '' }, c.cell(row));
      bindAttr(td, 'data-label', c.key);
      tr.append(td);
    }
    body.append(tr);
  }
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data-table' }, tx('caption', caption, {}, { class: 'sr-only' }), h('thead', {}, head), body));
}

/** A confirmation with a reason: resolves with the reason (maybe empty) or null when dismissed. */
export function askReason(
  title: MessageKey,
  body: MessageKey,
  options: { required: boolean; confirm: MessageKey; danger?: boolean; vars?: Vars },
): Promise<string | null> {
  return showModal<string>(tx('h2', title, options.vars ?? {}), (container, done) => {
    const text = h('textarea', { rows: '3', maxlength: '500', required: options.required });
    const input = labelled(options.required ? 'reasonRequiredLabel' : 'reasonOptionalLabel', text);
    const form = h('form', { novalidate: true });
    const cancel = tx('button', 'cancel', {}, { type: 'button', class: 'secondary' });
    cancel.addEventListener('click', () => done(null));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const reason = text.value.trim();
      if (options.required && reason === '') {
        input.setError(messageText('reasonMissing'));
        text.focus();
        return;
      }
      done(reason);
    });
    form.append(
      tx('p', body, options.vars ?? {}),
      input.wrapper,
      h('div', { class: 'modal-actions' }, cancel, tx('button', options.confirm, {}, { type: 'submit', class: options.danger ? 'danger' : 'primary' })),
    );
    container.append(form);
    return text;
  });
}

/** A row's destructive button: confirmed in the dialog, then done, said, and the list loaded again. */
export function confirmedRowAction(
  app: ConsoleApp,
  keys: { button: MessageKey; label: MessageKey; title: MessageKey; body: MessageKey; done: MessageKey },
  vars: Vars,
  action: () => Promise<unknown>,
  reload: () => Promise<void>,
): HTMLButtonElement {
  const button = tx('button', keys.button, {}, { type: 'button', class: 'danger-outline small' });
  bindAttr(button, 'aria-label', keys.label, vars);
  button.addEventListener('click', async () => {
    if (!(await confirmDialog(keys.title, keys.body, keys.button, vars))) return;
    try {
      await action();
      app.announce(t(keys.done, vars));
      await reload();
    } catch (error) {
      app.announce(error instanceof Error ? error.message : String(error));
    }
  });
  return button;
}

/** A yes/no confirmation. */
export function confirmDialog(title: MessageKey, body: MessageKey, confirm: MessageKey, vars: Vars = {}): Promise<boolean> {
  return showModal<boolean>(tx('h2', title, vars), (container, done) => {
    const cancel = tx('button', 'cancel', {}, { type: 'button', class: 'secondary' });
    cancel.addEventListener('click', () => done(null));
    const ok = tx('button', confirm, {}, { type: 'button', class: 'danger' });
    ok.addEventListener('click', () => done(true));
    container.append(tx('p', body, vars), h('div', { class: 'modal-actions' }, cancel, ok));
    return cancel;
  }).then((answer) => answer === true);
}

export const messageText = (key: MessageKey, vars: Vars = {}) => t(key, vars);

/** A secret shown once: selectable text and a copy button. */
export function secretBox(value: string, label: MessageKey): HTMLElement {
  const code = h('code', { class: 'secret-value', text: value });
  const copy = tx('button', 'copy', {}, { type: 'button', class: 'secondary small' });
  const copied = h('span', { class: 'hint', role: 'status' });
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(value);
      bindText(copied, 'copied');
    } catch {
      const range = document.createRange();
      range.selectNodeContents(code);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
    }
  });
  const box = h('div', { class: 'secret-box', role: 'group' }, code, h('div', { class: 'row' }, copy, copied));
  bindAttr(box, 'aria-label', label);
  return box;
}

/** The problems of a 400 answer as a list, each naming its field. */
export function problemList(problems: { field: string; message: string }[]): HTMLElement {
  return h('ul', { class: 'problem-list' }, ...problems.map((p) => h('li', {}, h('code', { text: p.field }), ` ${p.message}`)));
}
