// The template editor: upload a PDF, see its pages, draw boxes on them by dragging, choose each
// box's type, name, step and whether it is required, move and resize it (by pointer, or with the
// arrow keys: Shift for 10 points, Alt to resize), snap to a grid and to other boxes, zoom, and
// undo and redo every change to the boxes (Ctrl+Z, Ctrl+Shift+Z or Ctrl+Y, and two buttons), and
// save through the templates module. A template that workflows use is saved as a new version.
import { clear, h, uid } from '../shared/dom.ts';
import { bindAttr, bindText, onLanguageChange, t, tx, type MessageKey } from '../shared/i18n.ts';
import { createPageFrames, openPdf, openPdfData, pageSizes, placeBox, renderPages, type PageFrame } from '../shared/pdf-pages.ts';
import type { FieldType } from '../../domain/fields.ts';
import type { ConsoleApp } from './app-context.ts';
import { api, ApiError, type ConsoleTemplate } from './console-api.ts';
import {
  freeName,
  HANDLES,
  MIN_SIZE,
  moveRect,
  nudge,
  rectFromDrag,
  resizeRect,
  roundRect,
  snapMove,
  snapResize,
  type Handle,
  type PageSize,
  type Rect,
} from './editor-geometry.ts';
import { EditHistory } from './editor-history.ts';
import { DEFAULT_SIZE, TYPES, typeKey, type Box } from './editor-model.ts';
import { renderBoxProps } from './editor-props.ts';
import { labelled, plainHeading, routeLink, select, textInput, viewHeading } from './ui.ts';

const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3];
/** CSS pixels per PDF point at 100%. */
const PX_PER_PT = 96 / 72;
const MAX_PDF_BYTES = 20 * 1024 * 1024;
/** Changes kept to undo. */
const MAX_UNDO = 200;

function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export async function renderTemplateEditor(app: ConsoleApp, params: Record<string, string>): Promise<void> {
  const templateId = params.id ?? null;
  let existing: ConsoleTemplate | null = null;
  if (templateId) {
    try {
      existing = await api.get<ConsoleTemplate>(`/templates/${templateId}`);
    } catch (error) {
      app.main.append(
        tx(
          'h1',
          error instanceof ApiError && error.status === 404 ? 'templateNotFound' : 'somethingWrong',
          { detail: error instanceof Error ? error.message : '' },
          { class: 'view-title', tabindex: '-1' },
        ),
      );
      return;
    }
  }

  // ── State ────────────────────────────────────────────────────────────────
  let nextId = 1;
  const boxes: Box[] = (existing?.fields ?? []).map((f) => ({ ...f, id: nextId++, label: f.label ?? '', group: f.group ?? '', default: f.default ?? '' }));
  let selected: Box | null = null;
  let pageSizesPt: PageSize[] = existing?.pages ?? [];
  let frames: PageFrame[] = [];
  let newPdf: Uint8Array | null = null;
  let zoom = 1;
  let dirty = false;
  let stopRendering = () => {};
  const elements = new Map<number, HTMLElement>();
  const markDirty = () => {
    dirty = true;
    saveState.textContent = '';
  };
  const beforeUnload = (event: BeforeUnloadEvent) => {
    if (dirty) event.preventDefault();
  };
  window.addEventListener('beforeunload', beforeUnload);
  app.onLeave(() => {
    window.removeEventListener('beforeunload', beforeUnload);
    stopRendering();
  });

  // ── Settings and toolbar ─────────────────────────────────────────────────
  const name = labelled('templateName', textInput({ maxlength: '128', required: true, value: existing?.name ?? '' }));
  const steps = labelled('stepCount', h('input', { type: 'number', min: '1', max: '20', step: '1', required: true, value: String(existing?.steps ?? 1) }), {
    hint: 'stepCountHint',
  });
  const fileInput = h('input', { type: 'file', accept: 'application/pdf,.pdf', class: 'file-input' });
  const fileButton = h('label', { class: 'button secondary file-button', for: (fileInput.id = uid('pdf')) });
  bindText(fileButton, existing ? 'replacePdf' : 'uploadPdf');
  const fileName = h('span', { class: 'file-name' });
  const tool = labelled('newBoxType', select(TYPES.map((type) => [type, typeKey(type)])));
  const addBox = tx('button', 'addBox', {}, { type: 'button', class: 'secondary' });
  const undoButton = tx('button', 'undo', {}, { type: 'button', class: 'secondary small', 'aria-keyshortcuts': 'Control+Z Meta+Z' });
  const redoButton = tx('button', 'redo', {}, { type: 'button', class: 'secondary small', 'aria-keyshortcuts': 'Control+Shift+Z Meta+Shift+Z Control+Y' });
  undoButton.disabled = true;
  redoButton.disabled = true;
  const zoomOut = h('button', { type: 'button', class: 'secondary small', text: '−' });
  const zoomIn = h('button', { type: 'button', class: 'secondary small', text: '+' });
  const zoomFit = tx('button', 'zoomFit', {}, { type: 'button', class: 'secondary small' });
  bindAttr(zoomOut, 'aria-label', 'zoomOut');
  bindAttr(zoomIn, 'aria-label', 'zoomIn');
  const zoomLabel = h('output', { class: 'zoom-label', 'aria-live': 'polite' });
  const snap = h('input', { type: 'checkbox', checked: true, id: uid('snap') });
  const snapLabel = h('label', { class: 'check', for: snap.id }, snap, tx('span', 'snapToGrid'));
  const save = tx('button', existing?.workflow_count ? 'saveAsNewVersion' : 'saveTemplate', {}, { type: 'button', class: 'primary' });
  const saveState = h('p', { class: 'hint', role: 'status' });
  const problems = h('div', { class: 'alert-box', role: 'alert' });

  const toolbar = h(
    'div',
    { class: 'editor-toolbar', role: 'toolbar' },
    tool.wrapper,
    addBox,
    h('div', { class: 'undo', role: 'group' }, undoButton, redoButton),
    h('div', { class: 'zoom', role: 'group' }, zoomOut, zoomLabel, zoomIn, zoomFit),
    snapLabel,
    h('div', { class: 'toolbar-end' }, save),
  );
  bindAttr(toolbar, 'aria-label', 'editorTools');
  bindAttr(toolbar.querySelector<HTMLElement>('.zoom')!, 'aria-label', 'zoom');
  bindAttr(toolbar.querySelector<HTMLElement>('.undo')!, 'aria-label', 'undoGroup');

  // ── Pages ────────────────────────────────────────────────────────────────
  const pages = h('div', { class: 'editor-pages' });
  const pagesScroller = h('div', { class: 'editor-scroller' }, pages);
  const pagesHint = tx('p', 'editorHelp', {}, { class: 'hint', id: uid('editor-help') });
  const emptyButton = h('label', { class: 'button primary file-button', for: fileInput.id });
  bindText(emptyButton, 'uploadPdf');
  const emptyState = h('div', { class: 'upload-first' }, tx('p', 'uploadFirst'), emptyButton);

  // ── Properties of the selected box, and the list of boxes ────────────────
  const props = h('div', { class: 'box-props' });
  const list = h('ul', { class: 'box-list' });
  const listCount = h('span', { class: 'muted' });
  const side = h(
    'aside',
    { class: 'editor-side', 'aria-labelledby': 'settings-title' },
    tx('h2', 'templateSettings', {}, { id: 'settings-title' }),
    h(
      'div',
      { class: 'template-settings' },
      name.wrapper,
      steps.wrapper,
      h(
        'div',
        { class: 'field' },
        h('span', { class: 'label-like' }, tx('span', 'templatePdf')),
        h('div', { class: 'file-row' }, fileInput, fileButton, fileName),
      ),
    ),
    tx('h2', 'selectedBox', {}, { id: 'props-title' }),
    props,
    h('h2', { id: 'boxes-title' }, tx('span', 'allBoxes'), ' ', listCount),
    list,
    pagesHint,
  );
  const notices: HTMLElement[] = [];
  if (existing?.replaced_by) {
    const link = routeLink(app, `/console/templates/${existing.replaced_by}`, `#${existing.replaced_by}`);
    notices.push(h('p', { class: 'notice' }, tx('span', 'templateReplaced', { id: existing.replaced_by }), ' ', link));
  } else if (existing && existing.workflow_count > 0) {
    notices.push(tx('p', 'templateInUse', { n: existing.workflow_count, id: existing.doc_id }, { class: 'notice' }));
  }

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
    ...notices,
    toolbar,
    saveState,
    problems,
    h(
      'div',
      { class: 'editor-body' },
      h(
        'section',
        { class: 'editor-canvas', 'aria-labelledby': 'pages-title' },
        tx('h2', 'pagesTitle', {}, { id: 'pages-title', class: 'sr-only' }),
        emptyState,
        pagesScroller,
      ),
      side,
    ),
  );
  if (existing?.replaced_by) save.disabled = true;

  // ── Drawing the boxes ────────────────────────────────────────────────────
  const stepCount = () => Math.min(20, Math.max(1, Math.floor(Number(steps.input.value) || 1)));
  const frameOf = (box: Box) => frames[box.page - 1];
  const describe = (box: Box) =>
    box.type === 'LabelBox'
      ? t('boxLabelFixed', { name: box.name, type: t(typeKey(box.type)) })
      : t('boxLabel', { name: box.name, type: t(typeKey(box.type)), step: box.owner, required: box.required ? t('requiredMark') : '' });

  function paint(box: Box): void {
    const frame = frameOf(box);
    let el = elements.get(box.id);
    if (!frame) {
      el?.remove();
      return;
    }
    if (!el) {
      el = createBoxElement(box);
      elements.set(box.id, el);
    }
    if (el.parentElement !== frame.overlay) frame.overlay.append(el);
    placeBox(el, frame, box);
    el.className = `ebox owner-${Math.min(box.owner, 6)} type-${box.type}${box.required ? ' required' : ''}${selected === box ? ' selected' : ''}`;
    el.setAttribute('aria-label', describe(box));
    el.setAttribute('aria-pressed', String(selected === box));
    el.querySelector('.ebox-name')!.textContent = box.type === 'LabelBox' && box.default ? box.default : box.name;
  }

  function paintAll(): void {
    for (const box of boxes) paint(box);
    renderList();
  }

  function renderList(): void {
    clear(list);
    listCount.textContent = `(${boxes.length})`;
    for (const box of boxes) {
      const item = h(
        'button',
        { type: 'button', class: `box-list-item owner-${Math.min(box.owner, 6)}`, 'aria-pressed': String(selected === box) },
        h('span', { class: 'swatch', 'aria-hidden': 'true' }),
        h('span', { text: describe(box) }),
        h('span', { class: 'muted', text: ` · p.${box.page}` }),
      );
      item.addEventListener('click', () => {
        select_(box);
        elements.get(box.id)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
        elements.get(box.id)?.focus({ preventScroll: true });
      });
      list.append(h('li', {}, item));
    }
    if (boxes.length === 0) list.append(tx('li', 'noBoxesYet', {}, { class: 'muted' }));
  }

  function select_(box: Box | null): void {
    const previous = selected;
    selected = box;
    if (previous) paint(previous);
    if (box) paint(box);
    renderProps();
    renderList();
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
    const taken = new Set(boxes.map((b) => b.name));
    const box: Box = {
      id: nextId++,
      name: freeName(t(`defaultName_${type}` as MessageKey), taken),
      type,
      owner: type === 'LabelBox' ? 0 : 1,
      required: type !== 'LabelBox' && type !== 'CheckBox' && type !== 'PictureBox',
      page,
      label: '',
      group: '',
      default: '',
      ...roundRect(rect),
    };
    boxes.push(box);
    boxesChanged();
    paint(box);
    select_(box);
    app.announce(t('boxAdded', { name: box.name }));
    return box;
  }

  // ── Undo and redo ────────────────────────────────────────────────────────
  interface Snapshot {
    boxes: Box[];
    selectedId: number | null;
  }
  const snapshot = (): Snapshot => ({ boxes: boxes.map((b) => ({ ...b })), selectedId: selected?.id ?? null });
  const history = new EditHistory(snapshot(), MAX_UNDO);

  function updateUndoButtons(): void {
    undoButton.disabled = !history.canUndo;
    redoButton.disabled = !history.canRedo;
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
    for (const el of elements.values()) el.remove();
    elements.clear();
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

  undoButton.addEventListener('click', undo);
  redoButton.addEventListener('click', redo);
  const undoKeys = (event: KeyboardEvent) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
    // In a text field the browser's own undo applies to what is typed there.
    if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement || event.target instanceof HTMLSelectElement) return;
    const key = event.key.toLowerCase();
    if (key === 'z' && !event.shiftKey) undo();
    else if ((key === 'z' && event.shiftKey) || key === 'y') redo();
    else return;
    event.preventDefault();
  };
  document.addEventListener('keydown', undoKeys);
  app.onLeave(() => document.removeEventListener('keydown', undoKeys));

  const others = (box: Box) => boxes.filter((b) => b !== box && b.page === box.page);

  function createBoxElement(box: Box): HTMLElement {
    const el = h('div', { tabindex: '0', role: 'button', 'aria-describedby': pagesHint.id, 'data-box': String(box.id) }, h('span', { class: 'ebox-name' }));
    for (const handle of HANDLES) el.append(h('span', { class: `handle h-${handle}`, 'data-handle': handle, 'aria-hidden': 'true' }));
    el.addEventListener('focus', () => {
      if (selected !== box) select_(box);
    });
    el.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowLeft' || event.key === 'ArrowRight' || event.key === 'ArrowUp' || event.key === 'ArrowDown') {
        event.preventDefault();
        const page = pageSizesPt[box.page - 1]!;
        Object.assign(box, roundRect(nudge(box, event.key, { shift: event.shiftKey, resize: event.altKey }, page)));
        boxesChanged(`${box.id}:keys`);
        paint(box);
        renderProps();
      } else if (event.key === 'Delete' || event.key === 'Backspace') {
        event.preventDefault();
        removeBox(box);
      } else if (event.key === 'Enter' || event.key === 'F2') {
        event.preventDefault();
        props.querySelector<HTMLInputElement>('input')?.focus();
      } else if (event.key === 'Escape') {
        select_(null);
      }
    });
    el.addEventListener('pointerdown', (event) => {
      if (event.button !== 0) return;
      event.stopPropagation();
      event.preventDefault();
      el.focus({ preventScroll: true });
      select_(box);
      const handle = (event.target as HTMLElement).dataset.handle as Handle | undefined;
      const frame = frameOf(box)!;
      const start = { x: event.clientX, y: event.clientY };
      const origin: Rect = { x: box.x, y: box.y, width: box.width, height: box.height };
      const perPx = frame.size.width / frame.element.getBoundingClientRect().width;
      el.setPointerCapture(event.pointerId);
      let moved = false;
      const onMove = (e: PointerEvent) => {
        const dx = (e.clientX - start.x) * perPx;
        const dy = (e.clientY - start.y) * perPx;
        if (!moved && Math.hypot(e.clientX - start.x, e.clientY - start.y) < 2) return;
        moved = true;
        let next = handle ? resizeRect(origin, handle, dx, dy, frame.size) : moveRect(origin, dx, dy, frame.size);
        if (snap.checked) next = handle ? snapResize(next, handle, others(box), frame.size) : snapMove(next, others(box), frame.size);
        Object.assign(box, roundRect(next));
        paint(box);
      };
      const onUp = () => {
        el.removeEventListener('pointermove', onMove);
        el.removeEventListener('pointerup', onUp);
        el.removeEventListener('pointercancel', onUp);
        if (moved) {
          boxesChanged();
          renderProps();
        }
      };
      el.addEventListener('pointermove', onMove);
      el.addEventListener('pointerup', onUp);
      el.addEventListener('pointercancel', onUp);
    });
    return el;
  }

  /** Dragging on a page's empty area draws a box of the chosen type. */
  function enableDrawing(frame: PageFrame, pageNumber: number): void {
    const overlay = frame.overlay;
    overlay.classList.add('drawable');
    overlay.addEventListener('pointerdown', (event) => {
      if (event.button !== 0 || event.target !== overlay) return;
      event.preventDefault();
      const bounds = frame.element.getBoundingClientRect();
      const perPx = frame.size.width / bounds.width;
      const at = (e: PointerEvent) => ({ x: (e.clientX - bounds.left) * perPx, y: (e.clientY - bounds.top) * perPx });
      const start = at(event);
      const ghost = h('div', { class: 'ebox ghost', 'aria-hidden': 'true' });
      overlay.setPointerCapture(event.pointerId);
      let rect: Rect | null = null;
      const onMove = (e: PointerEvent) => {
        const end = at(e);
        rect = rectFromDrag(start.x, start.y, end.x, end.y, frame.size);
        if (snap.checked) {
          const neighbours = boxes.filter((b) => b.page === pageNumber);
          rect = snapResize(snapResize(rect, 'nw', neighbours, frame.size), 'se', neighbours, frame.size);
        }
        if (!ghost.parentElement) overlay.append(ghost);
        placeBox(ghost, frame, rect);
      };
      const onUp = () => {
        overlay.removeEventListener('pointermove', onMove);
        overlay.removeEventListener('pointerup', onUp);
        overlay.removeEventListener('pointercancel', onUp);
        ghost.remove();
        if (rect && rect.width >= MIN_SIZE && rect.height >= MIN_SIZE) {
          const box = newBox(tool.input.value as FieldType, pageNumber, rect);
          elements.get(box.id)?.focus({ preventScroll: true });
        } else select_(null);
      };
      overlay.addEventListener('pointermove', onMove);
      overlay.addEventListener('pointerup', onUp);
      overlay.addEventListener('pointercancel', onUp);
    });
  }

  // ── Properties panel ─────────────────────────────────────────────────────
  function renderProps(): void {
    renderBoxProps(props, selected, {
      stepCount: stepCount(),
      pageSizes: pageSizesPt,
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

  // ── The PDF ──────────────────────────────────────────────────────────────
  function applyZoom(): void {
    const widest = Math.max(...pageSizesPt.map((p) => p.width), 1);
    pages.style.width = `${Math.round(widest * PX_PER_PT * zoom)}px`;
    zoomLabel.textContent = `${Math.round(zoom * 100)}%`;
    zoomOut.disabled = zoom <= ZOOMS[0]!;
    zoomIn.disabled = zoom >= ZOOMS.at(-1)!;
  }

  function fitZoom(): number {
    const widest = Math.max(...pageSizesPt.map((p) => p.width), 1);
    const available = pagesScroller.clientWidth - 24;
    return Math.max(0.25, Math.min(1.5, available / (widest * PX_PER_PT)));
  }

  async function showPdf(load: () => ReturnType<typeof openPdf>): Promise<void> {
    stopRendering();
    clear(pages);
    for (const el of elements.values()) el.remove();
    elements.clear();
    const pdf = await load();
    pageSizesPt = await pageSizes(pdf);
    emptyState.hidden = true;
    pagesScroller.hidden = false;
    zoom = Math.min(1, fitZoom());
    applyZoom();
    frames = createPageFrames(pages, pageSizesPt);
    frames.forEach((frame, i) => enableDrawing(frame, i + 1));
    stopRendering = renderPages(pdf, frames, () => bindText(saveState, 'pdfFailed'));
    paintAll();
    renderProps();
  }

  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0];
    if (!file) return;
    problems.textContent = '';
    if (file.size > MAX_PDF_BYTES) {
      bindText(problems, 'pdfTooLarge');
      return;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    try {
      // pdf.js takes the buffer it is given: it gets a copy, the upload keeps the original.
      await showPdf(() => openPdfData(bytes.slice()));
    } catch {
      bindText(problems, 'pdfUnreadable');
      return;
    }
    newPdf = bytes;
    fileName.textContent = file.name;
    if (!name.input.value.trim()) name.input.value = file.name.replace(/\.pdf$/i, '');
    markDirty();
    app.announce(t('pdfLoaded', { pages: pageSizesPt.length }));
  });

  addBox.addEventListener('click', () => {
    if (frames.length === 0) return void bindText(problems, 'uploadFirst');
    const type = tool.input.value as FieldType;
    const [width, height] = DEFAULT_SIZE[type];
    // On the page most in view, near its top-left corner, clear of the boxes already there.
    const page = frames.findIndex((f) => f.element.getBoundingClientRect().bottom > 120) + 1 || 1;
    const size = frames[page - 1]!.size;
    let rect = moveRect({ x: 36, y: 36, width, height }, 0, 0, size);
    while (boxes.some((b) => b.page === page && Math.abs(b.x - rect.x) < 1 && Math.abs(b.y - rect.y) < 1)) rect = moveRect(rect, 12, 12, size);
    const box = newBox(type, page, rect);
    elements.get(box.id)?.scrollIntoView({ block: 'center' });
    elements.get(box.id)?.focus({ preventScroll: true });
  });

  const setZoom = (next: number) => {
    zoom = next;
    applyZoom();
  };
  zoomIn.addEventListener('click', () => setZoom(ZOOMS.find((z) => z > zoom + 0.01) ?? zoom));
  zoomOut.addEventListener('click', () => setZoom([...ZOOMS].reverse().find((z) => z < zoom - 0.01) ?? zoom));
  zoomFit.addEventListener('click', () => setZoom(fitZoom()));
  steps.input.addEventListener('change', () => {
    markDirty();
    renderProps();
  });
  name.input.addEventListener('input', markDirty);
  app.onLeave(
    onLanguageChange(() => {
      paintAll();
      renderProps();
    }),
  );

  // ── Saving ───────────────────────────────────────────────────────────────
  function showProblems(list_: { field: string; message: string }[]): void {
    clear(problems);
    problems.append(tx('p', 'saveRefused'));
    const ul = h('ul', { class: 'problem-list' });
    for (const problem of list_) {
      const match = /^fields\[(\d+)\]/.exec(problem.field);
      const box = match ? boxes[Number(match[1])] : undefined;
      const item = h('li', {}, h('code', { text: box ? box.name || problem.field : problem.field }), ` ${problem.message} `);
      if (box) {
        const go = tx('button', 'selectBox', {}, { type: 'button', class: 'link-button' });
        go.addEventListener('click', () => {
          select_(box);
          elements.get(box.id)?.scrollIntoView({ block: 'center' });
          elements.get(box.id)?.focus({ preventScroll: true });
        });
        item.append(go);
      }
      if (problem.field === 'name') name.setError(problem.message);
      if (problem.field === 'steps') steps.setError(problem.message);
      ul.append(item);
    }
    problems.append(ul);
  }

  save.addEventListener('click', async () => {
    clear(problems);
    name.setError(null);
    steps.setError(null);
    if (!existing && !newPdf) return void bindText(problems, 'uploadFirst');
    const body = {
      name: name.input.value,
      steps: stepCount(),
      fields: boxes.map((b) => ({
        name: b.name.trim(),
        ...(b.label.trim() ? { label: b.label.trim() } : {}),
        type: b.type,
        owner: b.type === 'LabelBox' ? 0 : b.owner,
        required: b.type === 'LabelBox' ? false : b.required,
        page: b.page,
        ...roundRect(b),
        ...(b.type === 'RadioBox' && b.group.trim() ? { group: b.group.trim() } : {}),
        ...(b.default !== '' ? { default: b.default } : {}),
      })),
      ...(newPdf ? { pdf: base64Of(newPdf) } : {}),
    };
    save.disabled = true;
    bindText(saveState, 'saving');
    try {
      if (!existing) {
        const created = await api.post<{ doc_id: string }>('/templates', body);
        dirty = false;
        app.announce(t('templateCreated', { id: created.doc_id }));
        app.navigate(`/console/templates/${created.doc_id}`, { replace: true });
        return;
      }
      const saved = await api.put<{ doc_id: string; replaced: string | null }>(`/templates/${existing.doc_id}`, body);
      dirty = false;
      app.announce(saved.replaced ? t('templateVersioned', { id: saved.doc_id, old: saved.replaced }) : t('templateSaved'));
      app.navigate(`/console/templates/${saved.doc_id}`, { replace: true });
    } catch (error) {
      save.disabled = false;
      saveState.textContent = '';
      if (error instanceof ApiError && error.problems.length > 0) showProblems(error.problems);
      else problems.textContent = error instanceof ApiError ? error.message : String(error);
    }
  });

  // ── Start ────────────────────────────────────────────────────────────────
  applyZoom();
  renderProps();
  renderList();
  if (existing) {
    emptyState.hidden = true;
    try {
      await showPdf(() => openPdf(`/console/api/templates/${existing!.doc_id}/document.pdf`));
    } catch {
      bindText(problems, 'pdfFailed');
    }
  } else {
    pagesScroller.hidden = true;
  }
}
