// The signing page (`/sign?token=…`): asks the signer's API what the link is (or reads it from
// the HTML, which carries it for an open link), then shows the gate, the document, or what happened. The token stays in the page's URL and
// travels only to Dojang's own API (the page sends no Referer).
import { matchLanguage } from '../shared/messages.ts';
import { setLanguage } from '../shared/i18n.ts';
import { renderDocument } from './document-view.ts';
import { tellParent } from './embed-messages.ts';
import { renderGate } from './gate-view.ts';
import { renderNotFound, renderOutcome, renderUnreachable } from './outcome-view.ts';
import type { PageContext } from './page-context.ts';
import { ApiError, SignApiClient, type SignLinkView } from './sign-api-client.ts';

const params = new URLSearchParams(window.location.search);
const root = document.getElementById('app')!;
const api = new SignApiClient(params.get('token') ?? '');
let languageChosen = false;
let loadedOnce = false;

const about = (view: SignLinkView | null) => ({ workflowId: view?.workflow_id ?? null, step: view?.signer.step ?? null });

const page: PageContext = {
  root,
  api,
  reload: load,
  tell: (event, view, extra) => tellParent(event, about(view), extra),
};

/** What the page's HTML already carries about the link (an open link needing no verification): the first load needs no request. */
function carriedView(): SignLinkView | undefined {
  const carried = document.body.dataset.view;
  delete document.body.dataset.view;
  try {
    return carried ? (JSON.parse(carried) as SignLinkView) : undefined;
  } catch {
    return undefined;
  }
}

async function load(carried?: SignLinkView): Promise<void> {
  let view: SignLinkView;
  try {
    view = carried ?? (await api.view());
  } catch (error) {
    if (!languageChosen) setLanguage(matchLanguage(params.get('lang') ?? document.body.dataset.language));
    if (error instanceof ApiError && error.status === 404) {
      renderNotFound(root);
      tellParent('error', about(null), { code: 'link-not-found' });
    } else {
      renderUnreachable(root, () => void load());
      tellParent('error', about(null), { code: error instanceof ApiError ? error.code : 'network' });
    }
    return;
  }
  if (!languageChosen) {
    languageChosen = true;
    setLanguage(matchLanguage(params.get('lang') ?? view.signer.language));
  }
  if (view.link.state !== 'open') renderOutcome(root, view);
  else if (!view.verification.verified) renderGate(page, view);
  else renderDocument(page, view);
  if (!loadedOnce) {
    loadedOnce = true;
    tellParent('loaded', about(view));
  }
}

void load(carriedView());
