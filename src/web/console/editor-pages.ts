// The template editor's pages: the PDF opened with pdf.js and drawn a page at a time as it scrolls
// near (pdf-pages.ts), the zoom (the pages' width; boxes are placed in % and follow), and, before
// there is a PDF, the invitation to upload one.
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { clear, h } from '../shared/dom.ts';
import { bindAttr, bindText, tx } from '../shared/i18n.ts';
import { createPageFrames, pageSizes, renderPages, type PageFrame, type PageSize } from '../shared/pdf-pages.ts';

const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3];
/** CSS pixels per PDF point at 100%. */
const PX_PER_PT = 96 / 72;

export interface EditorPages {
  /** The pages, or the invitation to upload a PDF. */
  section: HTMLElement;
  /** −, the zoom in %, +, fit. */
  zoomControls: HTMLElement;
  /** One frame per page of the PDF shown; none before one is. */
  readonly frames: PageFrame[];
  /** The pages' sizes in points: the template's own until its PDF is open. */
  readonly sizes: PageSize[];
  /** Opens a PDF and shows its pages in place of any shown, zoomed to fit (at most 100%): their frames. */
  show(load: () => Promise<PDFDocumentProxy>): Promise<PageFrame[]>;
  /** Stops drawing and closes the PDF (pdf.js's worker with it): the view is left. */
  close(): void;
}

/**
 * `sizes`: the template's pages, or null when there is no PDF yet; `uploadInput` is the file
 * input the invitation opens; `onRenderError` is told of a page that could not be drawn.
 */
export function createEditorPages(sizes: PageSize[] | null, uploadInput: HTMLInputElement, onRenderError: () => void): EditorPages {
  let frames: PageFrame[] = [];
  let pageSizesPt = sizes ?? [];
  let zoom = 1;
  let pdf: PDFDocumentProxy | null = null;
  let stopRendering = () => {};
  let closed = false;

  const pages = h('div', { class: 'editor-pages' });
  // Focusable, so that the pages scroll from the keyboard even before there is a box to focus.
  const scroller = h('div', { class: 'editor-scroller', tabindex: '0', role: 'group', 'aria-labelledby': 'pages-title' }, pages);
  const uploadButton = h('label', { class: 'button primary file-button', for: uploadInput.id });
  bindText(uploadButton, 'uploadPdf');
  const emptyState = h('div', { class: 'upload-first' }, tx('p', 'uploadFirst'), uploadButton);
  emptyState.hidden = sizes !== null;
  scroller.hidden = sizes === null;
  const section = h(
    'section',
    { class: 'editor-canvas', 'aria-labelledby': 'pages-title' },
    tx('h2', 'pagesTitle', {}, { id: 'pages-title', class: 'sr-only' }),
    emptyState,
    scroller,
  );

  const zoomOut = h('button', { type: 'button', class: 'secondary small', text: '−' });
  const zoomIn = h('button', { type: 'button', class: 'secondary small', text: '+' });
  const zoomFit = tx('button', 'zoomFit', {}, { type: 'button', class: 'secondary small' });
  bindAttr(zoomOut, 'aria-label', 'zoomOut');
  bindAttr(zoomIn, 'aria-label', 'zoomIn');
  const zoomLabel = h('output', { class: 'zoom-label', 'aria-live': 'polite' });
  const zoomControls = h('div', { class: 'zoom', role: 'group' }, zoomOut, zoomLabel, zoomIn, zoomFit);
  bindAttr(zoomControls, 'aria-label', 'zoom');

  const widest = () => Math.max(...pageSizesPt.map((p) => p.width), 1);
  const fitZoom = () => Math.max(0.25, Math.min(1.5, (scroller.clientWidth - 24) / (widest() * PX_PER_PT)));
  function setZoom(next: number): void {
    zoom = next;
    pages.style.width = `${Math.round(widest() * PX_PER_PT * zoom)}px`;
    zoomLabel.textContent = `${Math.round(zoom * 100)}%`;
    zoomOut.disabled = zoom <= ZOOMS[0]!;
    zoomIn.disabled = zoom >= ZOOMS.at(-1)!;
  }
  zoomIn.addEventListener('click', () => setZoom(ZOOMS.find((z) => z > zoom + 0.01) ?? zoom));
  zoomOut.addEventListener('click', () => setZoom([...ZOOMS].reverse().find((z) => z < zoom - 0.01) ?? zoom));
  zoomFit.addEventListener('click', () => setZoom(fitZoom()));
  setZoom(zoom);

  function closePdf(): void {
    stopRendering();
    stopRendering = () => {};
    void pdf?.destroy();
    pdf = null;
  }

  return {
    section,
    zoomControls,
    get frames() {
      return frames;
    },
    get sizes() {
      return pageSizesPt;
    },
    async show(load) {
      closePdf();
      clear(pages);
      const opened = await load();
      // Left while the PDF was loading: nothing will draw it (close() closes one it knows of).
      if (closed) {
        void opened.destroy();
        return [];
      }
      pdf = opened;
      const sizes = await pageSizes(opened);
      if (closed) return [];
      pageSizesPt = sizes;
      emptyState.hidden = true;
      scroller.hidden = false;
      setZoom(Math.min(1, fitZoom()));
      frames = createPageFrames(pages, pageSizesPt);
      stopRendering = renderPages(opened, frames, onRenderError);
      return frames;
    },
    close() {
      closed = true;
      closePdf();
    },
  };
}
