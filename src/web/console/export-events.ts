// Export events with every attempt (status, duration, error, the start of the response), dead
// ones marked, each with a button to send it again. Used by a contract's page and by the
// company-wide exports view.
import { h } from '../shared/dom.ts';
import { bindText, tx, type MessageKey } from '../shared/i18n.ts';
import type { ConsoleApp } from './app-context.ts';
import { api, ApiError, type ExportEvent, type NotificationEntry } from './console-api.ts';
import { badge, dataTable, messageText, routeLink, when } from './ui.ts';

const EVENT_STATUS: Record<ExportEvent['status'], [MessageKey, string]> = {
  pending: ['deliveryPending', 'warn'],
  delivering: ['deliveryDelivering', 'info'],
  delivered: ['deliveryDelivered', 'ok'],
  dead: ['deliveryDead', 'bad'],
};

function attemptsTable(attempts: ExportEvent['attempts']): HTMLElement {
  if (attempts.length === 0) return tx('p', 'noAttempts', {}, { class: 'hint' });
  return dataTable<ExportEvent['attempts'][number]>(
    'attemptsCaption',
    [
      { key: 'colAttemptAt', cell: (a) => when(a.at, { seconds: true }) },
      { key: 'colResult', cell: (a) => (a.ok ? badge('attemptOk', 'ok') : badge('attemptFailed', 'bad')) },
      { key: 'colHttpStatus', cell: (a) => (a.status_code === null ? '—' : String(a.status_code)), className: 'num' },
      { key: 'colDuration', cell: (a) => `${a.duration_ms} ms`, className: 'num' },
      { key: 'colError', cell: (a) => a.error ?? '—' },
      {
        key: 'colResponse',
        cell: (a) => (a.response_excerpt ? h('details', {}, tx('summary', 'showResponse'), h('pre', { class: 'excerpt', text: a.response_excerpt })) : '—'),
      },
    ],
    attempts,
    (a) => (a.ok ? '' : 'attempt-failed'),
  );
}

/** The events as cards; `reload` refreshes the list after a redelivery. */
export function exportEventList(app: ConsoleApp, events: ExportEvent[], reload: () => void, options: { showContract: boolean }): HTMLElement {
  if (events.length === 0) return tx('p', 'noExports', {}, { class: 'empty' });
  const list = h('ol', { class: 'event-list' });
  for (const event of events) {
    const [statusKey, tone] = EVENT_STATUS[event.status];
    const payload = (event.payload?.body ?? {}) as Record<string, unknown>;
    const failures = event.attempts.filter((a) => !a.ok).length;
    const redeliver = tx('button', 'redeliver', {}, { type: 'button', class: 'secondary small' });
    // A cleared event has nothing left to send.
    redeliver.disabled = event.status === 'delivering' || event.cleared_at !== null;
    redeliver.addEventListener('click', async () => {
      redeliver.disabled = true;
      try {
        await api.post(`/exports/${event.event_id}/redeliver`);
        app.announce(messageText('redeliverQueued', { n: event.processid }));
        reload();
      } catch (error) {
        redeliver.disabled = false;
        app.announce(error instanceof ApiError ? error.message : String(error));
      }
    });
    const title = h(
      'h3',
      { class: 'event-title' },
      options.showContract
        ? tx('span', 'exportEventOfContract', { n: event.processid, id: event.workflow_id })
        : tx('span', 'exportEventTitle', { n: event.processid }),
      ' ',
      badge(statusKey, tone),
      ' ',
      h('span', { class: 'muted', text: [payload.worktype, payload.status].filter(Boolean).join(' → ') }),
    );
    const facts = h(
      'dl',
      { class: 'facts' },
      tx('dt', 'createdAt'),
      h('dd', {}, when(event.created_at)),
      ...(options.showContract ? [tx('dt', 'contract'), h('dd', {}, routeLink(app, `/console/contracts/${event.workflow_id}`, `#${event.workflow_id}`))] : []),
      tx('dt', 'exportUrl'),
      h('dd', {}, h('code', { text: event.url })),
      tx('dt', 'webhookId'),
      h('dd', {}, h('code', { text: event.webhook_id })),
      ...(event.next_attempt_at ? [tx('dt', 'nextAttempt'), h('dd', {}, when(event.next_attempt_at))] : []),
      ...(event.last_error ? [tx('dt', 'lastError'), h('dd', { class: 'bad-text', text: event.last_error })] : []),
    );
    const summary = tx('p', 'attemptSummary', { n: event.attempts.length, failed: failures }, { class: 'hint' });
    const payloadView = event.cleared_at
      ? tx('p', 'payloadCleared', { date: when(event.cleared_at).textContent ?? event.cleared_at }, { class: 'hint' })
      : h('details', {}, tx('summary', 'showPayload'), h('pre', { class: 'excerpt', text: JSON.stringify(event.payload, null, 2) }));
    list.append(
      h(
        'li',
        { class: `event-card event-${event.status}${failures > 0 ? ' had-failures' : ''}`, 'data-event-id': event.event_id },
        h('div', { class: 'event-head' }, title, redeliver),
        facts,
        summary,
        attemptsTable(event.attempts),
        payloadView,
      ),
    );
  }
  return list;
}

const NOTIFICATION_STATUS: Record<NotificationEntry['status'], [MessageKey, string]> = {
  pending: ['deliveryPending', 'warn'],
  sending: ['deliveryDelivering', 'info'],
  sent: ['notificationSent', 'ok'],
  skipped: ['notificationSkipped', 'muted'],
  failed: ['deliveryDead', 'bad'],
};

export function notificationList(notifications: NotificationEntry[]): HTMLElement {
  if (notifications.length === 0) return tx('p', 'noNotifications', {}, { class: 'empty' });
  return dataTable<NotificationEntry>(
    'notificationsTitle',
    [
      { key: 'colKind', cell: (n) => n.kind },
      { key: 'colRecipient', cell: (n) => `${n.to.name} <${n.to.identity}>` },
      {
        key: 'colStatus',
        cell: (n) => {
          const [key, tone] = NOTIFICATION_STATUS[n.status];
          return badge(key, tone);
        },
      },
      { key: 'colChannel', cell: (n) => n.attempts.map((a) => a.channel ?? '?').join(', ') || '—' },
      { key: 'createdAt', cell: (n) => when(n.created_at, { seconds: true }) },
      { key: 'colError', cell: (n) => n.last_error ?? '—' },
    ],
    notifications,
    (n) => (n.status === 'failed' ? 'row-dead' : ''),
  );
}

export function loadingLine(): HTMLElement {
  const p = h('p', { class: 'hint' });
  bindText(p, 'loading');
  return p;
}
