// Which view a console path shows.
import { clear } from '../shared/dom.ts';
import { tx } from '../shared/i18n.ts';
import type { ConsoleApp, View } from './app-context.ts';
import { renderContracts } from './contracts-view.ts';
import { renderExports } from './exports-view.ts';
import { renderMembers } from './members-view.ts';
import { renderStart } from './start-view.ts';
import { renderTemplates } from './templates-view.ts';
import { renderTokens } from './tokens-view.ts';

// The views that show PDFs load with pdf.js when first opened; the others do without it.
const renderContract: View = async (app, params) => (await import('./contract-view.ts')).renderContract(app, params);
const renderTemplateEditor: View = async (app, params) => (await import('./template-editor.ts')).renderTemplateEditor(app, params);

const ROUTES: [pattern: RegExp, view: View, names: string[]][] = [
  [/^\/console\/contracts$/, renderContracts, []],
  [/^\/console\/contracts\/(\d+)$/, renderContract, ['id']],
  [/^\/console\/start$/, renderStart, []],
  [/^\/console\/templates$/, renderTemplates, []],
  [/^\/console\/templates\/new$/, renderTemplateEditor, []],
  [/^\/console\/templates\/(\d+)$/, renderTemplateEditor, ['id']],
  [/^\/console\/exports$/, renderExports, []],
  [/^\/console\/tokens$/, renderTokens, []],
  [/^\/console\/members$/, renderMembers, []],
];

export async function route(app: ConsoleApp, path: string, query: URLSearchParams): Promise<void> {
  clear(app.main);
  for (const [pattern, view, names] of ROUTES) {
    const match = pattern.exec(path);
    if (!match) continue;
    const params = Object.fromEntries(names.map((name, i) => [name, match[i + 1]!]));
    await view(app, params, query);
    return;
  }
  app.main.append(tx('h1', 'pageNotFound', {}, { class: 'view-title', tabindex: '-1' }));
}
