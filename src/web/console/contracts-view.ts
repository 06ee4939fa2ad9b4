// The contract list: filters by status, template, start date and a search (name, id, signer,
// or a field's exact value), newest first, a page at a time. The filters live in the URL, so a
// filtered list can be bookmarked and the back button returns to it.
import { h } from '../shared/dom.ts';
import { bindAttr, bindText, tx } from '../shared/i18n.ts';
import type { ConsoleApp } from './app-context.ts';
import { api, ApiError, type ContractRow, type TemplateSummary } from './console-api.ts';
import { dataTable, labelled, routeLink, select, statusBadge, textInput, viewHeading, when } from './ui.ts';

const PAGE_SIZE = 20;

export async function renderContracts(app: ConsoleApp, _params: Record<string, string>, query: URLSearchParams): Promise<void> {
  const status = labelled(
    'filterStatus',
    select(
      [
        ['', 'allStatuses'],
        ['Playing', 'statusPlaying'],
        ['Complete', 'statusComplete'],
        ['Canceled', 'statusCanceled'],
        ['Disposal', 'statusDisposal'],
      ],
      query.get('status') ?? '',
    ),
  );
  const template = labelled('filterTemplate', select([['', 'allTemplates']]));
  const from = labelled('filterFrom', h('input', { type: 'date', value: query.get('from') ?? '' }));
  const to = labelled('filterTo', h('input', { type: 'date', value: query.get('to') ?? '' }));
  const search = labelled('filterSearch', textInput({ type: 'search', value: query.get('q') ?? '' }), { hint: 'filterSearchHint', className: 'field-search' });
  const apply = tx('button', 'applyFilters', {}, { type: 'submit', class: 'primary' });
  const reset = tx('button', 'resetFilters', {}, { type: 'button', class: 'secondary' });
  const form = h(
    'form',
    { class: 'filters', role: 'search' },
    search.wrapper,
    status.wrapper,
    template.wrapper,
    from.wrapper,
    to.wrapper,
    h('div', { class: 'filter-actions' }, apply, reset),
  );
  const results = h('div', { class: 'results', 'aria-live': 'polite' });
  const start = routeLink(app, '/console/start', '', { class: 'button primary' });
  bindText(start, 'navStart');
  app.main.append(h('div', { class: 'view-head' }, viewHeading('contractsTitle'), start), form, results);

  const filterQuery = () => {
    const next = new URLSearchParams();
    for (const [key, value] of [
      ['status', status.input.value],
      ['template', template.input.value],
      ['from', from.input.value],
      ['to', to.input.value],
      ['q', search.input.value.trim()],
    ] as const) {
      if (value) next.set(key, value);
    }
    return next;
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = filterQuery();
    app.navigate(`/console/contracts${next.toString() ? `?${next}` : ''}`);
  });
  reset.addEventListener('click', () => app.navigate('/console/contracts'));

  api
    .get<{ templates: TemplateSummary[] }>('/templates', { include_replaced: true })
    .then(({ templates }) => {
      for (const t of templates) template.input.append(h('option', { value: t.doc_id, text: `${t.name} (#${t.doc_id})` }));
      template.input.value = query.get('template') ?? '';
    })
    .catch(() => {});

  // Earlier pages' cursors, for "previous".
  const cursors: (string | undefined)[] = [];
  let before = query.get('before') ?? undefined;

  async function load(): Promise<void> {
    bindText(results, 'loading');
    let page: { contracts: ContractRow[]; next_before: string | null };
    try {
      page = await api.get('/contracts', {
        status: query.get('status'),
        template: query.get('template'),
        from: query.get('from'),
        to: query.get('to'),
        q: query.get('q'),
        before,
        limit: PAGE_SIZE,
      });
    } catch (error) {
      results.textContent = error instanceof ApiError ? error.message : String(error);
      return;
    }
    results.textContent = '';
    if (page.contracts.length === 0) {
      results.append(tx('p', query.toString() ? 'noContractsMatch' : 'noContracts', {}, { class: 'empty' }));
    } else {
      results.append(
        dataTable<ContractRow>(
          'contractsTitle',
          [
            { key: 'colName', cell: (c) => routeLink(app, `/console/contracts/${c.workflow_id}`, c.name) },
            { key: 'colStatus', cell: (c) => statusBadge(c.status) },
            {
              key: 'colStep',
              cell: (c) =>
                c.status === 'Playing'
                  ? h('span', {}, tx('span', 'stepOf', { step: c.current_step, total: c.total_steps }), c.current_signer ? ` · ${c.current_signer}` : '')
                  : '—',
            },
            { key: 'colTemplate', cell: (c) => c.template_name },
            { key: 'colStarted', cell: (c) => when(c.created_at) },
            { key: 'colId', cell: (c) => `#${c.workflow_id}`, className: 'num' },
          ],
          page.contracts,
          (c) => `row-${c.status.toLowerCase()}`,
        ),
      );
    }
    const previous = tx('button', 'previousPage', {}, { type: 'button', class: 'secondary' });
    previous.disabled = cursors.length === 0;
    previous.addEventListener('click', () => {
      before = cursors.pop();
      void load();
    });
    const next = tx('button', 'nextPage', {}, { type: 'button', class: 'secondary' });
    next.disabled = page.next_before === null;
    next.addEventListener('click', () => {
      cursors.push(before);
      before = page.next_before ?? undefined;
      void load();
    });
    if (!previous.disabled || !next.disabled) results.append(bindAttr(h('nav', { class: 'pager' }, previous, next), 'aria-label', 'pagerLabel'));
  }
  await load();
}
