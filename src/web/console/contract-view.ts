// One contract: what it is and where it stands, each signer's state, the history timeline, the
// values, the document, its exports and messages with every attempt, and what may be done:
// cancel, resend, dispose (admins), download the document and the history certificate.
import { clear, h } from '../shared/dom.ts';
import { bindText, tx, type MessageKey } from '../shared/i18n.ts';
import { createPageFrames, openPdf, pageSizes, renderPages } from '../shared/pdf-pages.ts';
import type { ConsoleApp } from './app-context.ts';
import { api, ApiError, type ContractView, type ExportEvent, type NotificationEntry } from './console-api.ts';
import { exportEventList, loadingLine, notificationList } from './export-events.ts';
import { askReason, badge, dataTable, messageText, plainHeading, routeLink, statusBadge, when } from './ui.ts';

const SIGNER_STATE: Record<ContractView['signers'][number]['state'], [MessageKey, string]> = {
  waiting: ['signerWaiting', 'muted'],
  due: ['signerDue', 'warn'],
  viewed: ['signerViewed', 'info'],
  signed: ['signerSigned', 'ok'],
  returned: ['signerReturned', 'bad'],
  'not-reached': ['signerNotReached', 'muted'],
};

const STEP_CODES = [
  'WORKFLOW_START',
  'SIGN_REQ',
  'VIEW',
  'PASSWORD_CERT',
  'MOBILE_CERT',
  'SIGN_START',
  'SIGN_COMPLETE',
  'SIGN_RETURN',
  'WORKFLOW_COMPLETE',
  'WORKFLOW_CANCEL',
  'DOC_DOWN',
  'CERT_DOWN',
  'RESEND',
  'DISPOSAL',
  'TRUNCATE',
];

function stepCodeText(code: string): HTMLElement {
  return STEP_CODES.includes(code) ? tx('span', `step_${code}` as MessageKey) : h('span', { text: code });
}

function section(id: string, key: MessageKey, ...children: (Node | null)[]): HTMLElement {
  const heading = tx('h2', key, {}, { id });
  return h('section', { class: 'panel', 'aria-labelledby': id }, heading, ...children);
}

export async function renderContract(app: ConsoleApp, params: Record<string, string>): Promise<void> {
  const id = params.id!;
  let contract: ContractView;
  try {
    contract = await api.get<ContractView>(`/contracts/${id}`);
  } catch (error) {
    app.main.append(
      tx(
        'h1',
        error instanceof ApiError && error.status === 404 ? 'contractNotFound' : 'somethingWrong',
        { detail: error instanceof Error ? error.message : '' },
        { class: 'view-title', tabindex: '-1' },
      ),
    );
    return;
  }
  const reload = () => app.navigate(`/console/contracts/${id}`, { replace: true });

  // ── Actions ──────────────────────────────────────────────────────────────
  const actions = h('div', { class: 'actions' });
  const act = async (button: HTMLButtonElement, work: () => Promise<unknown>, done: MessageKey) => {
    button.disabled = true;
    try {
      await work();
      app.announce(messageText(done));
      reload();
    } catch (error) {
      button.disabled = false;
      app.announce(error instanceof ApiError ? error.message : String(error));
    }
  };
  if (contract.can.resend) {
    const resend = tx('button', 'resend', {}, { type: 'button', class: 'secondary' });
    resend.addEventListener('click', () => act(resend, () => api.post(`/contracts/${id}/resend`), 'resent'));
    actions.append(resend);
  }
  if (contract.can.cancel) {
    const cancel = tx('button', 'cancelContract', {}, { type: 'button', class: 'danger-outline' });
    cancel.addEventListener('click', async () => {
      const reason = await askReason('cancelTitle', 'cancelBody', { required: false, confirm: 'cancelContract', danger: true });
      if (reason !== null) await act(cancel, () => api.post(`/contracts/${id}/cancel`, { reason }), 'canceled');
    });
    actions.append(cancel);
  }
  if (contract.can.dispose) {
    const dispose = tx('button', 'dispose', {}, { type: 'button', class: 'danger-outline' });
    dispose.addEventListener('click', async () => {
      const reason = await askReason('disposeTitle', 'disposeBody', { required: true, confirm: 'dispose', danger: true });
      if (reason !== null) await act(dispose, () => api.post(`/contracts/${id}/dispose`, { reason }), 'disposed');
    });
    actions.append(dispose);
  }
  const docs = contract.documents;
  if (docs.download_url) actions.append(tx('a', 'downloadDocument', {}, { class: 'button secondary', href: docs.download_url, download: '' }));
  if (docs.certificate_url) actions.append(tx('a', 'downloadCertificate', {}, { class: 'button secondary', href: docs.certificate_url, download: '' }));

  // ── Summary ──────────────────────────────────────────────────────────────
  const summary = h(
    'dl',
    { class: 'facts summary' },
    tx('dt', 'colStatus'),
    h(
      'dd',
      {},
      statusBadge(contract.status),
      contract.status === 'Playing' ? h('span', {}, ' ', tx('span', 'stepOf', { step: contract.current_step, total: contract.total_steps })) : null,
    ),
    tx('dt', 'colTemplate'),
    h('dd', {}, routeLink(app, `/console/templates/${contract.template.id}`, `${contract.template.name} (#${contract.template.id})`)),
    tx('dt', 'colId'),
    h('dd', { text: `#${contract.workflow_id}` }),
    tx('dt', 'starter'),
    h('dd', { text: `${contract.starter.name} <${contract.starter.email}>` }),
    tx('dt', 'colStarted'),
    h('dd', {}, when(contract.created_at)),
    ...(contract.completed_at ? [tx('dt', 'completedAt'), h('dd', {}, when(contract.completed_at))] : []),
    ...(contract.expires_on ? [tx('dt', 'expiresOn'), h('dd', { text: contract.expires_on })] : []),
    tx('dt', 'exportTo'),
    h(
      'dd',
      {},
      contract.export
        ? h(
            'span',
            {},
            h('code', { text: contract.export.url }),
            ` · ${contract.export.api_type}`,
            contract.export.embed ? h('span', {}, ' · ', badge('embedMode', 'info')) : null,
          )
        : tx('span', 'noExportConfigured', {}, { class: 'muted' }),
    ),
    ...(contract.status === 'Complete'
      ? [
          tx('dt', 'documentsState'),
          h(
            'dd',
            {},
            tx('span', `documents_${contract.documents.state}` as MessageKey),
            contract.documents.last_error ? h('span', { class: 'bad-text', text: ` ${contract.documents.last_error}` }) : null,
          ),
        ]
      : []),
    ...(contract.comment ? [tx('dt', 'comment'), h('dd', { text: contract.comment })] : []),
  );

  // ── Signers ──────────────────────────────────────────────────────────────
  const signers = dataTable<ContractView['signers'][number]>(
    'signersTitle',
    [
      { key: 'colStepNumber', cell: (s) => String(s.step), className: 'num' },
      { key: 'colSigner', cell: (s) => h('span', {}, h('strong', { text: s.name }), h('br', {}), h('span', { class: 'muted', text: s.identity })) },
      {
        key: 'colState',
        cell: (s) => {
          const [key, tone] = SIGNER_STATE[s.state];
          return badge(key, tone);
        },
      },
      { key: 'colActedAt', cell: (s) => when(s.acted_at) },
      {
        key: 'colVerification',
        cell: (s) =>
          [s.password ? messageText('verifyPassword') : '', s.mobile_number ? messageText('verifyPhone', { number: s.mobile_number }) : '']
            .filter(Boolean)
            .join(', ') || '—',
      },
    ],
    contract.signers,
    (s) => `signer-${s.state}`,
  );

  // ── History ──────────────────────────────────────────────────────────────
  const timeline = h(
    'ol',
    { class: 'timeline' },
    ...contract.history.map((item) =>
      h(
        'li',
        { class: `tl-${item.step_code.toLowerCase()}` },
        when(item.at, { seconds: true }),
        h(
          'span',
          { class: 'tl-what' },
          stepCodeText(item.step_code),
          item.step === null ? null : h('span', { class: 'muted' }, ' · ', tx('span', 'stepN', { step: item.step })),
        ),
        h('span', { class: 'tl-who', text: [item.actor_name, item.actor_identity && `<${item.actor_identity}>`].filter(Boolean).join(' ') }),
        item.comment ? h('q', { class: 'tl-comment', text: item.comment }) : null,
        item.ip ? h('span', { class: 'tl-ip muted', text: item.ip }) : null,
      ),
    ),
  );

  // ── Values ───────────────────────────────────────────────────────────────
  const values = dataTable<ContractView['fields'][number]>(
    'valuesTitle',
    [
      { key: 'colField', cell: (f) => f.name },
      { key: 'colType', cell: (f) => tx('span', `type_${f.type}` as MessageKey) },
      { key: 'colStepNumber', cell: (f) => (f.step === 0 ? '—' : String(f.step)), className: 'num' },
      { key: 'colValue', cell: (f) => (f.value !== '' ? f.value : f.filled ? badge('imageFilled', 'ok') : h('span', { class: 'muted', text: '—' })) },
    ],
    contract.fields,
  );

  // ── Document ─────────────────────────────────────────────────────────────
  const docStatus = h('p', { class: 'hint', role: 'status' });
  const docPages = h('div', { class: 'doc contract-doc' });
  const documentPanel = section('doc-title', 'documentTitle', docStatus, docPages);
  if (contract.status === 'Disposal') bindText(docStatus, 'documentDisposed');
  else {
    bindText(docStatus, 'loading');
    openPdf(`/console/api/contracts/${id}/document.pdf`)
      .then(async (pdf) => {
        docStatus.textContent = '';
        const frames = createPageFrames(docPages, await pageSizes(pdf));
        app.onLeave(renderPages(pdf, frames, () => bindText(docStatus, 'pdfFailed')));
      })
      .catch(() => bindText(docStatus, 'pdfFailed'));
  }

  // ── Deliveries ───────────────────────────────────────────────────────────
  const exportsBox = h('div', {}, loadingLine());
  const notificationsBox = h('div', {}, loadingLine());
  const loadDeliveries = async () => {
    const [exports, notifications] = await Promise.all([
      api.get<{ events: ExportEvent[] }>(`/contracts/${id}/exports`),
      api.get<{ notifications: NotificationEntry[] }>(`/contracts/${id}/notifications`),
    ]);
    clear(exportsBox);
    exportsBox.append(exportEventList(app, exports.events, () => void loadDeliveries(), { showContract: false }));
    clear(notificationsBox);
    notificationsBox.append(notificationList(notifications.notifications));
  };
  void loadDeliveries().catch((error: unknown) => {
    exportsBox.textContent = error instanceof Error ? error.message : String(error);
  });
  const refresh = tx('button', 'refresh', {}, { type: 'button', class: 'secondary small' });
  refresh.addEventListener('click', () => void loadDeliveries());

  app.main.append(
    h(
      'div',
      { class: 'view-head' },
      h('div', {}, routeLink(app, '/console/contracts', tx('span', 'backToContracts'), { class: 'back-link' }), plainHeading(contract.name)),
      actions,
    ),
    h(
      'div',
      { class: 'contract-grid' },
      h(
        'div',
        { class: 'contract-side' },
        section('summary-title', 'summaryTitle', summary),
        section('signers-title', 'signersTitle', signers),
        section('history-title', 'historyTitle', timeline),
        section('values-title', 'valuesTitle', values),
      ),
      documentPanel,
    ),
    section('exports-title', 'exportsTitle', h('div', { class: 'panel-tools' }, refresh), exportsBox),
    section('notifications-title', 'notificationsTitle', notificationsBox),
  );
}
