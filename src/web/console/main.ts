// The operator's console (/console): asks who is logged in, then shows the view the path names,
// routing /console/… inside the page (history API). Logged out, it shows the login.
import '../styles/console.css';
import { clear, h } from '../shared/dom.ts';
import { addMessages, onLanguageChange, setLanguage } from '../shared/i18n.ts';
import { matchLanguage, type Language } from '../shared/messages.ts';
import { CONSOLE_MESSAGES } from './console-messages.ts';
import { api, ApiError, type SessionInfo } from './console-api.ts';
import { renderLayout } from './layout.ts';
import { renderLogin } from './login-view.ts';
import { route } from './routes.ts';
import type { ConsoleApp } from './app-context.ts';
import { refreshDates } from './ui.ts';
import { renderUnreachable } from './unreachable-view.ts';

const LANGUAGE_KEY = 'dojang.console.language';
const root = document.getElementById('app')!;

addMessages(CONSOLE_MESSAGES);
const stored = (() => {
  try {
    return localStorage.getItem(LANGUAGE_KEY);
  } catch {
    return null;
  }
})();
const fromUrl = new URLSearchParams(window.location.search).get('lang');
setLanguage(matchLanguage(fromUrl ?? stored ?? document.body.dataset.language ?? 'ko-KR'));
onLanguageChange((language: Language) => {
  try {
    localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // private mode: the choice lasts this page only
  }
  refreshDates(document);
});

let leaving: (() => void)[] = [];

function leaveView(): void {
  for (const cleanup of leaving) cleanup();
  leaving = [];
}

/** The frame stays while the member is logged in; views change inside it (and its status line survives them). */
let layout: { session: SessionInfo; parts: ReturnType<typeof renderLayout> } | null = null;

async function show(session: SessionInfo): Promise<void> {
  leaveView();
  if (layout?.session !== session) {
    layout = {
      session,
      parts: renderLayout(root, session, {
        navigate,
        async logout() {
          await api.logout().catch(() => {});
          showLogin();
        },
      }),
    };
  }
  const { parts } = layout;
  // A view of its own: one still loading when the member moves on draws into a detached element.
  const view = h('div', { class: 'view' });
  clear(parts.main);
  parts.main.append(view);
  const app: ConsoleApp = {
    session,
    main: view,
    navigate,
    announce: parts.announce,
    onLeave: (cleanup) => leaving.push(cleanup),
  };
  const path = window.location.pathname.replace(/\/+$/, '') || '/console';
  if (path === '/console' || path === '/console/login') return navigate('/console/contracts', { replace: true });
  parts.markCurrent(path);
  await route(app, path, new URLSearchParams(window.location.search));
  const heading = parts.main.querySelector<HTMLElement>('h1');
  if (moved) heading?.focus();
}

let session: SessionInfo | null = null;
/** Focus moves to the new view's heading only after a navigation, not on the first load. */
let moved = false;

function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  moved = true;
  if (session) void show(session);
  else void boot();
}

function showLogin(): void {
  leaveView();
  session = null;
  layout = null;
  // A sign-in through the company's provider that failed comes back as /console/?login_error=….
  const failure = new URLSearchParams(window.location.search).get('login_error');
  const back =
    !failure && window.location.pathname.startsWith('/console/') && window.location.pathname !== '/console/login'
      ? window.location.pathname + window.location.search
      : '/console/contracts';
  history.replaceState(null, '', '/console/login');
  void renderLogin(
    root,
    async (answer) => {
      session = answer;
      moved = true;
      history.replaceState(null, '', back);
      await show(answer);
    },
    failure,
  );
}

async function boot(): Promise<void> {
  try {
    session = await api.session();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return showLogin();
    return renderUnreachable(root, () => void boot());
  }
  await show(session);
}

api.onSessionEnded = showLogin;
window.addEventListener('popstate', () => {
  moved = true;
  if (session) void show(session);
  else void boot();
});
void boot();
