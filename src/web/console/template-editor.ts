// The template editor: upload a PDF, see its pages, draw boxes on them by dragging, choose each
// box's type, name, step and whether it is required, move and resize it (by pointer, or with the
// arrow keys: Shift for 10 points, Alt to resize), snap to a grid and to other boxes, zoom, and
// undo and redo every change to the boxes (Ctrl+Z, Ctrl+Shift+Z or Ctrl+Y, and two buttons), and
// save through the templates module. A template that workflows use is saved as a new version.
// A PDF chosen with text tags in it gives its boxes at once, on the PDF without the tags' text.
// This file holds the boxes and puts the parts together: the controls (editor-layout.ts), the
// pages and zoom (editor-pages.ts), a box on the page (editor-box-element.ts), drawing a new one
// (editor-drawing.ts), the properties (editor-props.ts), the list (editor-box-list.ts), undo
// (editor-history.ts, editor-undo-keys.ts), text tags (editor-text-tags.ts) and saving
// (editor-save.ts).
import { bindText, onLanguageChange, t, tx, type MessageKey } from '../shared/i18n.ts';
import { openPdf, openPdfData } from '../shared/pdf-pages.ts';
import type { FieldType } from '../../domain/fields.ts';
import type { ConsoleApp } from './app-context.ts';
import { api, ApiError, type ConsoleTemplate } from './console-api.ts';
import { createBoxElement, paintBox, type BoxElementEditor } from './editor-box-element.ts';
import { renderBoxList } from './editor-box-list.ts';
import { enableDrawing, type DrawingEditor } from './editor-drawing.ts';
import { freeName, placeNewBox, type Rect } from './editor-geometry.ts';
import { EditHistory } from './editor-history.ts';
import { createEditorControls, renderEditorLayout } from './editor-layout.ts';
import { bytesOfBase64 } from './base64.ts';
import { boxOfField, DEFAULT_SIZE, newBoxOf, type Box } from './editor-model.ts';
import { createEditorPages } from './editor-pages.ts';
import { renderBoxProps } from './editor-props.ts';
import { saveTemplate } from './editor-save.ts';
import { clearTagState, readTextTags, sayTagsTaken } from './editor-text-tags.ts';
import { listenForUndoKeys } from './editor-undo-keys.ts';

const MAX_PDF_BYTES = 20 * 1024 * 1024;
/** Changes kept to undo. */
const MAX_UNDO = 200;

interface Snapshot {
  boxes: Box[];
  selectedId: number | null;
}

export async function renderTemplateEditor(app: ConsoleApp, params: Record<string, string>): Promise<void> {
  let existing: ConsoleTemplate | null = null;
  if (params.id) {
    try {
      existing = await api.get<ConsoleTemplate>(`/templates/${params.id}`);
    } catch (error) {
      const key = error instanceof ApiError && error.status === 404 ? 'templateNotFound' : 'somethingWrong';
      app.main.append(tx('h1', key, { detail: error instanceof Error ? error.message : '' }, { class: 'view-title', tabindex: '-1' }));
      return;
    }
  }

  // ── The boxes, and the view ──────────────────────────────────────────────
  let nextId = 1;
  const boxes: Box[] = (existing?.fields ?? []).map((f) => boxOfField(nextId++, f));
  let selected: Box | null = null;
  let newPdf: Uint8Array | null = null;
  let dirty = false;
  const elements = new Map<number, HTMLElement>();

  const ui = createEditorControls(existing);
  const pages = createEditorPages(existing?.pages ?? null, ui.fileInput, () => bindText(ui.saveState, 'pdfFailed'));
  renderEditorLayout(app, existing, ui, pages);

  const markDirty = () => {
    dirty = true;
    ui.saveState.textContent = '';
  };
  const stepCount = () => Math.min(20, Math.max(1, Math.floor(Number(ui.steps.input.value) || 1)));
  const frameOf = (box: Box) => pages.frames[box.page - 1];

  function paint(box: Box): void {
    const frame = frameOf(box);
    let el = elements.get(box.id);
    if (!frame) return void el?.remove();
    if (!el) {
      el = createBoxElement(box, surface);
      elements.set(box.id, el);
    }
    paintBox(el, box, frame, selected === box);
  }

  function paintAll(): void {
    for (const box of boxes) paint(box);
    renderList();
  }

  function dropBoxElements(): void {
    for (const el of elements.values()) el.remove();
    elements.clear();
  }

  const renderList = () => renderBoxList(ui.list, ui.listCount, boxes, selected, (box) => goTo(box, 'smooth'));

  function renderProps(): void {
    renderBoxProps(ui.props, selected, {
      stepCount: stepCount(),
      pageSizes: pages.sizes,
      changed(box, typing) {
        boxesChanged(typing && `${box.id}:${typing}`);
        paint(box);
        renderList();
      },
      rerender: renderProps,
      remove: removeBox,
      show: (box) => elements.get(box.id)?.scrollIntoView({ block: 'center' }),
    });
  }

  function select_(box: Box | null): void {
    const previous = selected;
    selected = box;
    if (previous) paint(previous);
    if (box) paint(box);
    renderProps();
    renderList();
  }

  /** Selects the box, scrolls it into view and gives it the focus. */
  function goTo(box: Box, behavior: ScrollBehavior = 'auto'): void {
    select_(box);
    elements.get(box.id)?.scrollIntoView({ block: 'center', behavior });
    elements.get(box.id)?.focus({ preventScroll: true });
  }

  function removeBox(box: Box): void {
    const index = boxes.indexOf(box);
    boxes.splice(index, 1);
    elements.get(box.id)?.remove();
    elements.delete(box.id);
    // Gone: not to be painted again as the selection moves on.
    if (selected === box) selected = null;
    boxesChanged();
    app.announce(t('boxRemoved', { name: box.name }));
    const next = boxes[Math.min(index, boxes.length - 1)] ?? null;
    select_(next);
    if (next) elements.get(next.id)?.focus();
  }

  function newBox(type: FieldType, page: number, rect: Rect): Box {
    const name = freeName(t(`defaultName_${type}` as MessageKey), new Set(boxes.map((b) => b.name)));
    const box = newBoxOf(nextId++, name, type, page, rect);
    boxes.push(box);
    boxesChanged();
    paint(box);
    select_(box);
    app.announce(t('boxAdded', { name: box.name }));
    return box;
  }

  /** What a box's element and a drag on a page need of the editor. */
  const surface: BoxElementEditor & DrawingEditor = {
    helpId: ui.help.id,
    selected: () => selected,
    select: select_,
    frameOf,
    snapping: () => ui.snap.checked,
    neighbours: (box) => boxes.filter((b) => b !== box && b.page === box.page),
    boxesOn: (page) => boxes.filter((b) => b.page === page),
    paint,
    changed(box, key) {
      boxesChanged(key);
      paint(box);
      renderProps();
    },
    remove: removeBox,
    editProperties: () => ui.props.querySelector<HTMLInputElement>('input')?.focus(),
    drawn: (page, rect) => elements.get(newBox(ui.tool.input.value as FieldType, page, rect).id)?.focus({ preventScroll: true }),
    missed: () => select_(null),
  };

  // ── Undo and redo ────────────────────────────────────────────────────────
  const snapshot = (): Snapshot => ({ boxes: boxes.map((b) => ({ ...b })), selectedId: selected?.id ?? null });
  const history = new EditHistory(snapshot(), MAX_UNDO);

  function updateUndoButtons(): void {
    ui.undoButton.disabled = !history.canUndo;
    ui.redoButton.disabled = !history.canRedo;
  }

  /** Records a change to the boxes; `key` names a change that continues the one before it. */
  function boxesChanged(key?: string): void {
    markDirty();
    history.changed(snapshot(), key);
    updateUndoButtons();
  }

  function restore(state: Snapshot | null, done: MessageKey): void {
    if (!state) return;
    const boxHadFocus = document.activeElement instanceof HTMLElement && document.activeElement.closest('.ebox') !== null;
    boxes.splice(0, boxes.length, ...state.boxes.map((b) => ({ ...b })));
    dropBoxElements();
    selected = boxes.find((b) => b.id === state.selectedId) ?? null;
    markDirty();
    paintAll();
    renderProps();
    updateUndoButtons();
    if (boxHadFocus && selected) elements.get(selected.id)?.focus({ preventScroll: true });
    app.announce(t(done));
  }
  const undo = () => restore(history.undo(), 'undone');
  const redo = () => restore(history.redo(), 'redone');
  ui.undoButton.addEventListener('click', undo);
  ui.redoButton.addEventListener('click', redo);

  // ── The PDF, the controls, leaving ───────────────────────────────────────
  async function showPdf(load: () => ReturnType<typeof openPdf>): Promise<void> {
    dropBoxElements();
    const frames = await pages.show(load);
    frames.forEach((frame, i) => enableDrawing(frame, i + 1, surface));
    paintAll();
    renderProps();
  }

  // Each PDF chosen supersedes the one before: what comes back for an earlier one is dropped.
  let pdfChoice = 0;
  const saveAllowed = () => !existing?.replaced_by;

  ui.fileInput.addEventListener('change', async () => {
    const file = ui.fileInput.files?.[0];
    if (!file) return;
    const choice = ++pdfChoice;
    // The same file chosen again (once its tags are fixed) is a change, and is read again.
    ui.fileInput.value = '';
    ui.problems.textContent = '';
    clearTagState(ui);
    ui.save.disabled = !saveAllowed();
    if (file.size > MAX_PDF_BYTES) return void bindText(ui.problems, 'pdfTooLarge');
    const bytes = new Uint8Array(await file.arrayBuffer());
    try {
      // pdf.js takes the buffer it is given: it gets a copy, the upload keeps the original.
      await showPdf(() => openPdfData(bytes.slice()));
    } catch {
      return void bindText(ui.problems, 'pdfUnreadable');
    }
    if (choice !== pdfChoice) return;
    newPdf = bytes;
    ui.fileName.textContent = file.name;
    if (!ui.name.input.value.trim()) ui.name.input.value = file.name.replace(/\.pdf$/i, '');
    markDirty();
    app.announce(t('pdfLoaded', { pages: pages.sizes.length }));
    await takeTextTags(choice, bytes);
  });

  /**
   * Reads the chosen PDF's text tags and takes their boxes in, as one change to undo: the PDF
   * without the tags' text in place of the one chosen, more steps when the tags name later ones,
   * and each tag's box in place of a box of the same name (a revised document's tags moved).
   * Saving waits: until then the PDF to save still holds the tags' text.
   */
  async function takeTextTags(choice: number, pdf: Uint8Array): Promise<void> {
    const current = () => choice === pdfChoice;
    ui.save.disabled = true;
    try {
      const read = await readTextTags(ui, pdf, stepCount(), current);
      if (!read || !current()) return;
      const cleaned = bytesOfBase64(read.pdf);
      try {
        await showPdf(() => openPdfData(cleaned.slice()));
      } catch {
        return void bindText(ui.problems, 'pdfUnreadable');
      }
      if (!current()) return;
      newPdf = cleaned;
      if (read.steps > stepCount()) ui.steps.input.value = String(read.steps);
      const names = new Set(read.fields.map((f) => f.name));
      const replaced = boxes.filter((b) => names.has(b.name));
      const added = read.fields.map((f) => boxOfField(nextId++, f));
      boxes.splice(0, boxes.length, ...boxes.filter((b) => !names.has(b.name)), ...added);
      if (selected && replaced.includes(selected)) selected = null;
      dropBoxElements();
      boxesChanged();
      paintAll();
      renderProps();
      sayTagsTaken(ui, added.length, replaced.length);
    } finally {
      // A later choice has a reading of its own, which says when saving may go on.
      if (current()) ui.save.disabled = !saveAllowed();
    }
  }

  ui.addBox.addEventListener('click', () => {
    const frames = pages.frames;
    if (frames.length === 0) return void bindText(ui.problems, 'uploadFirst');
    const type = ui.tool.input.value as FieldType;
    const [width, height] = DEFAULT_SIZE[type];
    // On the page most in view.
    const page = frames.findIndex((f) => f.element.getBoundingClientRect().bottom > 120) + 1 || 1;
    const rect = placeNewBox(
      width,
      height,
      boxes.filter((b) => b.page === page),
      frames[page - 1]!.size,
    );
    goTo(newBox(type, page, rect));
  });

  ui.steps.input.addEventListener('change', () => {
    markDirty();
    renderProps();
  });
  ui.name.input.addEventListener('input', markDirty);
  ui.save.addEventListener('click', () =>
    saveTemplate({ app, existing, ui, stepCount: stepCount(), boxes, newPdf, showBox: goTo, saved: () => (dirty = false) }),
  );

  const beforeUnload = (event: BeforeUnloadEvent) => {
    if (dirty) event.preventDefault();
  };
  window.addEventListener('beforeunload', beforeUnload);
  const stopUndoKeys = listenForUndoKeys(undo, redo);
  const stopTranslating = onLanguageChange(() => {
    paintAll();
    renderProps();
  });
  app.onLeave(() => {
    window.removeEventListener('beforeunload', beforeUnload);
    stopUndoKeys();
    stopTranslating();
    pages.close();
  });

  // ── Start ────────────────────────────────────────────────────────────────
  renderProps();
  renderList();
  if (existing) {
    try {
      await showPdf(() => openPdf(`/console/api/templates/${existing.doc_id}/document.pdf`));
    } catch {
      bindText(ui.problems, 'pdfFailed');
    }
  }
}
