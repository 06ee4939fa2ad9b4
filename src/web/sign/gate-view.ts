// The verification gate before the document: the password with its hint, then a
// one-time code to the mobile number when the player has one. Wrong tries, the lockout and the
// resend wait are explained where the signer is typing.
import { clear, h, uid } from '../shared/dom.ts';
import { bindText, tx } from '../shared/i18n.ts';
import type { PageContext } from './page-context.ts';
import { ApiError, type SignLinkView } from './sign-api-client.ts';
import { card, signHeader } from './sign-header.ts';

export function renderGate(page: PageContext, view: SignLinkView): void {
  const method = view.verification.methods.find((m) => !m.passed);
  if (!method) return void page.reload();
  const passedPassword = view.verification.methods.some((m) => m.method === 'password' && m.passed);
  const errorId = uid('gate-error');
  const error = h('p', { class: 'field-error', id: errorId, role: 'alert' });
  const form =
    method.method === 'password' ? passwordForm(page, view, method.hint, error, errorId) : codeForm(page, view, method.mobile_number ?? '', error, errorId);
  clear(page.root);
  page.root.append(
    signHeader(view),
    card(
      tx('h2', method.method === 'password' ? 'gateTitle' : 'otpTitle'),
      tx('p', 'gateIntro', { name: view.signer.name }),
      passedPassword ? tx('p', 'passwordPassed', {}, { class: 'ok-line' }) : null,
      form,
    ),
  );
  if (view.verification.locked_until) showLocked(error, view.verification.locked_until, form);
  form.querySelector<HTMLInputElement>('input')?.focus();
}

function showLocked(error: HTMLElement, until: string, form: HTMLElement): void {
  bindText(error, 'locked', { time: { date: until } });
  for (const control of form.querySelectorAll<HTMLInputElement | HTMLButtonElement>('input, button')) control.disabled = true;
  window.setTimeout(
    () => {
      for (const control of form.querySelectorAll<HTMLInputElement | HTMLButtonElement>('input, button')) control.disabled = false;
      error.textContent = '';
    },
    Math.max(0, Date.parse(until) - Date.now()) + 1000,
  );
}

/** Explains what a verify or send call answered, next to the form. */
function explain(page: PageContext, error: unknown, line: HTMLElement, form: HTMLElement, wrongKey: 'wrongPassword' | 'wrongCode'): void {
  if (!(error instanceof ApiError)) return void bindText(line, 'networkError');
  switch (error.code) {
    case 'verification-failed':
      return void bindText(line, wrongKey, { n: Number(error.body.attempts_left ?? 0) });
    case 'locked':
      return void showLocked(line, String(error.body.locked_until), form);
    case 'no-active-code':
      return void bindText(line, 'noActiveCode');
    case 'code-rate-limited':
      return void bindText(line, 'codeWait', { seconds: Number(error.body.retry_after ?? 60) });
    case 'link-closed':
    case 'link-expired':
    case 'link-not-found':
      return void page.reload();
    default:
      bindText(line, error.code === 'network' ? 'networkError' : 'somethingWrong', { detail: error.message });
  }
}

/** Sends the secret typed in `input` when the form is submitted; what is wrong is said next to it. */
function onSubmitSecret(
  page: PageContext,
  view: SignLinkView,
  parts: { form: HTMLFormElement; input: HTMLInputElement; submit: HTMLButtonElement; error: HTMLElement },
  secret: {
    read(value: string): { password: string } | { otp: string } | null;
    emptyKey: 'passwordRequired' | 'codeRequired';
    wrongKey: 'wrongPassword' | 'wrongCode';
  },
): void {
  const { form, input, submit, error } = parts;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = secret.read(input.value);
    if (!body) {
      bindText(error, secret.emptyKey);
      input.setAttribute('aria-invalid', 'true');
      return;
    }
    submit.disabled = true;
    try {
      const answer = await page.api.verify(body);
      if (answer.verified) page.tell('verified', view);
      await page.reload();
    } catch (failure) {
      input.setAttribute('aria-invalid', 'true');
      input.select();
      explain(page, failure, error, form, secret.wrongKey);
    } finally {
      submit.disabled = false;
    }
  });
}

function passwordForm(page: PageContext, view: SignLinkView, hint: string | null, error: HTMLElement, errorId: string): HTMLFormElement {
  const inputId = uid('password');
  const hintId = uid('hint');
  const input = h('input', { id: inputId, type: 'password', autocomplete: 'off', required: true, 'aria-describedby': `${hint ? `${hintId} ` : ''}${errorId}` });
  const submit = tx('button', 'verify', {}, { type: 'submit', class: 'primary' });
  const form = h(
    'form',
    { class: 'gate-form', novalidate: true },
    h('label', { class: 'field', for: inputId }, tx('span', 'passwordLabel'), input),
    hint ? tx('p', 'passwordHint', { hint }, { id: hintId, class: 'hint' }) : null,
    error,
    submit,
  );
  onSubmitSecret(
    page,
    view,
    { form, input, submit, error },
    {
      read: (value) => (value === '' ? null : { password: value }),
      emptyKey: 'passwordRequired',
      wrongKey: 'wrongPassword',
    },
  );
  return form;
}

function codeForm(page: PageContext, view: SignLinkView, mobileNumber: string, error: HTMLElement, errorId: string): HTMLFormElement {
  const inputId = uid('code');
  const status = h('p', { class: 'hint', role: 'status' });
  const send = tx('button', 'sendCode', {}, { type: 'button', class: 'secondary' });
  const input = h('input', {
    id: inputId,
    type: 'text',
    inputmode: 'numeric',
    autocomplete: 'one-time-code',
    maxlength: '6',
    pattern: '[0-9]{6}',
    required: true,
    'aria-describedby': errorId,
  });
  const submit = tx('button', 'verify', {}, { type: 'submit', class: 'primary' });
  const codeRow = h('div', { class: 'code-row' }, h('label', { class: 'field', for: inputId }, tx('span', 'codeLabel'), input), submit);
  codeRow.hidden = true;
  const form = h('form', { class: 'gate-form', novalidate: true }, tx('p', 'otpIntro', { number: mobileNumber }), send, status, codeRow, error);

  send.addEventListener('click', async () => {
    send.disabled = true;
    error.textContent = '';
    try {
      const sent = await page.api.sendCode();
      bindText(status, 'codeSent', { minutes: Math.round((Date.parse(sent.expires_at) - Date.now()) / 60_000) });
      bindText(send, 'resendCode');
      codeRow.hidden = false;
      input.focus();
      window.setTimeout(() => {
        send.disabled = false;
      }, sent.resend_after * 1000);
    } catch (failure) {
      send.disabled = false;
      explain(page, failure, error, form, 'wrongCode');
    }
  });
  onSubmitSecret(
    page,
    view,
    { form, input, submit, error },
    {
      read: (value) => {
        const code = value.replace(/\D/g, '');
        return code.length === 6 ? { otp: code } : null;
      },
      emptyKey: 'codeRequired',
      wrongKey: 'wrongCode',
    },
  );
  return form;
}
