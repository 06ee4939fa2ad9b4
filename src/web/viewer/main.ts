// The viewer page: a PDF shown with pdf.js and a download button, for the viewer links of a
// completed workflow (its document and history certificate) and for template previews, where
// every box is outlined and named with its step.
import { clear, h } from '../shared/dom.ts';
import { bindText, setLanguage, tx } from '../shared/i18n.ts';
import { matchLanguage } from '../shared/messages.ts';
import { createPageFrames, FetchError, openPdf, pageSizes, placeBox, renderPages, type PageFrame } from '../shared/pdf-pages.ts';
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

async function show(): Promise<void> {
  try {
    const pdf = await openPdf(data.pdfUrl ?? '');
    const frames = createPageFrames(pages, await pageSizes(pdf));
    if (data.fieldsUrl) await outlineBoxes(data.fieldsUrl, frames);
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

async function outlineBoxes(url: string, frames: PageFrame[]): Promise<void> {
  const response = await fetch(url, { credentials: 'same-origin', cache: 'no-store' });
  if (!response.ok) return;
  const preview = (await response.json()) as { steps: number; fields: PreviewField[] };
  for (const field of preview.fields) {
    const frame = frames[field.page - 1];
    if (!frame) continue;
    const box = h('div', { class: `box outline owner-${Math.min(field.owner, 6)}${field.required ? ' required' : ''}` }, h('span', { class: 'box-name', text: field.type === 'LabelBox' && field.value ? field.value : field.label }));
    placeBox(box, frame, field);
    frame.overlay.append(box);
  }
  const owners = [...new Set(preview.fields.map((f) => f.owner))].sort((a, b) => a - b);
  for (const owner of owners) {
    legend.append(h('li', { class: `owner-${Math.min(owner, 6)}` }, owner === 0 ? tx('span', 'labelLegend') : tx('span', 'stepLegend', { step: owner })));
  }
}

void show();
