// Who may do what, through every door: each action of the table below is tried as a company
// admin, as a member, with a signing link's token, and with nothing, through eSignon's API,
// Dojang's v1 API and the console, wherever the door has it. The doors must agree, because the
// services decide (accounts/permissions.ts), not the routes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember } from '../src/accounts/create-company.ts';
import { startReceiver, type Receiver } from '../src/exports/test-support/start-receiver.ts';
import { toCompanyId } from '../src/domain/ids.ts';
import { consoleFetch, consoleLogin, type ConsoleClient } from './console-support/console-client.ts';
import { testDatabases } from './support/databases.ts';
import { startTestServer, type TestCompany, type TestServer } from './support/dojang-server.ts';
import { createTestTemplate, makeTestPdf } from './support/templates.ts';
import { waitFor } from './support/wait-for.ts';

type Role = 'admin' | 'member' | 'signer link' | 'anonymous';
type Door = 'eSignon' | 'v1' | 'console';
type Outcome = 'allowed' | 'forbidden' | 'unauthenticated';

const ROLES: Role[] = ['admin', 'member', 'signer link', 'anonymous'];
const ANY_MEMBER: Record<Role, Outcome> = { admin: 'allowed', member: 'allowed', 'signer link': 'unauthenticated', anonymous: 'unauthenticated' };
const ADMINS_ONLY: Record<Role, Outcome> = { admin: 'allowed', member: 'forbidden', 'signer link': 'unauthenticated', anonymous: 'unauthenticated' };

/** A request as one door takes it: the path, and what to send (prepared fresh for each try). */
interface Attempt {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
}

describe.each(testDatabases())('the role table on %s', (kind) => {
  let server: TestServer;
  let acme: TestCompany;
  let receiver: Receiver;
  let docId: string;
  let memberToken: string;
  let adminConsole: ConsoleClient;
  let memberConsole: ConsoleClient;
  let signToken: string;

  beforeAll(async () => {
    server = await startTestServer(kind, { DOJANG_SIGNING_RSA_BITS: '2048' });
    acme = await server.company('acme');
    receiver = await startReceiver();
    docId = await createTestTemplate(acme, 1, [{ name: 'note', type: 'TextBox', owner: 1 }]);
    await addMember(server.dojang.ctx, { companyId: toCompanyId('acme'), email: 'member@acme.example.com', password: 'a member password', role: 'member' });
    const login = await fetch(`${server.url}/api/acme/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ header: { request_code: '1001Q' }, body: { memb_email: 'member@acme.example.com', memb_pwd: 'a member password' } }),
    });
    memberToken = ((await login.json()) as { body: { access_token: string } }).body.access_token;
    adminConsole = await consoleLogin(server.url, 'acme', acme.email, acme.password);
    memberConsole = await consoleLogin(server.url, 'acme', 'member@acme.example.com', 'a member password');
    signToken = new URL((await start({ embed: true })).play_url).searchParams.get('token')!;
  });
  afterAll(async () => {
    await receiver?.close();
    await server?.close();
  });

  /** A fresh contract, started by the admin: embed (with its signing link) or not, with exports to the receiver. */
  async function start(options: { embed?: boolean } = {}): Promise<{ workflow_id: string; play_url: string }> {
    const { json } = await acme.esignon('/api/acme/startsimple', '5005Q', {
      workflow_name: '권한 확인 계약',
      doc_id: docId,
      player_list: [{ field_owner: '1', email: 'kim@example.com', name: '김철수' }],
      export_api_info: { api_type: 'ALL', url: `${receiver.origin}/hook`, ...(options.embed ? { request_code: 'embed' } : {}) },
    });
    expect(json.header.result_code).toBe('00');
    return json.body;
  }
  const act = async (workflowId: string, command: 'CF' | 'RT') => {
    const { json } = await acme.esignon('/api/acme/action', '5010Q', {
      memb_email: 'kim@example.com',
      action_id: '1',
      workflow_id: workflowId,
      command,
      comment: command === 'RT' ? '반려' : '',
      field_list: [{ field_name: 'note', field_value: '확인' }],
    });
    expect(json.header.result_code).toBe('00');
  };
  const completed = async () => {
    const { workflow_id } = await start();
    await act(workflow_id, 'CF');
    return workflow_id;
  };
  const canceled = async () => {
    const { workflow_id } = await start();
    await act(workflow_id, 'RT');
    return workflow_id;
  };
  const deliveredEvent = async () => {
    const workflowId = await completed();
    const events = await waitFor(async () => {
      const { json } = await acme.get(`/api/v1/workflows/${workflowId}/exports`);
      return json.events?.length > 0 && json.events.every((e: { status: string }) => e.status === 'delivered') ? json.events : null;
    }, 'the export delivered');
    return events[0].event_id as string;
  };
  const envelope = (requestCode: string, body: Record<string, unknown>) => ({ header: { request_code: requestCode }, body });
  const startBody = { workflow_name: '권한 확인 계약', doc_id: '', player_list: [{ field_owner: '1', email: 'kim@example.com', name: '김철수' }] };

  const TABLE: { action: string; who: Record<Role, Outcome>; doors: Partial<Record<Door, () => Promise<Attempt>>> }[] = [
    {
      action: 'start a contract',
      who: ANY_MEMBER,
      doors: {
        eSignon: async () => ({ method: 'POST', path: '/api/acme/startsimple', body: envelope('5005Q', { ...startBody, doc_id: docId }) }),
        console: async () => ({ method: 'POST', path: '/console/api/contracts', body: { ...startBody, doc_id: docId } }),
      },
    },
    {
      action: 'read a contract',
      who: ANY_MEMBER,
      doors: {
        eSignon: async () => ({ method: 'GET', path: `/api/v2/workflows/${(await start()).workflow_id}` }),
        v1: async () => ({ method: 'GET', path: `/api/v1/workflows/${(await start()).workflow_id}/exports` }),
        console: async () => ({ method: 'GET', path: `/console/api/contracts/${(await start()).workflow_id}` }),
      },
    },
    {
      action: 'cancel a contract',
      who: ANY_MEMBER,
      doors: {
        eSignon: async () => ({
          method: 'POST',
          path: '/JEDOC/Common.do',
          body: envelope('1510Q', { workflow_id: (await start()).workflow_id, command: 'CANCEL', description: '취소' }),
        }),
        console: async () => ({ method: 'POST', path: `/console/api/contracts/${(await start()).workflow_id}/cancel`, body: { reason: '취소' } }),
      },
    },
    {
      action: 'delete a canceled contract',
      who: ANY_MEMBER,
      doors: {
        eSignon: async () => ({
          method: 'POST',
          path: '/JEDOC/Common.do',
          body: envelope('1510Q', { workflow_id: await canceled(), command: 'DELETE', description: '' }),
        }),
      },
    },
    {
      action: 'resend the signing request',
      who: ANY_MEMBER,
      doors: {
        eSignon: async () => ({ method: 'POST', path: '/JEDOC/Common.do', body: envelope('1429Q', { workflow_id: (await start()).workflow_id }) }),
        console: async () => ({ method: 'POST', path: `/console/api/contracts/${(await start()).workflow_id}/resend`, body: {} }),
      },
    },
    {
      action: 'dispose of a completed contract',
      who: ADMINS_ONLY,
      doors: {
        eSignon: async () => ({
          method: 'POST',
          path: '/JEDOC/Common.do',
          body: envelope('1510Q', { workflow_id: await completed(), command: 'DISPOSAL', description: '보존 기간 경과' }),
        }),
        console: async () => ({ method: 'POST', path: `/console/api/contracts/${await completed()}/dispose`, body: { reason: '보존 기간 경과' } }),
      },
    },
    {
      action: 'make a template',
      who: ANY_MEMBER,
      doors: {
        v1: async () => ({
          method: 'POST',
          path: '/api/v1/templates',
          body: { name: '서식', steps: 1, pdf: Buffer.from(await makeTestPdf()).toString('base64'), fields: [] },
        }),
        console: async () => ({
          method: 'POST',
          path: '/console/api/templates',
          body: { name: '서식', steps: 1, pdf: Buffer.from(await makeTestPdf()).toString('base64'), fields: [] },
        }),
      },
    },
    {
      action: "read a PDF's text tags for the editor",
      who: ANY_MEMBER,
      doors: {
        console: async () => ({ method: 'POST', path: '/console/api/templates/text-tags', body: { pdf: Buffer.from(await makeTestPdf()).toString('base64') } }),
      },
    },
    {
      action: 'send an export again',
      who: ANY_MEMBER,
      doors: {
        v1: async () => ({ method: 'POST', path: `/api/v1/exports/${await deliveredEvent()}/redeliver` }),
        console: async () => ({ method: 'POST', path: `/console/api/exports/${await deliveredEvent()}/redeliver`, body: {} }),
      },
    },
    {
      action: 'read the webhook secret',
      who: ANY_MEMBER,
      doors: {
        v1: async () => ({ method: 'GET', path: '/api/v1/company/webhook-secret' }),
        console: async () => ({ method: 'GET', path: '/console/api/webhook-secret' }),
      },
    },
    {
      action: 'rotate the webhook secret',
      who: ADMINS_ONLY,
      doors: {
        v1: async () => ({ method: 'POST', path: '/api/v1/company/webhook-secret/rotate' }),
        console: async () => ({ method: 'POST', path: '/console/api/webhook-secret/rotate', body: {} }),
      },
    },
    {
      action: 'make an API token',
      who: ADMINS_ONLY,
      doors: { console: async () => ({ method: 'POST', path: '/console/api/tokens', body: { label: 'ERP', days: 30 } }) },
    },
    {
      action: 'add a member',
      who: ADMINS_ONLY,
      doors: {
        console: async () => ({
          method: 'POST',
          path: '/console/api/members',
          body: { email: `new-${Math.random().toString(36).slice(2)}@acme.example.com`, name: '새 사람', role: 'member', password: 'a new password' },
        }),
      },
    },
  ];

  /** Sends the attempt through its door as the role; answers what came of it, and the answer for the failure message. */
  async function tryAs(door: Door, role: Role, attempt: Attempt): Promise<{ outcome: Outcome; said: string }> {
    if (door === 'console') {
      const session = role === 'admin' ? adminConsole : role === 'member' ? memberConsole : null;
      const response = session
        ? await session.request(attempt.method, attempt.path, attempt.body)
        : await consoleFetch(server.url, attempt.method, attempt.path, {
            ...(attempt.body !== undefined ? { body: attempt.body } : {}),
            headers: role === 'signer link' ? { 'x-dojang-sign-session': signToken } : {},
          });
      return { outcome: statusOutcome(response.status), said: `${response.status} ${JSON.stringify(response.json).slice(0, 300)}` };
    }
    const token = role === 'admin' ? acme.token : role === 'member' ? memberToken : role === 'signer link' ? signToken : null;
    const response = await fetch(`${server.url}${attempt.path}`, {
      method: attempt.method,
      headers: { ...(token ? { authorization: `esignon ${token}` } : {}), ...(attempt.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(attempt.body !== undefined ? { body: JSON.stringify(attempt.body) } : {}),
    });
    const text = await response.text();
    const said = `${response.status} ${text.slice(0, 300)}`;
    if (door === 'v1') return { outcome: statusOutcome(response.status), said };
    if (response.status === 401) return { outcome: 'unauthenticated', said };
    const code = (JSON.parse(text) as { header: { result_code: string } }).header.result_code;
    return { outcome: code === '00' ? 'allowed' : code === '95' ? 'forbidden' : ('unexpected' as Outcome), said };
  }
  const statusOutcome = (status: number): Outcome =>
    status === 401 ? 'unauthenticated' : status === 403 ? 'forbidden' : status >= 200 && status < 300 ? 'allowed' : ('unexpected' as Outcome);

  it('every action answers the same through every door, for every role', async () => {
    const seen: string[] = [];
    const expected: string[] = [];
    for (const row of TABLE) {
      for (const [door, prepare] of Object.entries(row.doors) as [Door, () => Promise<Attempt>][]) {
        for (const role of ROLES) {
          const { outcome, said } = await tryAs(door, role, await prepare());
          seen.push(`${row.action} | ${door} | ${role} | ${outcome}${outcome === row.who[role] ? '' : ` (${said})`}`);
          expected.push(`${row.action} | ${door} | ${role} | ${row.who[role]}`);
        }
      }
    }
    expect(seen).toEqual(expected);
  });

  it("a member's refused disposal changes nothing: the contract and its documents stay", async () => {
    const workflowId = await completed();
    await waitFor(async () => (await acme.get(`/api/v2/workflows/${workflowId}`)).json.body.documents.state === 'ready', 'the documents');
    const { outcome } = await tryAs('eSignon', 'member', {
      method: 'POST',
      path: '/JEDOC/Common.do',
      body: envelope('1510Q', { workflow_id: workflowId, command: 'DISPOSAL', description: '멋대로' }),
    });
    expect(outcome).toBe('forbidden');
    const info = (await acme.get(`/api/v2/workflows/${workflowId}`)).json.body;
    expect(info.workflow_status).toBe('Complete');
    expect(info.documents.state).toBe('ready');
    const download = await acme.post('/workflow/download', { workflow_id: workflowId });
    expect((await fetch(download.json.body.doc_url)).status).toBe(200);
  });
});
