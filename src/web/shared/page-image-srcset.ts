// How a page's image is asked for: the same srcset and sizes in the signing page's <img> and in
// the <link rel="preload"> its HTML carries, so the browser fetches the first page once, early.

/** The page shown as wide as the screen, up to the document column's 900 px. */
export const PAGE_IMAGE_SIZES = 'min(100vw, 900px)';

/** One candidate per width: `url(width)` names the image at that width. */
export function srcsetOf(url: (width: number) => string, widths: readonly number[]): string {
  return widths.map((width) => `${url(width)} ${width}w`).join(', ');
}

/** A signing link's page image: `url` has `{page}` where the page number goes; the width goes in ?width=. */
export function signPageImageUrl(url: string, page: number, width: number): string {
  return `${url.replace('{page}', String(page))}?width=${width}`;
}
