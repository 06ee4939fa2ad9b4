// One control per box, placed over the page: native inputs for text, dates, checks and radios
// (each named by its label), a button that opens the signature or picture dialog, and
// plain read-only values for boxes of earlier steps and fixed text.
import { h } from '../shared/dom.ts';
import { bindAttr, bindText } from '../shared/i18n.ts';
import { placeBox, type PageFrame } from '../shared/page-frames.ts';
import type { FieldModel } from './field-model.ts';
import type { SignField } from './sign-api-client.ts';

export interface ControlHooks {
  /** Opens the signature or picture dialog for an image box; resolves when it closes. */
  editImage(field: SignField, button: HTMLButtonElement): Promise<void>;
  /** The first time the signer touches a box. */
  touched(): void;
}

/** The focusable control of each editable box, by field name. */
export type Controls = Map<string, HTMLElement>;

/**
 * Places the boxes over the pages. With `hooks`, the signer's own boxes become controls on the
 * page (the desktop); without, only the read-only ones are placed (the guided mode on phones
 * puts its own markers there).
 */
export function placeFieldControls(frames: PageFrame[], model: FieldModel, valuesDrawn: boolean, hooks: ControlHooks | null): Controls {
  const controls: Controls = new Map();
  for (const field of model.fields) {
    const frame = frames[field.page - 1];
    if (!frame || (field.editable && !hooks)) continue;
    const box = field.editable ? editableBox(field, model, hooks!, controls) : readOnlyBox(field, valuesDrawn);
    if (!box) continue;
    placeBox(box, frame, field);
    frame.overlay.append(box);
  }
  return controls;
}

function editableBox(field: SignField, model: FieldModel, hooks: ControlHooks, controls: Controls): HTMLElement {
  const wrapper = h('div', { class: `box editable type-${field.type}${field.required ? ' required' : ''}`, 'data-field': field.name });
  const touched = () => hooks.touched();
  let control: HTMLElement;
  switch (field.type) {
    case 'TextBox':
    case 'DatePickerBox': {
      const input = h('input', {
        type: field.type === 'TextBox' ? 'text' : 'date',
        'aria-label': field.label,
        required: field.required,
        maxlength: field.type === 'TextBox' ? '4000' : null,
        autocomplete: 'off',
        value: model.get(field.name),
      });
      input.addEventListener('input', () => model.set(field.name, input.value));
      input.addEventListener('change', () => model.set(field.name, input.value));
      control = input;
      break;
    }
    case 'CheckBox':
    case 'RadioBox': {
      const input = h('input', {
        type: field.type === 'CheckBox' ? 'checkbox' : 'radio',
        name: field.type === 'RadioBox' ? `group:${field.group ?? field.name}` : null,
        'aria-label': field.label,
        required: field.required,
        checked: model.get(field.name) === 'Y',
      });
      input.addEventListener('change', () => {
        model.set(field.name, input.checked ? 'Y' : 'N');
      });
      model.onChange(() => {
        input.checked = model.get(field.name) === 'Y';
      });
      // The box's invisible touch target around the control (web.css) acts as the control.
      wrapper.addEventListener('click', (event) => {
        if (event.target === wrapper) input.click();
      });
      control = input;
      break;
    }
    case 'SignBox':
    case 'PictureBox': {
      const button = h('button', { type: 'button', class: 'image-button' });
      // Repainted only when its own value changes: the model tells every box of every change,
      // and replacing the button's content under a finger (a text box's change fires on the
      // pointerdown that blurs it) loses that first tap.
      let painted: string | null = null;
      const paint = () => {
        const value = model.get(field.name);
        if (value === painted) return;
        painted = value;
        paintImageButton(button, field, value);
      };
      paint();
      model.onChange(paint);
      button.addEventListener('click', () => {
        touched();
        void hooks.editImage(field, button);
      });
      control = button;
      break;
    }
    case 'LabelBox':
      control = h('span', { text: field.value });
  }
  control.addEventListener('focus', touched, { once: true });
  control.addEventListener('pointerdown', touched, { once: true });
  controls.set(field.name, control);
  wrapper.append(control);
  const mark = () => wrapper.classList.toggle('filled', isFilled(field, model.get(field.name)));
  mark();
  model.onChange(mark);
  return wrapper;
}

function isFilled(field: SignField, value: string): boolean {
  return field.type === 'CheckBox' || field.type === 'RadioBox' ? value === 'Y' : value !== '';
}

/** Empty: the call to action, also in the accessible name (WCAG 2.5.3); filled: the image, named by the field. */
function paintImageButton(button: HTMLButtonElement, field: SignField, value: string): void {
  button.replaceChildren();
  if (value !== '') {
    delete button.dataset.i18nAttrs;
    button.setAttribute('aria-label', field.label);
    button.append(h('img', { src: value, alt: '' }));
  } else {
    bindAttr(button, 'aria-label', field.type === 'SignBox' ? 'signHereNamed' : 'addPictureNamed', { name: field.label });
    button.append(bindText(h('span', { class: 'image-hint' }), field.type === 'SignBox' ? 'signHere' : 'addPicture'));
  }
}

/**
 * A value the signer sees but does not change: fixed text and earlier steps' boxes. When the
 * PDF already shows it, the box stays in place for screen readers only (the canvas is hidden from them).
 */
function readOnlyBox(field: SignField, valuesDrawn: boolean): HTMLElement | null {
  if (field.value === '' || (field.value === 'N' && (field.type === 'CheckBox' || field.type === 'RadioBox'))) return null;
  const box = h('div', { class: `box readonly type-${field.type}${valuesDrawn ? ' drawn' : ''}`, 'data-field': field.name });
  const hiddenName = h('span', { class: 'sr-only', text: `${field.label}: ` });
  switch (field.type) {
    case 'PictureBox':
    case 'SignBox':
      box.append(h('img', { src: field.value, alt: field.label }));
      break;
    case 'CheckBox':
    case 'RadioBox':
      box.append(hiddenName, h('span', { class: 'mark', text: field.type === 'CheckBox' ? '✓' : '●' }));
      break;
    default:
      box.append(hiddenName, h('span', { class: 'text', text: field.value }));
  }
  return box;
}
