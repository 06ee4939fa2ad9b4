// Page images of a template: each page drawn once per width, in a PDF worker, and kept in the
// file store by the PDF's SHA-256 (a template's PDF never changes under its hash), so every
// signer of every contract on it gets the same files. Drawn on first request, not at upload: a
// quiet server, and templates nobody signs, pay nothing.
import { PDFJS_RESOURCES } from '../pdf/pdfjs-resources.ts';
import type { Context } from '../context.ts';
import { asServiceError } from '../pdf/pdf-service-error.ts';
import type { Template } from '../store/schema.ts';

/** The widths pages are drawn at: a phone's screen at 2× its CSS pixels, at 3× (or a tablet), and a desktop's. */
export const PAGE_IMAGE_WIDTHS = [800, 1200, 1600] as const;
export type PageImageWidth = (typeof PAGE_IMAGE_WIDTHS)[number];

export const pageImageKey = (pdfSha256: string, width: number, page: number) => `pages/${pdfSha256}/${width}/${page}.webp`;

/** Page `page` (1-based) of the template at `width` pixels, as WebP; null when the template has no such page. */
export async function pageImage(
  ctx: Pick<Context, 'files' | 'pdf'>,
  template: Pick<Template, 'pdf_key' | 'pdf_sha256' | 'pages'>,
  page: number,
  width: PageImageWidth,
): Promise<Uint8Array | null> {
  const pages = (JSON.parse(template.pages) as unknown[]).length;
  if (!Number.isInteger(page) || page < 1 || page > pages) return null;
  const key = pageImageKey(template.pdf_sha256, width, page);
  const kept = await ctx.files.get(key);
  if (kept) return kept;
  return ctx.pdf.once(key, async () => {
    const pdf = await ctx.files.get(template.pdf_key);
    if (!pdf) return null;
    const checked = ctx.pdf.isChecked(template.pdf_sha256);
    const image = await asServiceError(() => ctx.pdf.run('page-image', { pdf, limits: ctx.pdf.limits, checked, page, width, pdfjsResources: PDFJS_RESOURCES }));
    if (!checked) ctx.pdf.markChecked(template.pdf_sha256);
    await ctx.files.put(key, image);
    return image;
  });
}

export const isPageImageWidth = (width: number): width is PageImageWidth => (PAGE_IMAGE_WIDTHS as readonly number[]).includes(width);
