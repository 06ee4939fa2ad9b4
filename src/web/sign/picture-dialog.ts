// Choosing a picture for a PictureBox: from the files or the camera, made smaller in the
// browser (shrink-image.ts) and previewed before it is placed.
import { h, uid } from '../shared/dom.ts';
import { bindText, tx } from '../shared/i18n.ts';
import { editActions, showModal } from '../shared/modal.ts';
import { ImageTooLarge, shrinkImage } from './shrink-image.ts';

export function openPictureDialog(field: { label: string }, current: string): Promise<string | null> {
  const heading = h('h2', { text: field.label });
  return showModal<string>(
    heading,
    (body, done) => {
      let chosen = current;
      const inputId = uid('picture');
      // The browser's own file button speaks the browser's language; this one speaks the page's.
      const input = h('input', { id: inputId, class: 'file-input', type: 'file', accept: 'image/jpeg,image/png' });
      const fileName = h('span', { class: 'file-name' });
      const preview = h('img', { class: 'picture-preview', alt: field.label });
      preview.hidden = current === '';
      if (current !== '') preview.src = current;
      const status = h('p', { class: 'field-error', role: 'alert' });
      input.addEventListener('change', async () => {
        const file = input.files?.[0];
        if (!file) return;
        fileName.textContent = file.name;
        bindText(status, 'pictureReading');
        try {
          chosen = await shrinkImage(file);
          preview.src = chosen;
          preview.hidden = false;
          status.textContent = '';
        } catch (error) {
          bindText(status, error instanceof ImageTooLarge ? 'pictureTooLarge' : 'pictureUnreadable');
        }
      });
      body.append(
        h('div', { class: 'file-row' }, input, h('label', { class: 'button secondary file-button', for: inputId }, tx('span', 'chooseFile')), fileName),
        preview,
        status,
        editActions(done, current, () => {
          if (chosen === '') bindText(status, 'pictureEmpty');
          return chosen === '' ? null : chosen;
        }),
      );
      return input;
    },
    'picture-dialog',
  );
}
