// API tokens for integrations (admins): make a named one (shown once), see them all, revoke one.
import { clear, h } from '../shared/dom.ts';
import { t, tx } from '../shared/i18n.ts';
import { isAdmin, type ConsoleApp } from './app-context.ts';
import { api, ApiError, type ApiToken } from './console-api.ts';
import { badge, confirmedRowAction, dataTable, labelled, select, secretBox, textInput, viewHeading, when } from './ui.ts';

export async function renderTokens(app: ConsoleApp): Promise<void> {
  app.main.append(viewHeading('tokensTitle'));
  if (!isAdmin(app)) {
    app.main.append(tx('p', 'adminsOnly', {}, { class: 'notice' }));
    return;
  }
  const label = labelled('tokenName', textInput({ maxlength: '100', required: true }), { hint: 'tokenNameHint' });
  const days = labelled(
    'tokenDays',
    select([
      ['90', 'days90'],
      ['30', 'days30'],
      ['365', 'days365'],
    ]),
  );
  const create = tx('button', 'createToken', {}, { type: 'submit', class: 'primary' });
  const created = h('div', { class: 'token-created', tabindex: '-1' });
  const form = h('form', { class: 'inline-form', novalidate: true }, label.wrapper, days.wrapper, create);
  const listBox = h('div', {});
  app.main.append(
    tx('p', 'tokensIntro', {}, { class: 'hint' }),
    h('section', { class: 'panel', 'aria-labelledby': 'new-token-title' }, tx('h2', 'newToken', {}, { id: 'new-token-title' }), form, created),
    h('section', { class: 'panel', 'aria-labelledby': 'token-list-title' }, tx('h2', 'tokenList', {}, { id: 'token-list-title' }), listBox),
  );

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    label.setError(null);
    if (!label.input.value.trim()) return label.setError(t('requiredField'));
    create.disabled = true;
    try {
      const answer = await api.post<{ token: string; label: string; expires_at: string }>('/tokens', {
        label: label.input.value.trim(),
        days: Number(days.input.value),
      });
      clear(created);
      created.append(
        tx('p', 'tokenShownOnce', { name: answer.label }, { class: 'notice' }),
        secretBox(answer.token, 'tokenValue'),
        h('p', { class: 'hint' }, tx('span', 'tokenUsage')),
      );
      created.focus();
      label.input.value = '';
      await load();
    } catch (error) {
      if (error instanceof ApiError && error.problems.length > 0) label.setError(error.problems.map((p) => p.message).join(' '));
      else app.announce(error instanceof Error ? error.message : String(error));
    } finally {
      create.disabled = false;
    }
  });

  async function load(): Promise<void> {
    let tokens: ApiToken[];
    try {
      tokens = (await api.get<{ tokens: ApiToken[] }>('/tokens')).tokens;
    } catch (error) {
      listBox.textContent = error instanceof Error ? error.message : String(error);
      return;
    }
    clear(listBox);
    if (tokens.length === 0) return void listBox.append(tx('p', 'noTokens', {}, { class: 'empty' }));
    listBox.append(
      dataTable<ApiToken>(
        'tokenList',
        [
          { key: 'tokenName', cell: (tok) => tok.label },
          { key: 'tokenActsAs', cell: (tok) => `${tok.member.name} <${tok.member.email}>` },
          { key: 'createdAt', cell: (tok) => when(tok.created_at) },
          { key: 'tokenExpires', cell: (tok) => when(tok.expires_at) },
          {
            key: 'colState',
            cell: (tok) =>
              tok.state === 'active' ? badge('tokenActive', 'ok') : tok.state === 'expired' ? badge('tokenExpired', 'muted') : badge('tokenRevoked', 'bad'),
          },
          {
            key: 'colActions',
            cell: (tok) => {
              if (tok.state !== 'active') return '—';
              const keys = { button: 'revoke', label: 'revokeNamed', title: 'revokeTitle', body: 'revokeBody', done: 'tokenRevokedNamed' } as const;
              return confirmedRowAction(app, keys, { name: tok.label }, () => api.delete(`/tokens/${tok.token_id}`), load);
            },
          },
        ],
        tokens,
        (tok) => `token-${tok.state}`,
      ),
    );
  }
  await load();
}
