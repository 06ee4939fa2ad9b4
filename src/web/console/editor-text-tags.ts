// Reading the text tags of the PDF chosen in the template editor ({{name;type=sign;step=1}},
// docs/text-tags.md). The server answers the boxes the tags stand for and the PDF without the
// tags' text, and stores nothing; the editor takes them in. What came of it is said on the
// editor's lines: the boxes read, no tag at all (a scan), or every problem, listed as saving's
// are, by its page and quoting the tag.
import { clear } from '../shared/dom.ts';
import { bindText, t, type MessageKey, type Vars } from '../shared/i18n.ts';
import { base64Of } from './base64.ts';
import { api, ApiError, type EditorTextTags } from './console-api.ts';
import type { EditorControls } from './editor-layout.ts';
import { listProblems } from './editor-save.ts';

type TagLines = Pick<EditorControls, 'tagState' | 'problems'>;

/** Tags read: the boxes, and the PDF without the tags' text to use in place of the one chosen. */
export type TagsRead = EditorTextTags & { pdf: string };

/**
 * The text tags of `pdf`, for a template of `steps` steps so far; null when there are none to
 * take in (no tag, or problems), which the lines then say, or when another PDF was chosen
 * meanwhile (`current` false), which says nothing.
 */
export async function readTextTags(ui: TagLines, pdf: Uint8Array, steps: number, current: () => boolean): Promise<TagsRead | null> {
  sayOn(ui.problems, null);
  sayOn(ui.tagState, 'textTagsReading');
  try {
    const read = await api.post<EditorTextTags>('/templates/text-tags', { pdf: base64Of(pdf), steps });
    if (!current()) return null;
    if (read.pdf === null || read.fields.length === 0) {
      sayOn(ui.tagState, 'noTextTags');
      return null;
    }
    sayOn(ui.tagState, null);
    return { ...read, pdf: read.pdf };
  } catch (error) {
    if (!current()) return null;
    sayOn(ui.tagState, null);
    if (error instanceof ApiError && error.problems.length > 0) {
      listProblems(
        ui.problems,
        'textTagsRefused',
        error.problems.map((problem) => ({ name: placeOf(problem.field), message: problem.message })),
      );
    } else {
      ui.problems.textContent = error instanceof ApiError ? error.message : String(error);
    }
    return null;
  }
}

/** Says on the status line how many boxes the tags gave, and how many boxes of the same name they replaced. */
export function sayTagsTaken(ui: TagLines, n: number, replaced: number): void {
  sayOn(ui.tagState, replaced > 0 ? 'textTagsReadReplacing' : 'textTagsRead', { n, replaced });
}

/** Empties the status line (the PDF chosen is being read anew). */
export const clearTagState = (ui: TagLines) => sayOn(ui.tagState, null);

/** A problem's place: `pdf.pages[2]` is page 2's tags, `pdf` the file itself. */
function placeOf(field: string): string {
  const page = /^pdf\.pages\[(\d+)\]$/.exec(field);
  if (page) return t('tagProblemPage', { page: Number(page[1]) });
  return field === 'pdf' ? 'PDF' : field;
}

/** A line's message, kept in the page's language; or nothing, so that a change of language brings no old message back. */
function sayOn(line: HTMLElement, key: MessageKey | null, vars: Vars = {}): void {
  if (key) return void bindText(line, key, vars);
  delete line.dataset.i18n;
  delete line.dataset.i18nVars;
  clear(line);
}
