// Every export event of the company, newest first, dead ones marked; sending again one event or
// every failed one since a day; and the webhook signing secret, shown only when asked for and
// rotated by admins.
import { append, clear, h } from '../shared/dom.ts';
import { bindText, t, tx } from '../shared/i18n.ts';
import { isAdmin, type ConsoleApp } from './app-context.ts';
import { api, ApiError, type ExportEvent, type WebhookSecret } from './console-api.ts';
import { exportEventList, loadingLine } from './export-events.ts';
import { confirmDialog, labelled, secretBox, select, viewHeading, when } from './ui.ts';

/** Local midnight of a YYYY-MM-DD, as an instant. */
const dayStart = (day: string) => new Date(`${day}T00:00:00`).toISOString();

export async function renderExports(app: ConsoleApp, _params: Record<string, string>, query: URLSearchParams): Promise<void> {
  app.main.append(viewHeading('exportsTitle'));

  // ── The webhook secret ───────────────────────────────────────────────────
  const secretArea = h('div', { class: 'secret-area' });
  const reveal = tx('button', 'showSecret', {}, { type: 'button', class: 'secondary' });
  const rotate = isAdmin(app) ? tx('button', 'rotateSecret', {}, { type: 'button', class: 'danger-outline' }) : null;
  const showSecret = (secret: WebhookSecret, rotated: boolean) => {
    clear(secretArea);
    const hide = tx('button', 'hideSecret', {}, { type: 'button', class: 'link-button' });
    hide.addEventListener('click', () => {
      clear(secretArea);
      reveal.hidden = false;
      reveal.focus();
    });
    append(
      secretArea,
      tx('p', rotated ? 'secretRotated' : 'secretShownOnce', {}, { class: 'hint' }),
      secretBox(secret.secret, 'webhookSecret'),
      secret.previous_valid_until ? h('p', { class: 'hint' }, tx('span', 'previousSecretUntil'), ' ', when(secret.previous_valid_until)) : null,
      hide,
    );
    reveal.hidden = true;
  };
  reveal.addEventListener('click', async () => {
    try {
      showSecret(await api.get<WebhookSecret>('/webhook-secret'), false);
    } catch (error) {
      app.announce(error instanceof Error ? error.message : String(error));
    }
  });
  rotate?.addEventListener('click', async () => {
    if (!(await confirmDialog('rotateTitle', 'rotateBody', 'rotateSecret'))) return;
    try {
      showSecret(await api.post<WebhookSecret>('/webhook-secret/rotate'), true);
      app.announce(t('secretRotatedShort'));
    } catch (error) {
      app.announce(error instanceof Error ? error.message : String(error));
    }
  });
  app.main.append(
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'secret-title' },
      tx('h2', 'webhookSecret', {}, { id: 'secret-title' }),
      tx('p', 'webhookSecretIntro', {}, { class: 'hint' }),
      h('div', { class: 'actions' }, reveal, rotate),
      secretArea,
    ),
  );

  // ── Redeliver every failed event since a day ─────────────────────────────
  const since = labelled('failedSince', h('input', { type: 'date', value: new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10) }));
  const redeliverAll = tx('button', 'redeliverFailed', {}, { type: 'submit', class: 'secondary' });
  const redeliverForm = h('form', { class: 'inline-form' }, since.wrapper, redeliverAll);
  redeliverForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!since.input.value) return since.setError(t('requiredField'));
    since.setError(null);
    redeliverAll.disabled = true;
    try {
      const answer = await api.post<{ requeued: number; busy: number }>('/exports/redeliver-failed', { since: dayStart(since.input.value) });
      app.announce(t('redeliveredFailed', { n: answer.requeued }));
      void load(true);
    } catch (error) {
      app.announce(error instanceof ApiError ? error.message : String(error));
    } finally {
      redeliverAll.disabled = false;
    }
  });

  // ── The events ───────────────────────────────────────────────────────────
  const status = labelled(
    'filterStatus',
    select(
      [
        ['', 'allStatuses'],
        ['dead', 'deliveryDead'],
        ['pending', 'deliveryPending'],
        ['delivering', 'deliveryDelivering'],
        ['delivered', 'deliveryDelivered'],
      ],
      query.get('status') ?? '',
    ),
  );
  status.input.addEventListener('change', () => app.navigate(`/console/exports${status.input.value ? `?status=${status.input.value}` : ''}`));
  const listBox = h('div', {});
  const more = tx('button', 'loadMore', {}, { type: 'button', class: 'secondary' });
  let before: string | null = null;
  let events: ExportEvent[] = [];

  async function load(fresh: boolean): Promise<void> {
    if (fresh) {
      before = null;
      events = [];
      clear(listBox);
      listBox.append(loadingLine());
    }
    try {
      const page = await api.get<{ events: ExportEvent[]; next_before: string | null }>('/exports', { status: query.get('status'), before, limit: 50 });
      events = [...events, ...page.events];
      before = page.next_before;
    } catch (error) {
      listBox.textContent = error instanceof Error ? error.message : String(error);
      return;
    }
    clear(listBox);
    listBox.append(exportEventList(app, events, () => void load(true), { showContract: true }));
    more.hidden = before === null;
  }
  more.addEventListener('click', () => void load(false));
  app.main.append(
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'events-title' },
      tx('h2', 'exportEvents', {}, { id: 'events-title' }),
      h('div', { class: 'panel-tools' }, status.wrapper, redeliverForm),
      listBox,
      more,
    ),
  );
  bindText(more, 'loadMore');
  await load(true);
}
