// The verification gate before the document (SPEC 3): the password with its hint, then a
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
  const form = method.method === 'password' ? passwordForm(page, view, method.hint, error, errorId) : codeForm(page, view, method.mobile_number ?? '', error, errorId);
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
  window.setTimeout(() => {
    for (const control of form.querySelectorAll<HTMLInputElement | HTMLButtonElement>('input, button')) control.disabled = false;
    error.textContent = '';
  }, Math.max(0, Date.parse(until) - Date.now()) + 1000);
}

/** Explains what a verify or send call answered, next to the form. */
function explain(page: PageContext, error: unknown, line: HTMLElement, form: HTMLElement, wrongKey: 'wrongPassword' | 'wrongCode'): void {
  if (!(error instanceof ApiError)) return void bindText(line, 'networkError');
  switch (error.code) {
    case 'verification-failed':
      return void bindText(line, wrongKey, { n: Number(error.body.attempts_left ?? 0) });
    case 'locked':
      return showLocked(line, String(error.body.locked_until), form);
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

async function afterVerify(page: PageContext, view: SignLinkView, verified: boolean): Promise<void> {
  if (verified) page.tell('verified', view);
  await page.reload();
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
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (input.value === '') {
      bindText(error, 'passwordRequired');
      input.setAttribute('aria-invalid', 'true');
      return;
    }
    submit.disabled = true;
    try {
      const answer = await page.api.verify({ password: input.value });
      await afterVerify(page, view, answer.verified);
    } catch (failure) {
      input.setAttribute('aria-invalid', 'true');
      input.select();
      explain(page, failure, error, form, 'wrongPassword');
    } finally {
      submit.disabled = false;
    }
  });
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
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const code = input.value.replace(/\D/g, '');
    if (code.length !== 6) {
      bindText(error, 'codeRequired');
      input.setAttribute('aria-invalid', 'true');
      return;
    }
    submit.disabled = true;
    try {
      const answer = await page.api.verify({ otp: code });
      await afterVerify(page, view, answer.verified);
    } catch (failure) {
      input.setAttribute('aria-invalid', 'true');
      input.select();
      explain(page, failure, error, form, 'wrongCode');
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}
