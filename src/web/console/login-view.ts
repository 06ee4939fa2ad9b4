// The console's login: company id, email, password (as 1001Q takes them), and a button to sign in
// through the company's OpenID provider when one is set up (DOJANG_OIDC_*); without passwords
// (DOJANG_CONSOLE_PASSWORD_LOGIN=false), only the button. The company id is remembered in this
// browser; the password never is. A sign-in the provider's side refused comes back as
// ?login_error=…, said here in the page's language.
import type { LoginMethods, OidcFailure } from '../../console/console-answers.ts';
import { clear, h } from '../shared/dom.ts';
import { bindText, languagePicker, tx } from '../shared/i18n.ts';
import { api, ApiError, type SessionInfo } from './console-api.ts';
import { labelled, messageText, textInput } from './ui.ts';

const COMPANY_KEY = 'dojang.console.company';

const FAILURE_MESSAGES: Record<OidcFailure, Parameters<typeof bindText>[1]> = {
  'email-unverified': 'ssoEmailUnverified',
  'not-a-member': 'ssoNotAMember',
  'member-removed': 'ssoMemberRemoved',
  'bound-elsewhere': 'ssoBoundElsewhere',
  'flow-expired': 'ssoFlowExpired',
  'state-mismatch': 'ssoFlowExpired',
  'provider-refused': 'ssoProviderRefused',
  'provider-unreachable': 'ssoProviderUnreachable',
  'token-rejected': 'ssoTokenRejected',
};

export async function renderLogin(root: HTMLElement, done: (session: SessionInfo) => Promise<void>, failure: string | null = null): Promise<void> {
  const methods = await api.get<LoginMethods>('/login-methods').catch(() => ({ password: true, oidc: null }));
  clear(root);
  const remembered = (() => {
    try {
      return localStorage.getItem(COMPANY_KEY) ?? '';
    } catch {
      return '';
    }
  })();
  const company = labelled(
    'companyId',
    textInput({ autocomplete: 'organization', required: true, autocapitalize: 'none', spellcheck: 'false', value: remembered }),
  );
  const email = labelled('email', h('input', { type: 'email', autocomplete: 'username', required: true }));
  const password = labelled('password', h('input', { type: 'password', autocomplete: 'current-password', required: true }));
  const alert = h('p', { class: 'alert', role: 'alert' });
  const submit = tx('button', 'login', {}, { type: 'submit', class: 'primary' });
  const form = h('form', { class: 'login-form', novalidate: true }, company.wrapper, email.wrapper, password.wrapper, alert, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    alert.textContent = '';
    const missing = [company, email, password].filter((f) => f.input.value.trim() === '');
    for (const f of [company, email, password]) f.setError(missing.includes(f) ? messageText('requiredField') : null);
    if (missing.length > 0) return missing[0]!.input.focus();
    submit.disabled = true;
    try {
      const session = await api.login(company.input.value.trim(), email.input.value.trim(), password.input.value);
      try {
        localStorage.setItem(COMPANY_KEY, company.input.value.trim());
      } catch {
        // not remembered
      }
      await done(session);
    } catch (error) {
      submit.disabled = false;
      password.input.value = '';
      if (error instanceof ApiError && error.status === 401) bindText(alert, 'loginRefused');
      else if (error instanceof ApiError && error.status === 429) bindText(alert, 'loginLocked', { date: { date: String(error.body.locked_until ?? '') } });
      else if (error instanceof ApiError && error.status === 0) bindText(alert, 'networkError');
      else bindText(alert, 'somethingWrong', { detail: error instanceof Error ? error.message : String(error) });
      password.input.focus();
    }
  });
  const sso = methods.oidc
    ? h('a', { class: 'button primary sso-button', href: methods.oidc.url }, tx('span', 'ssoSignIn', { name: methods.oidc.label }))
    : null;
  const ssoAlert = h('p', { class: 'alert', role: 'alert' });
  if (failure) bindText(ssoAlert, FAILURE_MESSAGES[failure as OidcFailure] ?? 'ssoTokenRejected');
  root.append(
    h(
      'main',
      { class: 'login-page' },
      h(
        'div',
        { class: 'login-card' },
        h(
          'div',
          { class: 'login-top' },
          h('p', { class: 'brand-name' }, h('span', { class: 'seal', 'aria-hidden': 'true', text: '印' }), ' ', tx('span', 'consoleTitle')),
          languagePicker(),
        ),
        tx('h1', 'loginTitle', {}, { class: 'view-title' }),
        ssoAlert,
        sso,
        sso && methods.password ? tx('p', 'orWithPassword', {}, { class: 'login-or' }) : null,
        methods.password ? tx('p', 'loginIntro', {}, { class: 'hint' }) : null,
        methods.password ? form : null,
      ),
    ),
  );
  if (methods.password) (remembered ? email : company).input.focus();
  else sso?.focus();
}
