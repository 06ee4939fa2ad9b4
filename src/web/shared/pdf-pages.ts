// PDF pages with pdf.js, served by Dojang itself (worker, CMaps, standard fonts under
// /assets/): one frame per page, sized to the page's shape and the screen's width, rendered
// when it scrolls near the viewport and again, sharper, when its width changes. Boxes are
// placed over a frame in percentages, so they scale with the page; `--pt` on the frame is the
// number of CSS pixels per PDF point, for font sizes.
import { getDocument, GlobalWorkerOptions, type PDFDocumentProxy, type RenderTask } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { h } from './dom.ts';
import { bindAttr } from './i18n.ts';

// The worker's and the resources' built names (scripts/build-web.ts: esbuild's define).
declare const __DOJANG_PDF_WORKER__: string;
declare const __DOJANG_PDFJS_DIR__: string;
GlobalWorkerOptions.workerSrc = __DOJANG_PDF_WORKER__;

export interface PageSize {
  width: number;
  height: number;
}

export interface PageFrame {
  element: HTMLDivElement;
  canvas: HTMLCanvasElement;
  /** Holds the boxes of this page. */
  overlay: HTMLDivElement;
  size: PageSize;
}

export class FetchError extends Error {
  constructor(
    readonly status: number,
    readonly retryAfterSeconds = 5,
  ) {
    super(`HTTP ${status}`);
  }
}

/** Fetches the PDF ourselves (so the session header goes along) and opens it with pdf.js. */
export async function openPdf(url: string, headers: Record<string, string> = {}): Promise<PDFDocumentProxy> {
  const response = await fetch(url, { headers, credentials: 'same-origin', cache: 'no-store' });
  // 202: a completed document still being made (the documents routes answer "come back shortly").
  if (response.status !== 200) throw new FetchError(response.status, Number(response.headers.get('retry-after') ?? 5));
  return openPdfData(new Uint8Array(await response.arrayBuffer()));
}

/** Opens a PDF already in memory (a file the user just chose) with pdf.js. */
export function openPdfData(data: Uint8Array): Promise<PDFDocumentProxy> {
  return getDocument({
    data,
    cMapUrl: `${__DOJANG_PDFJS_DIR__}cmaps/`,
    cMapPacked: true,
    standardFontDataUrl: `${__DOJANG_PDFJS_DIR__}standard_fonts/`,
    wasmUrl: `${__DOJANG_PDFJS_DIR__}wasm/`,
    iccUrl: `${__DOJANG_PDFJS_DIR__}iccs/`,
    // The CSP has no 'unsafe-eval'.
    isEvalSupported: false,
  }).promise;
}

export async function pageSizes(pdf: PDFDocumentProxy): Promise<PageSize[]> {
  const sizes: PageSize[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const viewport = (await pdf.getPage(n)).getViewport({ scale: 1 });
    sizes.push({ width: viewport.width, height: viewport.height });
  }
  return sizes;
}

export function createPageFrames(container: HTMLElement, sizes: PageSize[]): PageFrame[] {
  const frames = sizes.map((size, i) => {
    const canvas = h('canvas', { 'aria-hidden': 'true' });
    const overlay = h('div', { class: 'overlay' });
    const element = h('div', { class: 'page', role: 'group', 'data-page': String(i + 1) }, canvas, overlay);
    bindAttr(element, 'aria-label', 'pageLabel', { n: i + 1, total: sizes.length });
    element.style.aspectRatio = `${size.width} / ${size.height}`;
    container.append(element);
    return { element, canvas, overlay, size };
  });
  const scale = new ResizeObserver(() => {
    for (const frame of frames) frame.element.style.setProperty('--pt', String(frame.element.clientWidth / frame.size.width));
  });
  for (const frame of frames) scale.observe(frame.element);
  return frames;
}

/** Places an element over a box given in PDF points from the page's top-left corner. */
export function placeBox(el: HTMLElement, frame: PageFrame, box: { x: number; y: number; width: number; height: number }): void {
  el.style.left = `${(box.x / frame.size.width) * 100}%`;
  el.style.top = `${(box.y / frame.size.height) * 100}%`;
  el.style.width = `${(box.width / frame.size.width) * 100}%`;
  el.style.height = `${(box.height / frame.size.height) * 100}%`;
  // Text at most 60% of the box's height, between 6 and 14 points.
  el.style.setProperty('--fs', String(Math.max(6, Math.min(14, box.height * 0.6))));
}

/** Renders each frame's page when it comes near the viewport, and again when its width changes. */
export function renderPages(pdf: PDFDocumentProxy, frames: PageFrame[], onError: (error: unknown) => void): () => void {
  const rendered = new Map<PageFrame, number>();
  const tasks = new Map<PageFrame, RenderTask>();
  const visible = new Set<PageFrame>();

  async function render(frame: PageFrame): Promise<void> {
    const cssWidth = frame.element.clientWidth;
    if (cssWidth === 0 || rendered.get(frame) === cssWidth) return;
    rendered.set(frame, cssWidth);
    tasks.get(frame)?.cancel();
    const page = await pdf.getPage(frames.indexOf(frame) + 1);
    const base = page.getViewport({ scale: 1 });
    // Sharp on high-density screens, but at most ~12 megapixels a page.
    const ratio = Math.min(window.devicePixelRatio || 1, 2, Math.sqrt(12e6 / (cssWidth * cssWidth * (base.height / base.width))));
    const viewport = page.getViewport({ scale: (cssWidth * ratio) / base.width });
    const canvas = document.createElement('canvas');
    canvas.width = Math.floor(viewport.width);
    canvas.height = Math.floor(viewport.height);
    const task = page.render({ canvas, viewport });
    tasks.set(frame, task);
    try {
      await task.promise;
      // Swap only when done, so the page never flashes blank.
      canvas.setAttribute('aria-hidden', 'true');
      frame.canvas.replaceWith(canvas);
      frame.canvas = canvas;
      frame.element.dataset.rendered = 'true';
    } catch (error) {
      if ((error as { name?: string }).name !== 'RenderingCancelledException') onError(error);
    }
  }

  const intersection = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        const frame = frames.find((f) => f.element === entry.target);
        if (!frame) continue;
        if (entry.isIntersecting) {
          visible.add(frame);
          void render(frame);
        } else visible.delete(frame);
      }
    },
    { rootMargin: '600px 0px' },
  );
  let resizeTimer = 0;
  const resize = new ResizeObserver(() => {
    window.clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(() => visible.forEach((frame) => void render(frame)), 200);
  });
  for (const frame of frames) {
    intersection.observe(frame.element);
    resize.observe(frame.element);
  }
  return () => {
    intersection.disconnect();
    resize.disconnect();
    tasks.forEach((task) => task.cancel());
  };
}
