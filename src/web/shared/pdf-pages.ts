// PDF pages with pdf.js, served by Dojang itself (worker, CMaps, standard fonts under
// /assets/), drawn into page frames (page-frames.ts) when they scroll near the viewport and
// again, sharper, when their width changes: the console and the viewer page. The signing page
// shows the server's images instead and never loads this.
import { getDocument, GlobalWorkerOptions, type PDFDocumentProxy, type RenderTask } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PageFrame, PageSize } from './page-frames.ts';

export { createPageFrames, placeBox, type PageFrame, type PageSize } from './page-frames.ts';

// The worker's and the resources' built names (scripts/build-web.ts: esbuild's define).
declare const __DOJANG_PDF_WORKER__: string;
declare const __DOJANG_PDFJS_DIR__: string;
GlobalWorkerOptions.workerSrc = __DOJANG_PDF_WORKER__;

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

/** Renders each frame's page when it comes near the viewport, and again when its width changes, until the function it answers is called. */
export function renderPages(pdf: PDFDocumentProxy, frames: PageFrame[], onError: (error: unknown) => void): () => void {
  const rendered = new Map<PageFrame, number>();
  const tasks = new Map<PageFrame, RenderTask>();
  const visible = new Set<PageFrame>();
  let stopped = false;

  async function render(frame: PageFrame): Promise<void> {
    const cssWidth = frame.element.clientWidth;
    if (stopped || cssWidth === 0 || rendered.get(frame) === cssWidth) return;
    rendered.set(frame, cssWidth);
    tasks.get(frame)?.cancel();
    try {
      const page = await pdf.getPage(frames.indexOf(frame) + 1);
      if (stopped) return;
      const base = page.getViewport({ scale: 1 });
      // Sharp on high-density screens, but at most ~12 megapixels a page.
      const ratio = Math.min(window.devicePixelRatio || 1, 2, Math.sqrt(12e6 / (cssWidth * cssWidth * (base.height / base.width))));
      const viewport = page.getViewport({ scale: (cssWidth * ratio) / base.width });
      const canvas = document.createElement('canvas');
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      const task = page.render({ canvas, viewport });
      tasks.set(frame, task);
      await task.promise;
      // Swap only when done, so the page never flashes blank.
      canvas.setAttribute('aria-hidden', 'true');
      canvas.className = 'surface';
      frame.surface.replaceWith(canvas);
      frame.surface = canvas;
      frame.element.dataset.rendered = 'true';
    } catch (error) {
      // Once stopped, the document may be closed under a page still being drawn.
      if (!stopped && (error as { name?: string }).name !== 'RenderingCancelledException') onError(error);
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
    stopped = true;
    window.clearTimeout(resizeTimer);
    intersection.disconnect();
    resize.disconnect();
    tasks.forEach((task) => task.cancel());
  };
}
