// The guided mode on phones: the page shows each box the signer fills as a marker, and a sheet
// at the bottom walks them through one box (or one radio group) at a time: a large input named
// by the box's label, "3 / 7", Back and Next, required boxes first. The page scrolls to the box
// being filled and highlights it; tapping a marker opens its step; the sheet folds away.
import { clear, h, uid } from '../shared/dom.ts';
import { bindAttr, bindText, tx } from '../shared/i18n.ts';
import { placeBox, type PageFrame } from '../shared/page-frames.ts';
import type { FieldModel } from './field-model.ts';
import type { ControlHooks } from './field-controls.ts';
import { guidedSteps, optionLabel, type GuidedStep } from './guided-steps.ts';
import type { SignField } from './sign-api-client.ts';

export interface GuidedSheet {
  element: HTMLElement;
  /** Opens the step of a box (the first missing required one when none is named). */
  open(fieldName?: string): void;
}

export function guidedSheet(frames: PageFrame[], model: FieldModel, hooks: ControlHooks): GuidedSheet {
  const steps = guidedSteps(model.fields);
  const markers = new Map<string, HTMLButtonElement>();
  let current = 0;

  // ── The markers on the page ──────────────────────────────────────────────────────────────
  steps.forEach((step, index) => {
    for (const field of step.fields) {
      const frame = frames[field.page - 1];
      if (!frame) continue;
      const marker = h('button', { type: 'button', class: `box marker type-${field.type}${field.required ? ' required' : ''}`, 'data-field': field.name });
      bindAttr(marker, 'aria-label', 'fillNamed', { name: field.label });
      marker.addEventListener('click', () => {
        hooks.touched();
        show(index, { expand: true, focus: true });
      });
      placeBox(marker, frame, field);
      frame.overlay.append(marker);
      markers.set(field.name, marker);
    }
  });
  const paintMarkers = () => {
    for (const step of steps) for (const field of step.fields) paintMarker(markers.get(field.name), field, model.get(field.name));
  };

  // ── The sheet ──────────────────────────────────────────────────────────────────────────
  const titleId = uid('sheet');
  const count = h('span', { class: 'sheet-count', 'aria-live': 'polite' });
  const tag = h('span', { class: 'sheet-tag' });
  const toggle = h('button', { type: 'button', class: 'sheet-toggle link-button', 'aria-expanded': 'true' });
  const body = h('div', { class: 'sheet-body' });
  const back = tx('button', 'previous', {}, { type: 'button', class: 'secondary' });
  const next = tx('button', 'next', {}, { type: 'button', class: 'primary' });
  const element = h(
    'section',
    { class: 'sheet', 'aria-labelledby': titleId },
    h('div', { class: 'sheet-head' }, tx('h2', 'sheetTitle', {}, { id: titleId, class: 'sr-only' }), count, tag, toggle),
    body,
    h('div', { class: 'sheet-nav' }, back, next),
  );
  const setExpanded = (expanded: boolean) => {
    element.classList.toggle('collapsed', !expanded);
    toggle.setAttribute('aria-expanded', String(expanded));
    bindText(toggle, expanded ? 'collapse' : 'expand');
  };
  toggle.addEventListener('click', () => setExpanded(element.classList.contains('collapsed')));
  back.addEventListener('click', () => show(current - 1, { focus: true }));
  next.addEventListener('click', () => {
    if (current < steps.length - 1) return show(current + 1, { focus: true });
    // The last step: on to the first required box still empty, or done.
    const missing = model.missing()[0];
    const target = missing ? steps.findIndex((s) => s.fields.some((f) => f.name === missing.focus)) : -1;
    if (target >= 0) show(target, { focus: true });
    else setExpanded(false);
  });

  function show(index: number, options: { expand?: boolean; focus?: boolean } = {}): void {
    if (steps.length === 0) return;
    current = Math.max(0, Math.min(steps.length - 1, index));
    const step = steps[current]!;
    if (options.expand) setExpanded(true);
    bindText(count, 'stepCount', { n: current + 1, total: steps.length });
    bindText(tag, step.required ? 'required' : 'optional');
    back.disabled = current === 0;
    bindText(next, current === steps.length - 1 ? 'finishFilling' : 'next');
    clear(body);
    const control = stepControl(step, model, hooks);
    body.append(control.element);
    for (const [name, marker] of markers)
      marker.classList.toggle(
        'active',
        step.fields.some((f) => f.name === name),
      );
    if (!options.focus) return;
    markers.get(step.fields[0]!.name)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    control.focus.focus({ preventScroll: true });
  }

  model.onChange(paintMarkers);
  paintMarkers();
  setExpanded(true);
  show(0);
  return {
    element,
    open(fieldName) {
      const name = fieldName ?? model.missing()[0]?.focus;
      const index = steps.findIndex((s) => s.fields.some((f) => f.name === name));
      show(Math.max(index, 0), { expand: true, focus: true });
    },
  };
}

/** A marker shows what its box holds: text, a mark, the image. */
function paintMarker(marker: HTMLButtonElement | undefined, field: SignField, value: string): void {
  if (!marker || marker.dataset.painted === value) return;
  marker.dataset.painted = value;
  marker.replaceChildren();
  const filled = field.type === 'CheckBox' || field.type === 'RadioBox' ? value === 'Y' : value !== '';
  marker.classList.toggle('filled', filled);
  if (!filled) return;
  if (field.type === 'SignBox' || field.type === 'PictureBox') marker.append(h('img', { src: value, alt: '' }));
  else if (field.type === 'CheckBox' || field.type === 'RadioBox')
    marker.append(h('span', { class: 'mark', text: field.type === 'CheckBox' ? '✓' : '●', 'aria-hidden': 'true' }));
  else marker.append(h('span', { class: 'text', text: value, 'aria-hidden': 'true' }));
}

/** The sheet's input for a step, named by its label, and what takes the focus. */
function stepControl(step: GuidedStep, model: FieldModel, hooks: ControlHooks): { element: HTMLElement; focus: HTMLElement } {
  const field = step.fields[0]!;
  switch (step.kind) {
    case 'text':
    case 'date': {
      const id = uid('guided');
      const input = h('input', {
        id,
        type: step.kind,
        class: 'sheet-input',
        value: model.get(field.name),
        autocomplete: 'off',
        required: field.required,
        ...(step.kind === 'text' ? { maxlength: '4000' } : {}),
      });
      input.addEventListener('input', () => model.set(field.name, input.value));
      input.addEventListener('change', () => model.set(field.name, input.value));
      input.addEventListener('focus', () => hooks.touched(), { once: true });
      return { element: h('div', { class: 'sheet-field' }, h('label', { for: id, class: 'sheet-label', text: field.label }), input), focus: input };
    }
    case 'check': {
      const input = h('input', { type: 'checkbox', checked: model.get(field.name) === 'Y' });
      input.addEventListener('change', () => {
        hooks.touched();
        model.set(field.name, input.checked ? 'Y' : 'N');
      });
      return { element: h('label', { class: 'sheet-choice' }, input, h('span', { text: field.label })), focus: input };
    }
    case 'radio': {
      const name = uid('group');
      const options = step.fields.map((option) => {
        const input = h('input', { type: 'radio', name, checked: model.get(option.name) === 'Y' });
        input.addEventListener('change', () => {
          hooks.touched();
          if (input.checked) model.set(option.name, 'Y');
        });
        return h('label', { class: 'sheet-choice' }, input, h('span', { text: optionLabel(option, step) }));
      });
      const fieldset = h('fieldset', { class: 'sheet-group' }, h('legend', { class: 'sheet-label', text: step.label }), ...options);
      return { element: fieldset, focus: options[0]!.querySelector('input')! };
    }
    case 'image': {
      const button = h('button', { type: 'button', class: 'sheet-image' });
      const paint = () => {
        const value = model.get(field.name);
        button.replaceChildren();
        if (value !== '') {
          bindAttr(button, 'aria-label', field.type === 'SignBox' ? 'signAgainNamed' : 'pictureAgainNamed', { name: field.label });
          button.append(h('img', { src: value, alt: '' }));
        } else {
          bindAttr(button, 'aria-label', field.type === 'SignBox' ? 'signHereNamed' : 'addPictureNamed', { name: field.label });
          button.append(tx('span', field.type === 'SignBox' ? 'signHere' : 'addPicture', {}, { class: 'image-hint' }));
        }
      };
      paint();
      button.addEventListener('click', async () => {
        hooks.touched();
        await hooks.editImage(field, button);
        paint();
      });
      return { element: h('div', { class: 'sheet-field' }, h('p', { class: 'sheet-label', text: field.label }), button), focus: button };
    }
  }
}
