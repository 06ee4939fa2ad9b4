// What every console view receives: who is logged in, where to draw, how to move elsewhere.
import type { SessionInfo } from './console-api.ts';
import type { ConsoleMessages } from './console-messages.ts';

// The console's strings are message keys in every view (t, tx, bindText), as main.ts adds them at
// start. Said here rather than beside the strings, which the server reads without the DOM.
declare module '../shared/i18n.ts' {
  interface ExtraMessages extends ConsoleMessages {}
}

export interface ConsoleApp {
  session: SessionInfo;
  /** The view's own area (cleared before each view). */
  main: HTMLElement;
  /** Goes to another console path (/console/…), adding to the history unless replace. */
  navigate(path: string, options?: { replace?: boolean }): void;
  /** Says something to screen readers and shows it in the status bar. */
  announce(text: string): void;
  /** Runs when the view is left (stops renderers, timers). */
  onLeave(cleanup: () => void): void;
}

export type View = (app: ConsoleApp, params: Record<string, string>, query: URLSearchParams) => Promise<void> | void;

export const isAdmin = (app: ConsoleApp) => app.session.member.role === 'admin';
