// The pages of a document in the browser, without a PDF engine: one frame per page, sized to the
// page's shape and the screen's width, its surface an image the server drew (signing and preview
// pages) or a canvas pdf.js draws (pdf-pages.ts: the console, the viewer). Boxes are placed over a
// frame in percentages, so they scale with the page; `--pt` on the frame is the number of CSS
// pixels per PDF point, for font sizes.
import { h } from './dom.ts';
import { PAGE_IMAGE_SIZES, srcsetOf } from './page-image-srcset.ts';
import { bindAttr } from './i18n.ts';

export interface PageSize {
  width: number;
  height: number;
}

export interface PageFrame {
  element: HTMLDivElement;
  /** What shows the page: an empty placeholder until an image or a canvas takes its place. */
  surface: HTMLElement;
  /** Holds the boxes of this page. */
  overlay: HTMLDivElement;
  size: PageSize;
}

export function createPageFrames(container: HTMLElement, sizes: PageSize[]): PageFrame[] {
  const frames = sizes.map((size, i) => {
    const surface = h('div', { class: 'surface', 'aria-hidden': 'true' });
    const overlay = h('div', { class: 'overlay' });
    const element = h('div', { class: 'page', role: 'group', 'data-page': String(i + 1) }, surface, overlay);
    bindAttr(element, 'aria-label', 'pageLabel', { n: i + 1, total: sizes.length });
    element.style.aspectRatio = `${size.width} / ${size.height}`;
    container.append(element);
    return { element, surface, overlay, size };
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

/**
 * Shows each page as the server's image: the browser picks the width it needs (srcset), the
 * first page at once, the others as they scroll near. `url(page, width)` names an image.
 * `headers`: sent with each image where a cookie may not be (a session kept in the page, inside
 * another site's frame): the images are then fetched, at the width the screen needs.
 */
export function showPageImages(
  frames: PageFrame[],
  widths: readonly number[],
  url: (page: number, width: number) => string,
  onError: () => void,
  headers: Record<string, string> = {},
): void {
  if (Object.keys(headers).length > 0) return void fetchPageImages(frames, widths, url, onError, headers);
  frames.forEach((frame, i) => {
    const page = i + 1;
    const image = h('img', {
      class: 'surface',
      alt: '',
      'aria-hidden': 'true',
      decoding: 'async',
      loading: i === 0 ? 'eager' : 'lazy',
      fetchpriority: i === 0 ? 'high' : 'auto',
      srcset: srcsetOf((width) => url(page, width), widths),
      sizes: PAGE_IMAGE_SIZES,
      src: url(page, widths[0]!),
      width: String(Math.round(frame.size.width)),
      height: String(Math.round(frame.size.height)),
    });
    image.addEventListener('load', () => (frame.element.dataset.rendered = 'true'), { once: true });
    image.addEventListener('error', onError, { once: true });
    frame.surface.replaceWith(image);
    frame.surface = image;
  });
}

function fetchPageImages(
  frames: PageFrame[],
  widths: readonly number[],
  url: (page: number, width: number) => string,
  onError: () => void,
  headers: Record<string, string>,
): void {
  frames.forEach(async (frame, i) => {
    const needed = frame.element.clientWidth * (window.devicePixelRatio || 1);
    const width = widths.find((w) => w >= needed) ?? widths[widths.length - 1]!;
    try {
      const response = await fetch(url(i + 1, width), { headers, credentials: 'same-origin' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const image = h('img', { class: 'surface', alt: '', 'aria-hidden': 'true', src: URL.createObjectURL(await response.blob()) });
      await image.decode().catch(() => {});
      frame.surface.replaceWith(image);
      frame.surface = image;
      frame.element.dataset.rendered = 'true';
    } catch {
      onError();
    }
  });
}
