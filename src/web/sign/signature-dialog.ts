// Drawing a signature with a finger, a pen or the mouse (signature_pad), with undo and clear,
// or typing one's name instead (for keyboards and screen readers). Answers a trimmed PNG as a
// data: URL, '' to remove the signature, or null when dismissed.
import SignaturePad from 'signature_pad';
import { h, uid } from '../shared/dom.ts';
import { bindAttr, bindText, tx } from '../shared/i18n.ts';
import { editActions, showModal } from '../shared/modal.ts';

export function openSignatureDialog(field: { label: string; width: number; height: number }, current: string): Promise<string | null> {
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
      });

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
      });
      body.append(
        tx('p', 'signatureHelp', {}, { id: helpId }),
        h('div', { class: 'signature-area' }, canvas),
        h('div', { class: 'row' }, undo, clearButton),
        h('label', { class: 'field', for: typedId }, tx('span', 'typeInstead'), typed),
        error,
        editActions(done, current, () => {
          const image = !pad.isEmpty() ? trimmedPng(canvas) : typed.value.trim() !== '' ? typedSignature(typed.value.trim()) : null;
          if (!image) bindText(error, 'signatureEmpty');
          return image;
        }),
      );
      return typed;
    },
    'signature-dialog',
  );
}

/** The drawn strokes cropped to their bounds with a small margin, as PNG. */
function trimmedPng(canvas: HTMLCanvasElement): string {
  const context = canvas.getContext('2d')!;
  const { width, height } = canvas;
  const pixels = context.getImageData(0, 0, width, height).data;
  let top = height;
  let left = width;
  let right = -1;
  let bottom = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (pixels[(y * width + x) * 4 + 3]! > 0) {
        if (x < left) left = x;
        if (x > right) right = x;
        if (y < top) top = y;
        bottom = y;
      }
    }
  }
  if (right < 0) return canvas.toDataURL('image/png');
  const margin = 8;
  const x = Math.max(0, left - margin);
  const y = Math.max(0, top - margin);
  const w = Math.min(width, right + margin) - x;
  const hgt = Math.min(height, bottom + margin) - y;
  const out = document.createElement('canvas');
  out.width = w;
  out.height = hgt;
  out.getContext('2d')!.drawImage(canvas, x, y, w, hgt, 0, 0, w, hgt);
  return out.toDataURL('image/png');
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
