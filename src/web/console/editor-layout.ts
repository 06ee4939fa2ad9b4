// The template editor's controls and where they sit: the toolbar (new box's type, add, undo and
// redo, zoom, snapping, save), the status lines (saving, the chosen PDF's text tags) and the
// problem lines, the pages, and the side panel with the template's settings, the selected box's
// properties and the list of boxes.
import { h, uid } from '../shared/dom.ts';
import { bindAttr, bindText, tx } from '../shared/i18n.ts';
import type { ConsoleApp } from './app-context.ts';
import type { ConsoleTemplate } from './console-api.ts';
import type { EditorPages } from './editor-pages.ts';
import { TYPES, typeKey } from './editor-model.ts';
import { labelled, plainHeading, routeLink, select, textInput, viewHeading, type LabelledInput } from './ui.ts';

export interface EditorControls {
  name: LabelledInput<HTMLInputElement>;
  steps: LabelledInput<HTMLInputElement>;
  fileInput: HTMLInputElement;
  fileName: HTMLElement;
  /** The type of the next box drawn or added. */
  tool: LabelledInput<HTMLSelectElement>;
  addBox: HTMLButtonElement;
  undoButton: HTMLButtonElement;
  redoButton: HTMLButtonElement;
  snap: HTMLInputElement;
  save: HTMLButtonElement;
  saveState: HTMLElement;
  /** What reading the chosen PDF's text tags found (editor-text-tags.ts). */
  tagState: HTMLElement;
  problems: HTMLElement;
  /** The selected box's properties (editor-props.ts). */
  props: HTMLElement;
  list: HTMLElement;
  listCount: HTMLElement;
  /** Tells the keys; each box is described by it. */
  help: HTMLElement;
}

export function createEditorControls(existing: ConsoleTemplate | null): EditorControls {
  const fileInput = h('input', { type: 'file', accept: 'application/pdf,.pdf', class: 'file-input', id: uid('pdf') });
  const undoButton = tx('button', 'undo', {}, { type: 'button', class: 'secondary small', 'aria-keyshortcuts': 'Control+Z Meta+Z' });
  const redoButton = tx('button', 'redo', {}, { type: 'button', class: 'secondary small', 'aria-keyshortcuts': 'Control+Shift+Z Meta+Shift+Z Control+Y' });
  undoButton.disabled = true;
  redoButton.disabled = true;
  const save = tx('button', existing?.workflow_count ? 'saveAsNewVersion' : 'saveTemplate', {}, { type: 'button', class: 'primary' });
  if (existing?.replaced_by) save.disabled = true;
  return {
    name: labelled('templateName', textInput({ maxlength: '128', required: true, value: existing?.name ?? '' })),
    steps: labelled('stepCount', h('input', { type: 'number', min: '1', max: '20', step: '1', required: true, value: String(existing?.steps ?? 1) }), {
      hint: 'stepCountHint',
    }),
    fileInput,
    fileName: h('span', { class: 'file-name' }),
    tool: labelled('newBoxType', select(TYPES.map((type) => [type, typeKey(type)]))),
    addBox: tx('button', 'addBox', {}, { type: 'button', class: 'secondary' }),
    undoButton,
    redoButton,
    snap: h('input', { type: 'checkbox', checked: true, id: uid('snap') }),
    save,
    saveState: h('p', { class: 'hint', role: 'status' }),
    tagState: h('p', { class: 'hint', role: 'status' }),
    problems: h('div', { class: 'alert-box', role: 'alert' }),
    props: h('div', { class: 'box-props' }),
    list: h('ul', { class: 'box-list' }),
    listCount: h('span', { class: 'muted' }),
    help: tx('p', 'editorHelp', {}, { class: 'hint', id: uid('editor-help') }),
  };
}

export function renderEditorLayout(app: ConsoleApp, existing: ConsoleTemplate | null, ui: EditorControls, pages: EditorPages): void {
  const undoGroup = h('div', { class: 'undo', role: 'group' }, ui.undoButton, ui.redoButton);
  bindAttr(undoGroup, 'aria-label', 'undoGroup');
  const toolbar = h(
    'div',
    { class: 'editor-toolbar', role: 'toolbar' },
    ui.tool.wrapper,
    ui.addBox,
    undoGroup,
    pages.zoomControls,
    h('label', { class: 'check', for: ui.snap.id }, ui.snap, tx('span', 'snapToGrid')),
    h('div', { class: 'toolbar-end' }, ui.save),
  );
  bindAttr(toolbar, 'aria-label', 'editorTools');

  const fileButton = h('label', { class: 'button secondary file-button', for: ui.fileInput.id });
  bindText(fileButton, existing ? 'replacePdf' : 'uploadPdf');
  const side = h(
    'aside',
    { class: 'editor-side', 'aria-labelledby': 'settings-title' },
    tx('h2', 'templateSettings', {}, { id: 'settings-title' }),
    h(
      'div',
      { class: 'template-settings' },
      ui.name.wrapper,
      ui.steps.wrapper,
      h(
        'div',
        { class: 'field' },
        h('span', { class: 'label-like' }, tx('span', 'templatePdf')),
        h('div', { class: 'file-row' }, ui.fileInput, fileButton, ui.fileName),
        tx('p', 'pdfTagsHint', {}, { class: 'hint' }),
      ),
    ),
    tx('h2', 'selectedBox', {}, { id: 'props-title' }),
    ui.props,
    h('h2', { id: 'boxes-title' }, tx('span', 'allBoxes'), ' ', ui.listCount),
    ui.list,
    ui.help,
  );

  app.main.append(
    h(
      'div',
      { class: 'view-head' },
      h(
        'div',
        {},
        routeLink(app, '/console/templates', tx('span', 'backToTemplates'), { class: 'back-link' }),
        existing ? plainHeading(`${existing.name} (#${existing.doc_id})`) : viewHeading('newTemplate'),
      ),
    ),
    ...notices(app, existing),
    toolbar,
    ui.saveState,
    ui.tagState,
    ui.problems,
    h('div', { class: 'editor-body' }, pages.section, side),
  );
}

/** A template replaced by a newer version, or one in use (saving makes a new version). */
function notices(app: ConsoleApp, existing: ConsoleTemplate | null): HTMLElement[] {
  if (existing?.replaced_by) {
    const link = routeLink(app, `/console/templates/${existing.replaced_by}`, `#${existing.replaced_by}`);
    return [h('p', { class: 'notice' }, tx('span', 'templateReplaced', { id: existing.replaced_by }), ' ', link)];
  }
  if (existing && existing.workflow_count > 0) return [tx('p', 'templateInUse', { n: existing.workflow_count, id: existing.doc_id }, { class: 'notice' })];
  return [];
}
