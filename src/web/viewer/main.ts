// The viewer page: a PDF and a download button, for the viewer links of a completed workflow
// (its document and history certificate), drawn with pdf.js, and for template previews, shown as
// the server's page images (pdf.js is then never loaded) with every box outlined and named with
// its step.
import { clear, h } from '../shared/dom.ts';
import { bindText, setLanguage, tx } from '../shared/i18n.ts';
import { matchLanguage } from '../shared/messages.ts';
import { createPageFrames, placeBox, showPageImages, type PageFrame } from '../shared/page-frames.ts';
import { topBar } from '../shared/top-bar.ts';
import type { TemplateField } from '../../domain/fields.ts';

/** A box of a previewed template, as GET /api/preview/fields answers it. */
type PreviewField = Pick<TemplateField, 'name' | 'type' | 'owner' | 'required' | 'page' | 'x' | 'y' | 'width' | 'height'> & { label: string; value: string };

const root = document.getElementById('app')!;
const data = document.body.dataset;
setLanguage(matchLanguage(data.language));

const download = tx('a', 'download', {}, { class: 'button primary', href: data.downloadUrl ?? '', download: '' });
const status = h('p', { class: 'alert', role: 'status' });
const heading = tx('h2', 'document', {}, { class: 'sr-only', id: 'doc-heading' });
const pages = h('section', { class: 'doc', 'aria-labelledby': 'doc-heading' });
const legend = h('ul', { class: 'legend' });
clear(root);
root.append(topBar({ title: data.title ?? '', actions: [download] }), h('main', { class: 'doc-page' }, status, legend, heading, pages));
bindText(status, 'loading');

async function showImages(url: string, widths: number[], fieldsUrl: string): Promise<void> {
  const response = await fetch(fieldsUrl, { credentials: 'same-origin', cache: 'no-store' });
  if (!response.ok) return void bindText(status, 'pdfFailed');
  const preview = (await response.json()) as Preview;
  const frames = createPageFrames(pages, preview.pages);
  showPageImages(
    frames,
    widths,
    (n, width) => `${url.replace('{page}', String(n))}&width=${width}`,
    () => bindText(status, 'pdfFailed'),
  );
  outlineBoxes(preview, frames);
  status.textContent = '';
}

async function show(): Promise<void> {
  const { FetchError, openPdf, pageSizes, renderPages } = await import('../shared/pdf-pages.ts');
  try {
    const pdf = await openPdf(data.pdfUrl ?? '');
    const frames = createPageFrames(pages, await pageSizes(pdf));
    if (data.fieldsUrl) {
      const response = await fetch(data.fieldsUrl, { credentials: 'same-origin', cache: 'no-store' });
      if (response.ok) outlineBoxes((await response.json()) as Preview, frames);
    }
    status.textContent = '';
    renderPages(pdf, frames, () => bindText(status, 'pdfFailed'));
  } catch (error) {
    if (error instanceof FetchError && error.status === 202) {
      bindText(status, 'documentPreparing');
      window.setTimeout(() => void show(), Math.min(Math.max(error.retryAfterSeconds, 1), 30) * 1000);
      return;
    }
    bindText(status, 'pdfFailed');
  }
}

interface Preview {
  steps: number;
  pages: { width: number; height: number }[];
  fields: PreviewField[];
}

function outlineBoxes(preview: Preview, frames: PageFrame[]): void {
  for (const field of preview.fields) {
    const frame = frames[field.page - 1];
    if (!frame) continue;
    const box = h(
      'div',
      { class: `box outline owner-${Math.min(field.owner, 6)}${field.required ? ' required' : ''}` },
      h('span', { class: 'box-name', text: field.type === 'LabelBox' && field.value ? field.value : field.label }),
    );
    placeBox(box, frame, field);
    frame.overlay.append(box);
  }
  const owners = [...new Set(preview.fields.map((f) => f.owner))].sort((a, b) => a - b);
  for (const owner of owners) {
    legend.append(h('li', { class: `owner-${Math.min(owner, 6)}` }, owner === 0 ? tx('span', 'labelLegend') : tx('span', 'stepLegend', { step: owner })));
  }
}

if (data.pageImagesUrl && data.fieldsUrl) void showImages(data.pageImagesUrl, (data.pageImagesWidths ?? '').split(',').map(Number), data.fieldsUrl);
else void show();
