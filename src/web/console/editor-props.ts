// The template editor's panel for the selected box: its name, the label signers read, type,
// step, whether it is required, radio group, default or fixed text, page and geometry in points.
import { append, clear, h, uid } from '../shared/dom.ts';
import { t, tx, type MessageKey } from '../shared/i18n.ts';
import type { FieldType } from '../../domain/fields.ts';
import { MIN_SIZE, moveRect, roundRect, type PageSize } from './editor-geometry.ts';
import { TYPES, typeKey, type Box } from './editor-model.ts';
import { labelled, select, textInput } from './ui.ts';

/** What the panel needs of the editor. */
export interface BoxPropsEditor {
  stepCount: number;
  pageSizes: readonly PageSize[];
  /** The box was changed; `typing` names the field typed in, so that one word typed is one step to undo. */
  changed(box: Box, typing?: string): void;
  /** The panel must be drawn again (the box's type changed what it shows). */
  rerender(): void;
  remove(box: Box): void;
  /** Scrolls the box into view (it moved to another page). */
  show(box: Box): void;
}

export function renderBoxProps(props: HTMLElement, box: Box | null, editor: BoxPropsEditor): void {
  clear(props);
  if (!box) {
    props.append(tx('p', 'noBoxSelected', {}, { class: 'hint' }));
    return;
  }
  const changed = (typing?: string) => editor.changed(box, typing);
  const { stepCount, pageSizes } = editor;
  const nameIn = labelled('boxName', textInput({ value: box.name, maxlength: '100' }));
  nameIn.input.addEventListener('input', () => {
    box.name = nameIn.input.value;
    changed('name');
  });
  // What signers read on the signing page; integrators keep using the name.
  const labelIn = labelled('boxDisplayLabel', textInput({ value: box.label, maxlength: '100', placeholder: box.name }), { hint: 'boxDisplayLabelHint' });
  labelIn.input.addEventListener('input', () => {
    box.label = labelIn.input.value;
    changed('label');
  });
  const typeIn = labelled(
    'boxType',
    select(
      TYPES.map((type) => [type, typeKey(type)]),
      box.type,
    ),
  );
  typeIn.input.addEventListener('change', () => {
    box.type = typeIn.input.value as FieldType;
    if (box.type === 'LabelBox') {
      box.owner = 0;
      box.required = false;
    } else if (box.owner === 0) box.owner = 1;
    changed();
    editor.rerender();
  });
  const ownerIn = labelled(
    'boxStep',
    select(
      Array.from({ length: stepCount }, (_, i) => [String(i + 1), null, t('stepN', { step: i + 1 })] as [string, null, string]),
      String(box.owner),
    ),
  );
  if (box.owner > stepCount) ownerIn.input.append(h('option', { value: String(box.owner), text: t('stepN', { step: box.owner }) }));
  ownerIn.input.value = String(box.owner);
  ownerIn.input.addEventListener('change', () => {
    box.owner = Number(ownerIn.input.value);
    changed();
  });
  const requiredIn = h('input', { type: 'checkbox', checked: box.required, id: uid('req') });
  requiredIn.addEventListener('change', () => {
    box.required = requiredIn.checked;
    changed();
  });
  const requiredRow = h('label', { class: 'check', for: requiredIn.id }, requiredIn, tx('span', 'boxRequired'));
  const groupIn = labelled('boxGroup', textInput({ value: box.group, maxlength: '100' }), { hint: 'boxGroupHint' });
  groupIn.input.addEventListener('input', () => {
    box.group = groupIn.input.value;
    changed('group');
  });
  const defaultIn = labelled(box.type === 'LabelBox' ? 'labelText' : 'defaultValue', textInput({ value: box.default, maxlength: '4000' }));
  defaultIn.input.addEventListener('input', () => {
    box.default = defaultIn.input.value;
    changed('default');
  });
  const numberIn = (key: MessageKey, value: number, min: number, max: number, apply: (n: number) => void) => {
    const input = labelled(key, h('input', { type: 'number', step: '0.5', min: String(min), max: String(max), value: String(value), inputmode: 'decimal' }), {
      className: 'compact',
    });
    input.input.addEventListener('change', () => {
      const n = Number(input.input.value);
      if (!Number.isFinite(n)) return;
      apply(n);
      Object.assign(box, roundRect(moveRect(box, 0, 0, pageSizes[box.page - 1]!)));
      changed();
    });
    return input.wrapper;
  };
  const page = pageSizes[box.page - 1] ?? { width: 0, height: 0 };
  const pageIn = labelled(
    'boxPage',
    select(
      pageSizes.map((_, i) => [String(i + 1), null, String(i + 1)] as [string, null, string]),
      String(box.page),
    ),
    { className: 'compact' },
  );
  pageIn.input.addEventListener('change', () => {
    box.page = Number(pageIn.input.value);
    Object.assign(box, roundRect(moveRect(box, 0, 0, pageSizes[box.page - 1]!)));
    changed();
    editor.show(box);
  });
  const remove = tx('button', 'removeBox', {}, { type: 'button', class: 'danger-outline small' });
  remove.addEventListener('click', () => editor.remove(box));
  append(
    props,
    nameIn.wrapper,
    box.type === 'LabelBox' ? null : labelIn.wrapper,
    typeIn.wrapper,
    box.type === 'LabelBox' ? null : ownerIn.wrapper,
    box.type === 'LabelBox' ? null : requiredRow,
    box.type === 'RadioBox' ? groupIn.wrapper : null,
    box.type === 'LabelBox' || box.type === 'TextBox' ? defaultIn.wrapper : null,
    h(
      'fieldset',
      { class: 'geometry' },
      tx('legend', 'boxPosition'),
      pageIn.wrapper,
      numberIn('boxX', box.x, 0, page.width, (n) => (box.x = n)),
      numberIn('boxY', box.y, 0, page.height, (n) => (box.y = n)),
      numberIn('boxWidth', box.width, MIN_SIZE, page.width, (n) => (box.width = Math.max(MIN_SIZE, Math.min(n, page.width)))),
      numberIn('boxHeight', box.height, MIN_SIZE, page.height, (n) => (box.height = Math.max(MIN_SIZE, Math.min(n, page.height)))),
    ),
    remove,
  );
}
