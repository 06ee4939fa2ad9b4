// Starting a contract from the console: a template, a name, one signer per step, referers, values
// to fill in beforehand, an optional message and last day, and where exports go (embed or not,
// viewer or download links, values picked out of the document: request_params). The body
// is startsimple's and the server checks it with startsimple's own rules: every problem it
// names is shown next to its input and in a list above the button.
import { clear, h, uid } from '../shared/dom.ts';
import { bindText, t, tx, type MessageKey } from '../shared/i18n.ts';
import type { ConsoleApp } from './app-context.ts';
import { api, ApiError, type ConsoleTemplate, type TemplateSummary } from './console-api.ts';
import { labelled, problemList, routeLink, secretBox, select, textInput, viewHeading, type LabelledInput } from './ui.ts';

type Input = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
const LANGUAGE_OPTIONS: [string, MessageKey][] = [
  ['ko-KR', 'langKo'],
  ['en-US', 'langEn'],
  ['ja-JP', 'langJa'],
];

interface Started {
  workflow_id: string;
  workflow_name: string;
  embed: boolean;
  play_url: string | null;
  next_play_user: string;
  next_play_user_name: string;
}

/** "name, identity" per line, as the referers box asks; the server names any line that is wrong (customer_list[i]). */
function refererList(text: string): { name: string; email: string }[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const comma = line.lastIndexOf(',');
      return comma < 0 ? { name: '', email: line } : { name: line.slice(0, comma).trim(), email: line.slice(comma + 1).trim() };
    });
}

interface ParamRow {
  box: HTMLElement;
  legend: HTMLElement;
  id: LabelledInput<HTMLInputElement>;
  fields: LabelledInput<HTMLSelectElement>;
  fallback: LabelledInput<HTMLInputElement>;
}

export async function renderStart(app: ConsoleApp, _params: Record<string, string>, query: URLSearchParams): Promise<void> {
  app.main.append(viewHeading('startTitle'));
  let templates: TemplateSummary[];
  try {
    templates = (await api.get<{ templates: TemplateSummary[] }>('/templates')).templates;
  } catch (error) {
    app.main.append(h('p', { class: 'alert', text: error instanceof Error ? error.message : String(error) }));
    return;
  }
  if (templates.length === 0) {
    const link = routeLink(app, '/console/templates/new', t('newTemplate'));
    app.main.append(h('p', { class: 'empty' }, tx('span', 'startNeedsTemplate'), ' ', link));
    return;
  }

  /** Inputs by the name startsimple's problems use (`player_list[0].email`, `field_list.이름`…). */
  const inputs = new Map<string, LabelledInput<Input>>();
  const register = <E extends Input>(field: string, input: LabelledInput<E>) => {
    inputs.set(field, input as unknown as LabelledInput<Input>);
    input.input.dataset.field = field;
    return input;
  };

  const template = register(
    'doc_id',
    labelled(
      'colTemplate',
      select(
        templates.map((tpl) => [tpl.doc_id, null, `${tpl.name} (#${tpl.doc_id})`] as [string, null, string]),
        query.get('template') ?? templates[0]!.doc_id,
      ),
    ),
  );
  const workflowName = register('workflow_name', labelled('contractName', textInput({ maxlength: '128', required: true })));
  const language = register('language', labelled('contractLanguage', select(LANGUAGE_OPTIONS.map(([v, k]) => [v, k]))));
  const comment = register('comment', labelled('signerMessage', h('textarea', { rows: '2', maxlength: '250' })));
  const expires = register('expireddate', labelled('lastDay', h('input', { type: 'date' }), { hint: 'lastDayHint' }));
  const playersBox = h('div', { class: 'players' });
  const valuesBox = h('div', { class: 'prefill' });
  const exportUrl = register(
    'export_api_info.url',
    labelled('exportUrl', h('input', { type: 'url', placeholder: 'https://example.com/dojang/exports', autocomplete: 'off' }), { hint: 'exportUrlHint' }),
  );
  const apiType = register(
    'export_api_info.api_type',
    labelled(
      'exportApiType',
      select([
        ['ALL', 'apiTypeAll'],
        ['StartAndEnd', 'apiTypeStartAndEnd'],
      ]),
    ),
  );
  const authorization = register(
    'export_api_info.authorization',
    labelled('exportAuthorization', textInput({ autocomplete: 'off' }), { hint: 'exportAuthorizationHint' }),
  );
  const linkType = register(
    'export_api_info.link_type',
    labelled(
      'exportLinkType',
      select([
        ['viewer', 'linkTypeViewer'],
        ['download', 'linkTypeDownload'],
      ]),
    ),
  );
  const referers = register('customer_list', labelled('referersLabel', h('textarea', { rows: '2', autocomplete: 'off' }), { hint: 'referersHint' }));
  const paramsBox = h('div', { class: 'request-params' });
  const addParam = tx('button', 'addRequestParam', {}, { type: 'button', class: 'secondary small' });
  const paramsSection = h(
    'fieldset',
    { class: 'request-params-section' },
    tx('legend', 'requestParamsTitle'),
    tx('p', 'requestParamsHint', {}, { class: 'hint' }),
    paramsBox,
    addParam,
  );
  const embed = h('input', { type: 'checkbox', id: uid('embed') });
  const embedRow = h(
    'div',
    { class: 'field' },
    h('label', { class: 'check', for: embed.id }, embed, tx('span', 'embedLabel')),
    tx('p', 'embedHint', {}, { class: 'hint' }),
  );
  const summary = h('div', { class: 'alert-box', role: 'alert' });
  const submit = tx('button', 'startContract', {}, { type: 'submit', class: 'primary' });
  const result = h('div', { class: 'start-result', tabindex: '-1' });

  let current: ConsoleTemplate | null = null;
  let playerInputs: {
    name: LabelledInput<HTMLInputElement>;
    identity: LabelledInput<HTMLInputElement>;
    language: LabelledInput<HTMLSelectElement>;
    password: LabelledInput<HTMLInputElement>;
    hint: LabelledInput<HTMLInputElement>;
    mobile: LabelledInput<HTMLInputElement>;
  }[] = [];
  let valueInputs: { name: string; input: LabelledInput<Input> }[] = [];
  /** request_params rows, in the order they are sent. */
  let paramRows: ParamRow[] = [];

  /** The template's fields as options, the names given selected (those it still has). */
  function fieldOptions(selectEl: HTMLSelectElement, selected: readonly string[]): void {
    clear(selectEl);
    for (const field of current?.fields ?? []) {
      const option = h('option', { value: field.name });
      option.textContent = t('prefillLabel', { name: field.name, step: field.owner === 0 ? '—' : String(field.owner) });
      option.selected = selected.includes(field.name);
      selectEl.append(option);
    }
    selectEl.size = Math.min(5, Math.max(2, selectEl.options.length));
  }

  /** Registers every row under its index (the server names a problem `export_api_info.request_params[i].…`), and numbers its legend. */
  function numberParamRows(): void {
    for (const key of [...inputs.keys()]) if (key.startsWith('export_api_info.request_params[')) inputs.delete(key);
    paramRows.forEach((row, i) => {
      const at = (key: string) => `export_api_info.request_params[${i}].${key}`;
      register(at('param_id'), row.id);
      register(at('fields'), row.fields);
      register(at('param_value'), row.fallback);
      const legend = tx('legend', 'requestParamOf', { n: i + 1 });
      row.legend.replaceWith(legend);
      row.legend = legend;
    });
  }

  function addParamRow(): void {
    const fieldsSelect = h('select', { multiple: true });
    fieldOptions(fieldsSelect, []);
    const row: ParamRow = {
      box: h('fieldset', { class: 'request-param' }),
      legend: h('legend', {}),
      id: labelled('paramIdLabel', textInput({ maxlength: '64', autocomplete: 'off', spellcheck: false })),
      fields: labelled('paramFieldsLabel', fieldsSelect, { hint: 'paramFieldsHint' }),
      fallback: labelled('paramDefaultLabel', textInput({ autocomplete: 'off' }), { hint: 'paramDefaultHint' }),
    };
    const remove = tx('button', 'removeRequestParam', {}, { type: 'button', class: 'secondary small' });
    remove.addEventListener('click', () => {
      row.box.remove();
      paramRows = paramRows.filter((r) => r !== row);
      numberParamRows();
      addParam.focus();
    });
    row.box.append(row.legend, h('div', { class: 'grid-2' }, row.id.wrapper, row.fallback.wrapper), row.fields.wrapper, h('div', { class: 'actions' }, remove));
    paramsBox.append(row.box);
    paramRows.push(row);
    numberParamRows();
    row.id.input.focus();
  }
  addParam.addEventListener('click', addParamRow);

  async function loadTemplate(): Promise<void> {
    current = await api.get<ConsoleTemplate>(`/templates/${template.input.value}`);
    for (const key of [...inputs.keys()]) if (key.startsWith('player_list[') || key.startsWith('field_list.')) inputs.delete(key);
    clear(playersBox);
    playerInputs = Array.from({ length: current.steps }, (_, i) => {
      const at = (key: string) => `player_list[${i}].${key}`;
      const row = {
        name: register(at('name'), labelled('signerName', textInput({ maxlength: '64', autocomplete: 'off' }))),
        identity: register(at('email'), labelled('signerIdentity', textInput({ autocomplete: 'off', inputmode: 'email' }), { hint: 'signerIdentityHint' })),
        language: register(
          at('language'),
          labelled(
            'signerLanguage',
            select(
              LANGUAGE_OPTIONS.map(([v, k]) => [v, k]),
              language.input.value,
            ),
          ),
        ),
        password: register(at('password'), labelled('signerPassword', textInput({ maxlength: '15', autocomplete: 'off' }))),
        hint: register(at('password_hint'), labelled('signerPasswordHint', textInput({ maxlength: '50', autocomplete: 'off' }))),
        mobile: register(at('mobile_number'), labelled('signerMobile', h('input', { type: 'tel', autocomplete: 'off' }), { hint: 'signerMobileHint' })),
      };
      const legend = tx('legend', 'signerOfStep', { step: i + 1 });
      playersBox.append(
        h(
          'fieldset',
          { class: 'player' },
          legend,
          h('div', { class: 'grid-2' }, row.name.wrapper, row.identity.wrapper),
          h(
            'details',
            {},
            tx('summary', 'signerVerification'),
            h('div', { class: 'grid-2' }, row.password.wrapper, row.hint.wrapper, row.mobile.wrapper, row.language.wrapper),
          ),
        ),
      );
      return row;
    });
    for (const row of paramRows)
      fieldOptions(
        row.fields.input,
        [...row.fields.input.selectedOptions].map((o) => o.value),
      );
    clear(valuesBox);
    valueInputs = [];
    const fillable = current.fields.filter((f) => f.type !== 'SignBox' && f.type !== 'PictureBox');
    if (fillable.length === 0) valuesBox.append(tx('p', 'noPrefill', {}, { class: 'hint' }));
    const grid = h('div', { class: 'grid-2' });
    for (const field of fillable) {
      const control: Input =
        field.type === 'CheckBox' || field.type === 'RadioBox'
          ? select([
              ['', 'notSet'],
              ['Y', 'checkedYes'],
              ['N', 'checkedNo'],
            ])
          : field.type === 'DatePickerBox'
            ? h('input', { type: 'date' })
            : textInput({ placeholder: field.default ?? '' });
      const input = register(
        `field_list.${field.name}`,
        labelled('prefillLabel', control, { vars: { name: field.name, step: field.owner === 0 ? '—' : String(field.owner) } }),
      );
      valueInputs.push({ name: field.name, input });
      grid.append(input.wrapper);
    }
    valuesBox.append(grid);
  }

  template.input.addEventListener('change', () => void loadTemplate());
  const form = h(
    'form',
    { class: 'start-form', novalidate: true },
    h(
      'fieldset',
      {},
      tx('legend', 'contractSection'),
      h('div', { class: 'grid-2' }, template.wrapper, workflowName.wrapper, language.wrapper, expires.wrapper),
      comment.wrapper,
    ),
    h('fieldset', {}, tx('legend', 'signersTitle'), playersBox, referers.wrapper),
    h('details', { class: 'prefill-details' }, tx('summary', 'prefillTitle'), valuesBox),
    h(
      'fieldset',
      {},
      tx('legend', 'exportSection'),
      h('div', { class: 'grid-2' }, exportUrl.wrapper, apiType.wrapper, authorization.wrapper, linkType.wrapper),
      embedRow,
      paramsSection,
    ),
    summary,
    submit,
  );
  app.main.append(tx('p', 'startIntro', {}, { class: 'hint' }), form, result);

  function body(): Record<string, unknown> {
    const url = exportUrl.input.value.trim();
    // Sent as entered: the server checks them (reserved or repeated keys, unknown fields) and names each by its index.
    const requestParams = paramRows.map((row) => ({
      param_id: row.id.input.value.trim(),
      param_value: row.fallback.input.value,
      fields: [...row.fields.input.selectedOptions].map((o) => o.value),
    }));
    return {
      workflow_name: workflowName.input.value,
      doc_id: template.input.value,
      language: language.input.value,
      ...(comment.input.value.trim() ? { comment: comment.input.value } : {}),
      ...(expires.input.value ? { expireddate: expires.input.value } : {}),
      player_list: playerInputs.map((p, i) => ({
        field_owner: String(i + 1),
        email: p.identity.input.value,
        name: p.name.input.value,
        language: p.language.input.value,
        ...(p.password.input.value ? { password: p.password.input.value } : {}),
        ...(p.hint.input.value.trim() ? { password_hint: p.hint.input.value } : {}),
        ...(p.mobile.input.value.trim() ? { mobile_number: p.mobile.input.value } : {}),
      })),
      field_list: valueInputs.filter((v) => v.input.input.value !== '').map((v) => ({ field_name: v.name, field_value: v.input.input.value })),
      ...(referers.input.value.trim() ? { customer_list: refererList(referers.input.value) } : {}),
      ...(url || embed.checked
        ? {
            export_api_info: {
              api_type: apiType.input.value,
              url,
              ...(embed.checked ? { request_code: 'embed' } : {}),
              link_type: linkType.input.value,
              ...(authorization.input.value.trim() ? { authorization: authorization.input.value.trim() } : {}),
              ...(requestParams.length > 0 ? { request_params: requestParams } : {}),
            },
          }
        : {}),
    };
  }

  function showProblems(problems: { field: string; message: string }[], detail: string): void {
    for (const input of inputs.values()) input.setError(null);
    clear(summary);
    summary.append(tx('p', 'startRefused'));
    const shown = problems.length > 0 ? problems : [{ field: '', message: detail }];
    for (const problem of shown) {
      // Problems about the whole list (player_list) go to the first signer's email; any referer's, to the referers.
      const input =
        inputs.get(problem.field) ??
        inputs.get(problem.field.replace(/^(export_api_info\.request_params\[\d+\]\.fields)\[\d+\]$/, '$1')) ??
        (problem.field === 'player_list'
          ? inputs.get('player_list[0].email')
          : problem.field.startsWith('customer_list')
            ? inputs.get('customer_list')
            : undefined);
      input?.setError(problem.message);
      if (input) input.input.closest('details')?.setAttribute('open', '');
    }
    summary.append(problemList(shown.filter((p) => p.field !== '' || p.message !== '')));
    const first = shown.map((p) => inputs.get(p.field)).find(Boolean);
    (first?.input ?? summary).focus?.();
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear(summary);
    clear(result);
    submit.disabled = true;
    try {
      const started = await api.post<Started>('/contracts', body());
      for (const input of inputs.values()) input.setError(null);
      showStarted(started);
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) {
        const problems =
          error.title === 'bad-expiry-format' || error.title === 'expiry-past' ? [{ field: 'expireddate', message: error.message }] : error.problems;
        showProblems(problems, error.message);
      } else summary.textContent = error instanceof Error ? error.message : String(error);
    } finally {
      submit.disabled = false;
    }
  });

  function showStarted(started: Started): void {
    form.hidden = true;
    const open = routeLink(app, `/console/contracts/${started.workflow_id}`, t('openContract'), { class: 'button primary' });
    const another = tx('button', 'startAnother', {}, { type: 'button', class: 'secondary' });
    another.addEventListener('click', () => app.navigate('/console/start'));
    result.append(
      tx('h2', 'contractStarted', { id: started.workflow_id }),
      started.play_url
        ? h(
            'div',
            {},
            tx('p', 'playUrlIntro', { name: started.next_play_user_name }),
            secretBox(started.play_url, 'playUrl'),
            h('p', {}, h('a', { href: started.play_url, target: '_blank', rel: 'noopener noreferrer', class: 'play-url' }, tx('span', 'openSigningPage'))),
          )
        : tx('p', 'signerNotified', { name: started.next_play_user_name, identity: started.next_play_user }),
      h('div', { class: 'actions' }, open, another),
    );
    result.focus();
    app.announce(t('contractStarted', { id: started.workflow_id }));
  }

  try {
    await loadTemplate();
  } catch (error) {
    bindText(summary, 'somethingWrong', { detail: error instanceof Error ? error.message : String(error) });
  }
}
