// The document with the signer's boxes over its pages, and the approve / return bar. The pages
// are the server's images (no PDF engine in the phone); earlier steps' values and fixed text are
// laid over them; required boxes are marked and counted; approving with a box still empty says
// which and moves to it. The real PDF is a link away.
import { clear, h } from '../shared/dom.ts';
import { bindText, tx } from '../shared/i18n.ts';
import { createPageFrames, showPageImages } from '../shared/page-frames.ts';
import { signPageImageUrl } from '../shared/page-image-srcset.ts';
import { confirmAction } from './confirm-dialog.ts';
import { FieldModel } from './field-model.ts';
import { placeFieldControls, type ControlHooks, type Controls } from './field-controls.ts';
import { guidedSheet } from './guided-sheet.ts';
import type { PageContext } from './page-context.ts';
import { openPictureDialog } from './picture-dialog.ts';
import { ApiError, type SignField, type SignLinkView } from './sign-api-client.ts';
import { signHeader } from './sign-header.ts';
import { openSignatureDialog } from './signature-dialog.ts';
import { renderDone } from './outcome-view.ts';

/** Where the guided sheet replaces filling on the page: touch screens, and windows too narrow for the page's boxes. */
const GUIDED_MEDIA = '(pointer: coarse), (max-width: 599px)';

export function renderDocument(page: PageContext, view: SignLinkView): void {
  const document_ = view.document!;
  const model = new FieldModel(view.fields ?? []);
  const hasBoxes = model.editable.length > 0;
  let started = false;
  const touched = () => {
    if (started) return;
    started = true;
    page.api.start().catch(() => {});
  };

  const docHeading = tx('h2', 'document', {}, { class: 'sr-only', id: 'doc-heading' });
  const pagesSection = h('section', { class: 'doc', 'aria-labelledby': 'doc-heading' });
  const frames = createPageFrames(pagesSection, document_.pages);
  // The images are the template's pages: every value is laid over them, not drawn in.
  const hooks: ControlHooks = {
    touched,
    async editImage(field: SignField, button: HTMLButtonElement) {
      const image = field.type === 'SignBox' ? await openSignatureDialog(field, model.get(field.name)) : await openPictureDialog(field, model.get(field.name));
      if (image !== null) model.set(field.name, image);
      button.focus();
    },
  };
  // On a phone (or a narrow window) a sheet at the bottom walks the signer through one box at a
  // time; on a desktop they fill the boxes on the page.
  const guided = hasBoxes && window.matchMedia(GUIDED_MEDIA).matches;
  const sheet = guided ? guidedSheet(frames, model, hooks) : null;
  const controls = placeFieldControls(frames, model, false, sheet ? null : hooks);
  /** Takes the signer to a box: its step in the sheet, or the control on the page. */
  const goTo = (name: string | undefined) => (sheet ? sheet.open(name) : focusControl(controls, name));

  const progress = h('p', { class: 'progress', role: 'status' });
  const alert = h('p', { class: 'alert', role: 'alert' });
  const nextButton = tx('button', 'nextField', {}, { type: 'button', class: 'link-button' });
  const returnButton = tx('button', 'return', {}, { type: 'button', class: 'danger-outline' });
  const approveButton = tx('button', 'approve', {}, { type: 'button', class: 'primary' });
  const total = model.requiredCount();
  let explainingMissing = false;
  const refresh = () => {
    const missing = model.missing();
    if (total > 0) bindText(progress, 'progress', { done: total - missing.length, total });
    nextButton.hidden = missing.length === 0 || sheet !== null;
    if (explainingMissing) showMissing(missing.map((m) => m.label));
  };
  const showMissing = (labels: string[]) => {
    explainingMissing = labels.length > 0;
    if (labels.length > 0) bindText(alert, 'missing', { list: labels.join(', ') });
    else alert.textContent = '';
  };
  model.onChange(refresh);
  refresh();

  // What the signer fills in is saved as they go (a second after they stop, and when the page is
  // hidden), so a reload or a phone that drops the page comes back to it. Not an approval. While
  // an approval or a return is being sent, nothing is saved: a draft arriving after it would be
  // refused (the link is closed by then).
  let acting = false;
  let finished = false;
  let saved = JSON.stringify(model.payload());
  let saveTimer = 0;
  let saving: Promise<void> = Promise.resolve();
  const saveDraft = (leaving = false) => {
    window.clearTimeout(saveTimer);
    const payload = model.payload();
    const text = JSON.stringify(payload);
    if (text === saved || finished || acting) return;
    saved = text;
    saving = page.api.saveDraft(payload, leaving).catch(() => {
      saved = '';
    });
  };
  model.onChange(() => {
    window.clearTimeout(saveTimer);
    saveTimer = window.setTimeout(() => saveDraft(), 1000);
  });
  const onHidden = () => {
    if (document.visibilityState === 'hidden') saveDraft(true);
  };
  document.addEventListener('visibilitychange', onHidden);

  nextButton.addEventListener('click', () => goTo(model.missing()[0]?.focus));
  approveButton.addEventListener('click', async () => {
    const missing = model.missing();
    if (missing.length > 0) {
      showMissing(missing.map((m) => m.label));
      goTo(missing[0]!.focus);
      return;
    }
    const opinion = await confirmAction('CF', { returnCancels: false });
    if (opinion !== null) await act('CF', opinion);
  });
  returnButton.addEventListener('click', async () => {
    const reason = await confirmAction('RT', { returnCancels: view.signer.step === 1 });
    if (reason !== null) await act('RT', reason);
  });

  async function act(command: 'CF' | 'RT', opinion: string): Promise<void> {
    touched();
    approveButton.disabled = true;
    returnButton.disabled = true;
    explainingMissing = false;
    bindText(alert, 'working');
    acting = true;
    window.clearTimeout(saveTimer);
    try {
      // A draft already on its way lands first; the approval carries every value anyway.
      await saving;
      const answer = await page.api.complete({ command, opinion, fields: command === 'CF' ? model.payload() : [] });
      finished = true;
      document.removeEventListener('visibilitychange', onHidden);
      renderDone(page.root, view, answer.result, opinion);
      page.tell(command === 'CF' ? 'completed' : 'returned', view);
    } catch (error) {
      acting = false;
      approveButton.disabled = false;
      returnButton.disabled = false;
      if (!(error instanceof ApiError) || error.code === 'network') return void bindText(alert, 'networkError');
      page.tell('error', view, { code: error.code });
      if (error.code === 'missing-required') {
        const names = ((error.body.errors as { field: string }[] | undefined) ?? []).map((e) => e.field);
        showMissing(names);
        goTo(names[0]);
      } else if (['link-closed', 'link-expired', 'conflict', 'state', 'verification-required'].includes(error.code)) {
        await page.reload();
      } else {
        bindText(alert, 'somethingWrong', { detail: error.message });
      }
    }
  }

  const pdfLink = tx('a', 'openPdf', {}, { href: document_.pdf_url, target: '_blank', rel: 'noopener', class: 'pdf-link' });
  clear(page.root);
  const header = signHeader(view);
  const footer = h(
    'footer',
    { class: `action-bar${sheet ? ' guided' : ''}` },
    sheet?.element ?? null,
    h('div', { class: 'action-status' }, progress, nextButton, alert),
    h('div', { class: 'action-buttons' }, returnButton, approveButton),
  );
  page.root.append(
    header,
    h(
      'main',
      { class: 'doc-page' },
      tx('p', sheet ? 'guidedIntro' : hasBoxes ? 'fillIntro' : 'readIntro', {}, { class: 'intro' }),
      docHeading,
      pagesSection,
      h('p', { class: 'pdf-link-line' }, pdfLink),
    ),
    footer,
  );
  // The sticky bars cover the page's top and bottom: a box scrolled to stays clear of them.
  const root = document.documentElement.style;
  const bars = new ResizeObserver(() => {
    root.setProperty('--header-height', `${header.offsetHeight}px`);
    root.setProperty('--footer-height', `${footer.offsetHeight}px`);
  });
  bars.observe(header);
  bars.observe(footer);

  const images = document_.page_images;
  let failed = false;
  const imageUrl = (n: number, width: number) => signPageImageUrl(images.url, n, width);
  const imageFailed = () => {
    if (failed) return;
    failed = true;
    bindText(alert, 'pdfFailed');
    page.tell('error', view, { code: 'document-unavailable' });
  };
  showPageImages(frames, images.widths, imageUrl, imageFailed, page.api.headers());
}

function focusControl(controls: Controls, name: string | undefined): void {
  const control = name ? controls.get(name) : undefined;
  if (!control) return;
  (control.closest('.box') ?? control).scrollIntoView({ block: 'center', behavior: 'smooth' });
  control.focus({ preventScroll: true });
}
