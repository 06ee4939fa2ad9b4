// The frame of every console view: the company and member, the sections, the language, logout,
// a status line for what just happened, and the view's own area.
import { clear, h } from '../shared/dom.ts';
import { bindAttr, languagePicker, tx, type MessageKey } from '../shared/i18n.ts';
import type { SessionInfo } from './console-api.ts';

interface Section {
  path: string;
  key: MessageKey;
  adminOnly?: boolean;
}

const SECTIONS: Section[] = [
  { path: '/console/contracts', key: 'navContracts' },
  { path: '/console/start', key: 'navStart' },
  { path: '/console/templates', key: 'navTemplates' },
  { path: '/console/exports', key: 'navExports' },
  { path: '/console/tokens', key: 'navTokens', adminOnly: true },
  { path: '/console/members', key: 'navMembers' },
];

export interface Layout {
  main: HTMLElement;
  announce(text: string): void;
  markCurrent(path: string): void;
}

export function renderLayout(root: HTMLElement, session: SessionInfo, actions: { navigate(path: string): void; logout(): void }): Layout {
  clear(root);
  const links = SECTIONS.filter((s) => !s.adminOnly || session.member.role === 'admin').map((section) => {
    const a = tx('a', section.key, {}, { href: section.path, class: 'nav-link' });
    a.addEventListener('click', (event) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      // Moving on by choice: what was said about the last view is done with.
      status.textContent = '';
      actions.navigate(section.path);
    });
    return { section, a };
  });
  const logout = tx('button', 'logout', {}, { type: 'button', class: 'secondary small' });
  logout.addEventListener('click', () => actions.logout());
  const nav = h('nav', { class: 'console-nav' }, h('ul', {}, ...links.map((l) => h('li', {}, l.a))));
  bindAttr(nav, 'aria-label', 'navLabel');
  const role = tx('span', session.member.role === 'admin' ? 'roleAdmin' : 'roleMember', {}, { class: 'badge tone-muted' });
  const header = h(
    'header',
    { class: 'console-header' },
    h(
      'div',
      { class: 'console-brand' },
      h('span', { class: 'seal', 'aria-hidden': 'true', text: '印' }),
      h(
        'div',
        {},
        h('p', { class: 'brand-name' }, tx('span', 'consoleTitle')),
        h('p', { class: 'company', text: `${session.company.name} (${session.company.id})` }),
      ),
    ),
    h('div', { class: 'console-user' }, h('span', { class: 'member', text: session.member.name }), role, languagePicker(), logout),
    nav,
  );
  const status = h('p', { class: 'console-status', role: 'status', 'aria-live': 'polite' });
  const main = h('main', { class: 'console-main', id: 'main' });
  const skip = tx('a', 'skipToContent', {}, { href: '#main', class: 'skip-link' });
  root.append(skip, header, status, main);
  let statusTimer = 0;
  return {
    main,
    announce(text) {
      status.textContent = text;
      window.clearTimeout(statusTimer);
      statusTimer = window.setTimeout(() => (status.textContent = ''), 8000);
    },
    markCurrent(path) {
      for (const { section, a } of links) {
        if (path === section.path || path.startsWith(`${section.path}/`)) a.setAttribute('aria-current', 'page');
        else a.removeAttribute('aria-current');
      }
    },
  };
}
