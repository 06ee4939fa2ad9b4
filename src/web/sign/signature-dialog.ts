// A signature three ways: drawn with a finger, a pen or the mouse (signature_pad), with undo
// and clear; typed (for keyboards and screen readers); or a photo of one signed on paper, its
// paper removed. The signature made first on this page is offered again for the signer's other
// signature boxes. Answers a cropped PNG as a data: URL, '' to remove the signature, or null
// when dismissed.
import SignaturePad from 'signature_pad';
import { h, uid } from '../shared/dom.ts';
import { bindAttr, bindText, tx } from '../shared/i18n.ts';
import { editActions, showModal } from '../shared/modal.ts';
import { ImageUnreadable } from './shrink-image.ts';
import { croppedToInk, inkFromPhoto, NoInkFound } from './signature-ink.ts';

/** The last signature the signer applied on this page: one signer, so offered for their other boxes. */
let earlier = '';

export async function openSignatureDialog(field: { label: string; width: number; height: number }, current: string): Promise<string | null> {
  const image = await signatureDialog(field, current);
  if (image) earlier = image;
  return image;
}

function signatureDialog(field: { label: string; width: number; height: number }, current: string): Promise<string | null> {
  const heading = h('h2', { text: field.label });
  return showModal<string>(
    heading,
    (body, done, closed) => {
      const helpId = uid('sig-help');
      const canvas = h('canvas', { class: 'signature-canvas', role: 'img', 'aria-describedby': helpId });
      bindAttr(canvas, 'aria-label', 'signaturePad');
      const pad = new SignaturePad(canvas, { minWidth: 0.8, maxWidth: 2.8, penColor: '#111111', backgroundColor: 'rgba(0,0,0,0)' });
      const typedId = uid('sig-typed');
      const typed = h('input', { id: typedId, type: 'text', autocomplete: 'name', maxlength: '40' });
      const error = h('p', { class: 'field-error', role: 'alert' });

      // The drawing area has the box's shape, within sensible limits for a phone.
      const fit = () => {
        const data = pad.toData();
        const ratio = Math.max(window.devicePixelRatio || 1, 1);
        const width = canvas.clientWidth;
        const height = Math.max(120, Math.min(260, width * (field.height / field.width)));
        canvas.style.height = `${height}px`;
        canvas.width = Math.floor(width * ratio);
        canvas.height = Math.floor(height * ratio);
        canvas.getContext('2d')!.scale(ratio, ratio);
        pad.clear();
        if (data.length > 0) pad.fromData(data);
      };
      requestAnimationFrame(fit);
      window.addEventListener('resize', fit, { signal: closed });
      pad.addEventListener('beginStroke', () => {
        error.textContent = '';
        forgetPhoto();
      });

      // A photo of a signature on paper: the ink alone, shown where the drawing would be.
      let photo = '';
      const photoId = uid('sig-photo');
      const photoHelpId = uid('sig-photo-help');
      const photoInput = h('input', { id: photoId, class: 'file-input', type: 'file', accept: 'image/jpeg,image/png', 'aria-describedby': photoHelpId });
      const photoPreview = h('img', { class: 'signature-photo', alt: '' });
      photoPreview.hidden = true;
      const forgetPhoto = () => {
        photo = '';
        photoPreview.hidden = true;
      };
      photoInput.addEventListener('change', async () => {
        const file = photoInput.files?.[0];
        photoInput.value = '';
        if (!file) return;
        bindText(error, 'pictureReading');
        try {
          photo = await inkFromPhoto(file);
          pad.clear();
          typed.value = '';
          photoPreview.src = photo;
          photoPreview.hidden = false;
          error.textContent = '';
        } catch (failure) {
          forgetPhoto();
          bindText(error, failure instanceof NoInkFound ? 'signaturePhotoEmpty' : failure instanceof ImageUnreadable ? 'pictureUnreadable' : 'somethingWrong', {
            detail: String(failure),
          });
        }
      });
      typed.addEventListener('input', forgetPhoto);

      const undo = tx('button', 'undo', {}, { type: 'button', class: 'secondary' });
      undo.addEventListener('click', () => {
        const data = pad.toData();
        data.pop();
        pad.fromData(data);
      });
      const clearButton = tx('button', 'clear', {}, { type: 'button', class: 'secondary' });
      clearButton.addEventListener('click', () => {
        pad.clear();
        typed.value = '';
        forgetPhoto();
      });

      // The signature made a moment ago for another box, one tap away.
      let again: HTMLButtonElement | null = null;
      if (earlier !== '' && earlier !== current) {
        const offered = earlier;
        again = h('button', { type: 'button', class: 'secondary earlier-signature' }, h('img', { src: offered, alt: '' }), tx('span', 'useEarlierSignature'));
        again.addEventListener('click', () => done(offered));
      }
      body.append(
        again ?? '',
        tx('p', 'signatureHelp', {}, { id: helpId }),
        h('div', { class: 'signature-area' }, canvas, photoPreview),
        h('div', { class: 'row' }, undo, clearButton),
        h('label', { class: 'field', for: typedId }, tx('span', 'typeInstead'), typed),
        h(
          'div',
          { class: 'file-row' },
          photoInput,
          h('label', { class: 'button secondary file-button', for: photoId }, tx('span', 'signaturePhoto')),
          tx('p', 'signaturePhotoHelp', {}, { id: photoHelpId, class: 'hint' }),
        ),
        error,
        editActions(done, current, () => {
          const image = !pad.isEmpty() ? croppedToInk(canvas) : typed.value.trim() !== '' ? typedSignature(typed.value.trim()) : photo !== '' ? photo : null;
          if (!image) bindText(error, 'signatureEmpty');
          return image;
        }),
      );
      // A keyboard starts in the name box; a phone's keyboard would cover the pad, so a touch
      // screen starts on the dialog's first button instead.
      return window.matchMedia('(pointer: coarse)').matches ? null : typed;
    },
    'signature-dialog',
  );
}

/** A typed name drawn as a signature image. */
function typedSignature(name: string): string {
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d')!;
  const font = 'italic 600 64px "Nanum Pen Script", "Nanum Brush Script", cursive, serif';
  context.font = font;
  const width = Math.ceil(context.measureText(name).width) + 32;
  canvas.width = Math.max(64, width);
  canvas.height = 96;
  context.font = font;
  context.fillStyle = '#111111';
  context.textBaseline = 'middle';
  context.fillText(name, 16, 48);
  return canvas.toDataURL('image/png');
}
