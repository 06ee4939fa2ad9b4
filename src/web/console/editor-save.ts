// Saving what the template editor made: the boxes as the templates module takes them (and the PDF,
// in base64, when a new one was chosen), as a new template or over the one edited (a new version
// once workflows use it); a refusal shown problem by problem, a box's with a button to select it.
import { clear, h } from '../shared/dom.ts';
import { bindText, t, tx, type MessageKey } from '../shared/i18n.ts';
import type { ConsoleApp } from './app-context.ts';
import { api, ApiError, type ConsoleTemplate, type Problem } from './console-api.ts';
import { base64Of } from './base64.ts';
import { roundRect } from './editor-geometry.ts';
import type { Box } from './editor-model.ts';
import type { EditorControls } from './editor-layout.ts';

/** What saving needs of the editor. */
export interface TemplateForm {
  app: ConsoleApp;
  /** The template edited; null for a new one. */
  existing: ConsoleTemplate | null;
  /** The name, the number of steps, the save button and the lines that say how saving went. */
  ui: Pick<EditorControls, 'name' | 'steps' | 'save' | 'saveState' | 'problems'>;
  stepCount: number;
  boxes: readonly Box[];
  /** The PDF chosen in the editor, if any. */
  newPdf: Uint8Array | null;
  /** Selects a box a problem names and brings it into view. */
  showBox(box: Box): void;
  /** Called once the template is saved: nothing is left to lose. */
  saved(): void;
}

export async function saveTemplate(form: TemplateForm): Promise<void> {
  const { app, existing } = form;
  const { name, steps, save, saveState, problems } = form.ui;
  clear(problems);
  name.setError(null);
  steps.setError(null);
  if (!existing && !form.newPdf) return void bindText(problems, 'uploadFirst');
  const body = {
    name: name.input.value,
    steps: form.stepCount,
    fields: form.boxes.map(fieldOf),
    ...(form.newPdf ? { pdf: base64Of(form.newPdf) } : {}),
  };
  save.disabled = true;
  bindText(saveState, 'saving');
  try {
    if (!existing) {
      const created = await api.post<{ doc_id: string }>('/templates', body);
      form.saved();
      app.announce(t('templateCreated', { id: created.doc_id }));
      app.navigate(`/console/templates/${created.doc_id}`, { replace: true });
      return;
    }
    const saved = await api.put<{ doc_id: string; replaced: string | null }>(`/templates/${existing.doc_id}`, body);
    form.saved();
    app.announce(saved.replaced ? t('templateVersioned', { id: saved.doc_id, old: saved.replaced }) : t('templateSaved'));
    app.navigate(`/console/templates/${saved.doc_id}`, { replace: true });
  } catch (error) {
    save.disabled = false;
    saveState.textContent = '';
    if (error instanceof ApiError && error.problems.length > 0) showProblems(form, error.problems);
    else problems.textContent = error instanceof ApiError ? error.message : String(error);
  }
}

/** A box as the templates module takes it: what does not apply to its type left out. */
function fieldOf(box: Box) {
  return {
    name: box.name.trim(),
    ...(box.label.trim() ? { label: box.label.trim() } : {}),
    type: box.type,
    owner: box.type === 'LabelBox' ? 0 : box.owner,
    required: box.type === 'LabelBox' ? false : box.required,
    page: box.page,
    ...roundRect(box),
    ...(box.type === 'RadioBox' && box.group.trim() ? { group: box.group.trim() } : {}),
    ...(box.default !== '' ? { default: box.default } : {}),
  };
}

/** A problem as the editor lists it: what it names (a box, a page, a setting), its message, and what to do about it. */
export interface ListedProblem {
  name: string;
  message: string;
  action?: HTMLElement;
}

/** A refusal in the editor's problem lines: what was refused, then each problem after what it names. */
export function listProblems(target: HTMLElement, refused: MessageKey, problems: readonly ListedProblem[]): void {
  clear(target);
  target.append(tx('p', refused));
  const list = h('ul', { class: 'problem-list' });
  for (const problem of problems) list.append(h('li', {}, h('code', { text: problem.name }), ` ${problem.message} `, problem.action));
  target.append(list);
}

/** The refusal's problems: a box's (`fields[2].name`) named by the box, with a button to select it. */
function showProblems(form: TemplateForm, problems: Problem[]): void {
  const { name, steps } = form.ui;
  const listed = problems.map((problem): ListedProblem => {
    if (problem.field === 'name') name.setError(problem.message);
    if (problem.field === 'steps') steps.setError(problem.message);
    const match = /^fields\[(\d+)\]/.exec(problem.field);
    const box = match ? form.boxes[Number(match[1])] : undefined;
    if (!box) return { name: problem.field, message: problem.message };
    const go = tx('button', 'selectBox', {}, { type: 'button', class: 'link-button' });
    go.addEventListener('click', () => form.showBox(box));
    return { name: box.name || problem.field, message: problem.message, action: go };
  });
  listProblems(form.ui.problems, 'saveRefused', listed);
}
