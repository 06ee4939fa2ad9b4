// The company's members: everyone sees the list; admins add a member (email, name, role, an
// initial password), change a role in its row, and remove a member after a confirmation.
import { clear, h } from '../shared/dom.ts';
import { bindAttr, t, tx } from '../shared/i18n.ts';
import { isAdmin, type ConsoleApp } from './app-context.ts';
import { api, ApiError, type CompanyMember } from './console-api.ts';
import { badge, confirmDialog, confirmedRowAction, dataTable, type Column, labelled, select, textInput, viewHeading, when, type LabelledInput } from './ui.ts';

type Role = CompanyMember['role'];
const ROLE_OPTIONS: [Role, 'roleMember' | 'roleAdmin'][] = [
  ['member', 'roleMember'],
  ['admin', 'roleAdmin'],
];

export async function renderMembers(app: ConsoleApp): Promise<void> {
  app.main.append(viewHeading('membersTitle'), tx('p', 'membersIntro', {}, { class: 'hint' }));
  const listBox = h('div', {});
  if (isAdmin(app)) app.main.append(addMemberPanel(app, load));
  else app.main.append(tx('p', 'membersAdminsManage', {}, { class: 'notice' }));
  app.main.append(h('section', { class: 'panel', 'aria-labelledby': 'member-list-title' }, tx('h2', 'memberList', {}, { id: 'member-list-title' }), listBox));

  async function load(): Promise<void> {
    let members: CompanyMember[];
    try {
      members = (await api.get<{ members: CompanyMember[] }>('/members')).members;
    } catch (error) {
      listBox.textContent = error instanceof Error ? error.message : String(error);
      return;
    }
    clear(listBox);
    const me = app.session.member.email;
    const admin = isAdmin(app);
    const columns: Column<CompanyMember>[] = [
      { key: 'colName', cell: (m) => (m.email === me ? h('span', {}, `${m.name} `, badge('memberYou', 'muted')) : m.name) },
      { key: 'email', cell: (m) => m.email },
      {
        key: 'memberRole',
        cell: (m) =>
          admin ? roleSelect(app, m, m.email === me, load) : badge(m.role === 'admin' ? 'roleAdmin' : 'roleMember', m.role === 'admin' ? 'ok' : 'muted'),
      },
      { key: 'memberSince', cell: (m) => when(m.created_at) },
    ];
    if (admin) columns.push({ key: 'colActions', cell: (m) => (m.email === me ? '—' : removeButton(app, m, load)) });
    listBox.append(dataTable('memberList', columns, members));
  }
  await load();
}

function addMemberPanel(app: ConsoleApp, reload: () => Promise<void>): HTMLElement {
  const inputs = {
    email: labelled('email', textInput({ type: 'email', maxlength: '254', autocomplete: 'off', required: true })),
    name: labelled('memberName', textInput({ maxlength: '100', autocomplete: 'off', required: true })),
    role: labelled('memberRole', select(ROLE_OPTIONS)),
    password: labelled('memberPassword', textInput({ type: 'password', minlength: '8', maxlength: '200', autocomplete: 'new-password', required: true }), {
      hint: 'memberPasswordHint',
    }),
  };
  const add = tx('button', 'addMember', {}, { type: 'submit', class: 'primary' });
  const form = h(
    'form',
    { class: 'inline-form', novalidate: true },
    inputs.email.wrapper,
    inputs.name.wrapper,
    inputs.role.wrapper,
    inputs.password.wrapper,
    add,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    for (const input of Object.values(inputs)) input.setError(null);
    const missing = (['email', 'name', 'password'] as const).filter((key) => inputs[key].input.value.trim() === '');
    for (const key of missing) inputs[key].setError(t('requiredField'));
    if (missing.length > 0) return inputs[missing[0]!].input.focus();
    add.disabled = true;
    try {
      const body = {
        email: inputs.email.input.value.trim(),
        name: inputs.name.input.value.trim(),
        role: inputs.role.input.value,
        password: inputs.password.input.value,
      };
      const { member } = await api.post<{ member: CompanyMember }>('/members', body);
      app.announce(t('memberAddedNamed', { name: member.name }));
      for (const key of ['email', 'name', 'password'] as const) inputs[key].input.value = '';
      await reload();
    } catch (error) {
      const byField = inputs as Record<string, LabelledInput<HTMLInputElement | HTMLSelectElement>>;
      const shown = error instanceof ApiError ? error.problems.filter((p) => byField[p.field]) : [];
      for (const p of shown) byField[p.field]!.setError(p.message);
      if (shown.length > 0) byField[shown[0]!.field]!.input.focus();
      else app.announce(error instanceof Error ? error.message : String(error));
    } finally {
      add.disabled = false;
    }
  });
  return h('section', { class: 'panel', 'aria-labelledby': 'new-member-title' }, tx('h2', 'newMember', {}, { id: 'new-member-title' }), form);
}

/** A row's role, changed as soon as it is chosen; giving up one's own admin role asks first. */
function roleSelect(app: ConsoleApp, member: CompanyMember, isMe: boolean, reload: () => Promise<void>): HTMLSelectElement {
  const role = select(ROLE_OPTIONS, member.role);
  role.classList.add('row-select');
  bindAttr(role, 'aria-label', 'roleOfNamed', { name: member.name });
  role.addEventListener('change', async () => {
    const chosen = role.value as Role;
    if (isMe && chosen !== 'admin' && !(await confirmDialog('demoteSelfTitle', 'demoteSelfBody', 'demoteSelf'))) {
      role.value = member.role;
      return;
    }
    role.disabled = true;
    try {
      await api.put(`/members/${member.id}/role`, { role: chosen });
      // The menu and every view follow the session's role: start again as a member.
      if (isMe) return window.location.reload();
      app.announce(t(chosen === 'admin' ? 'memberNowAdmin' : 'memberNowMember', { name: member.name }));
      await reload();
    } catch (error) {
      role.value = member.role;
      role.disabled = false;
      app.announce(error instanceof Error ? error.message : String(error));
    }
  });
  return role;
}

function removeButton(app: ConsoleApp, member: CompanyMember, reload: () => Promise<void>): HTMLButtonElement {
  const keys = {
    button: 'removeMember',
    label: 'removeMemberNamed',
    title: 'removeMemberTitle',
    body: 'removeMemberBody',
    done: 'memberRemovedNamed',
  } as const;
  return confirmedRowAction(app, keys, { name: member.name }, () => api.delete(`/members/${member.id}`), reload);
}
