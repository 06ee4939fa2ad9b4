// The one confirmation before acting: approve with an optional message, or return with a
// required reason.
import { h, uid } from '../shared/dom.ts';
import { bindText, tx } from '../shared/i18n.ts';
import { showModal } from '../shared/modal.ts';

export function confirmAction(command: 'CF' | 'RT', options: { returnCancels: boolean }): Promise<string | null> {
  const approve = command === 'CF';
  return showModal<string>(
    tx('h2', approve ? 'approveTitle' : 'returnTitle'),
    (body, done) => {
      const textId = uid('opinion');
      const errorId = uid('opinion-error');
      const text = h('textarea', { id: textId, rows: '3', maxlength: '2000', required: !approve, 'aria-describedby': errorId });
      const error = h('p', { class: 'field-error', id: errorId, role: 'alert' });
      const form = h('form', { novalidate: true });
      const cancel = tx('button', 'cancel', {}, { type: 'button', class: 'secondary' });
      cancel.addEventListener('click', () => done(null));
      const confirm = tx('button', approve ? 'confirmApprove' : 'confirmReturn', {}, { type: 'submit', class: approve ? 'primary' : 'danger' });
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        const opinion = text.value.trim();
        if (!approve && opinion === '') {
          bindText(error, 'reasonRequired');
          text.setAttribute('aria-invalid', 'true');
          text.focus();
          return;
        }
        done(opinion);
      });
      form.append(
        tx('p', approve ? 'approveBody' : options.returnCancels ? 'returnBodyCancel' : 'returnBodyBack'),
        h('label', { class: 'field', for: textId }, tx('span', approve ? 'approveMessage' : 'returnReason'), text),
        error,
        h('div', { class: 'modal-actions' }, cancel, confirm),
      );
      body.append(form);
      return text;
    },
    approve ? 'confirm-approve' : 'confirm-return',
  );
}
