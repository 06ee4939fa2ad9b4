// The company's templates: the newest version of each (or every version), with a link to edit
// and to start a contract from it.
import { h } from '../shared/dom.ts';
import { bindText, tx } from '../shared/i18n.ts';
import type { ConsoleApp } from './app-context.ts';
import { api, ApiError, type TemplateSummary } from './console-api.ts';
import { badge, dataTable, routeLink, viewHeading, when } from './ui.ts';

export async function renderTemplates(app: ConsoleApp, _params: Record<string, string>, query: URLSearchParams): Promise<void> {
  const all = query.get('all') === '1';
  const create = routeLink(app, '/console/templates/new', '', { class: 'button primary' });
  bindText(create, 'newTemplate');
  const toggle = routeLink(app, all ? '/console/templates' : '/console/templates?all=1', '', { class: 'link-button' });
  bindText(toggle, all ? 'showCurrentVersions' : 'showAllVersions');
  const results = h('div', {});
  app.main.append(h('div', { class: 'view-head' }, viewHeading('templatesTitle'), create), h('p', {}, toggle), results);
  let templates: TemplateSummary[];
  try {
    templates = (await api.get<{ templates: TemplateSummary[] }>('/templates', { include_replaced: all })).templates;
  } catch (error) {
    results.textContent = error instanceof ApiError ? error.message : String(error);
    return;
  }
  if (templates.length === 0) {
    results.append(tx('p', 'noTemplates', {}, { class: 'empty' }));
    return;
  }
  results.append(
    dataTable<TemplateSummary>(
      'templatesTitle',
      [
        { key: 'colName', cell: (t) => routeLink(app, `/console/templates/${t.doc_id}`, t.name) },
        {
          key: 'colDocId',
          cell: (t) =>
            h('span', {}, `#${t.doc_id}`, t.replaces ? h('span', { class: 'muted' }, ' ', tx('span', 'replacesTemplate', { id: t.replaces })) : null),
          className: 'num',
        },
        { key: 'colSteps', cell: (t) => String(t.steps), className: 'num' },
        { key: 'colBoxes', cell: (t) => String(t.field_count), className: 'num' },
        { key: 'colUse', cell: (t) => (t.replaced_by ? badge('replacedBy', 'muted') : t.in_use ? badge('inUse', 'info') : badge('notInUse', 'muted')) },
        { key: 'colUpdated', cell: (t) => when(t.updated_at) },
        {
          key: 'colActions',
          cell: (t) =>
            t.replaced_by
              ? routeLink(app, `/console/templates/${t.replaced_by}`, `→ #${t.replaced_by}`)
              : routeLink(app, `/console/start?template=${t.doc_id}`, tx('span', 'startFromTemplate')),
        },
      ],
      templates,
    ),
  );
}
