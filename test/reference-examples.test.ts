// Every JSON request example of eSignon's reference pages (kor/ and eng/, as extracted into
// test/fixtures/esignon-examples.json), sent to a real Dojang with its placeholders filled from
// this test's own company, templates and workflows; each answer must succeed and have the shape
// of that page's response example (test/support/match-shape.ts). Pages that describe a call
// without a request example (GET calls, /exportfield) are called as the page describes them. On
// both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DojangClient } from '../src/client/dojang-client.ts';
import { dayInOffset } from '../src/domain/time.ts';
import { clientFor } from './support/client.ts';
import { testDatabases } from './support/databases.ts';
import { startTestServer, type TestCompany, type TestServer } from './support/dojang-server.ts';
import { shapeMismatches } from './support/match-shape.ts';
import { ANY, referencePages, type Example, type Loose, type Page } from './support/reference-pages.ts';
import { createTestTemplate, players } from './support/templates.ts';

/** Arrays Dojang answers empty by design (see the README's compatibility table). */
const EMPTY_BY_DESIGN = ['body.allow_list', 'body.workflow_charge_list'];

interface Case {
  name: string;
  page: Page;
  method: 'GET' | 'POST';
  path: string;
  request: Loose | undefined;
  expected: Loose;
}

const isRecord = (v: unknown): v is Record<string, Loose> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The page's success answer: its preview answer for a preview request, else its first one; `file_list` from its element example. */
function expectedAnswer(page: Page, preview: boolean): Loose | undefined {
  const answers = page.examples.filter((e) => e.kind === 'response');
  const chosen = (preview ? answers.find((e) => /preview/i.test(e.label)) : answers.find((e) => !/preview/i.test(e.label))) ?? answers[0];
  if (!chosen) return undefined;
  const element = page.examples.find((e) => e.kind === 'element');
  const answer = chosen.value;
  if (element && isRecord(answer) && isRecord(answer.body) && Array.isArray(answer.body.file_list)) {
    return { ...answer, body: { ...answer.body, file_list: [element.value] } };
  }
  return answer;
}

/** A request the page describes by its body parameters only: `{workflow_id: "{workflow_id}"}`. */
function describedRequest(page: Page): Loose | undefined {
  if (page.call?.method !== 'POST' || page.bodyParameters.length === 0) return undefined;
  return Object.fromEntries(page.bodyParameters.map((name) => [name, `{${name}}`]));
}

function casesOf(page: Page): Case[] {
  if (!page.call) return [];
  const { method, path } = page.call;
  const requests: Example[] = page.examples.filter((e) => e.kind === 'request');
  const cases: Case[] = requests.map((example) => ({
    name: `${page.file} #${example.index} ${example.label.slice(0, 40)}`,
    page,
    method,
    path,
    request: example.value,
    expected: expectedAnswer(page, false)!,
  }));
  if (requests.length === 0) {
    cases.push({
      name: `${page.file} (${method} as the page describes it)`,
      page,
      method,
      path,
      request: describedRequest(page),
      expected: expectedAnswer(page, false)!,
    });
  }
  const preview = page.examples.find((e) => e.kind === 'response' && /preview/i.test(e.label));
  const first = requests[0]?.value;
  if (preview && isRecord(first) && isRecord(first.body)) {
    cases.push({
      name: `${page.file} #${preview.index} ${preview.label}`,
      page,
      method,
      path,
      request: { ...first, body: { ...first.body, preview: 'preview' } },
      expected: expectedAnswer(page, true)!,
    });
  }
  return cases;
}

const CASES = referencePages().flatMap(casesOf);

describe('the reference pages', () => {
  it('give a request (or a described call) and a success answer for every call', () => {
    expect(CASES.length).toBeGreaterThan(30);
    for (const c of CASES) expect(c.expected, c.name).toBeDefined();
  });
});

describe.each(testDatabases())('reference examples on %s', (kind) => {
  let server: TestServer;
  let company: TestCompany;
  let client: DojangClient;
  let twoSteps: string;
  let oneStep: string;
  let complete: string;
  const today = dayInOffset(new Date(), '+09:00');
  const nextMonth = dayInOffset(new Date(Date.now() + 30 * 86_400_000), '+09:00');

  beforeAll(async () => {
    server = await startTestServer(kind);
    company = await server.company('refco');
    client = clientFor(server, company);
    twoSteps = await createTestTemplate(
      company,
      2,
      [
        { name: 'name', type: 'TextBox', owner: 1 },
        { name: 'agree', type: 'CheckBox', owner: 1 },
        { name: 'amount', type: 'TextBox', owner: 2 },
      ],
      '참조 계약서',
    );
    oneStep = await createTestTemplate(company, 1, [{ name: 'name', type: 'TextBox', owner: 1 }], '참조 안내문');
    // A workflow with name = 홍길동, for the searches; completed, for download and info.
    complete = await startTwoSteps();
    for (const step of [1, 2]) {
      const { header } = await client.action('refco', {
        memb_email: `signer${step}@example.com`,
        action_id: String(step),
        workflow_id: complete,
        command: 'CF',
      });
      expect(header.result_code, header.result_msg).toBe('00');
    }
  });
  afterAll(() => server?.close());

  async function startTwoSteps(): Promise<string> {
    const { header, body } = await client.startsimple('refco', {
      workflow_name: '참조 예시 계약',
      doc_id: twoSteps,
      player_list: players(2),
      field_list: [{ field_name: 'name', field_value: '홍길동' }],
      customer_list: [{ email: 'referer@example.com', name: '참조자' }],
    });
    expect(header.result_code, header.result_msg).toBe('00');
    return body.workflow_id!;
  }

  /** The request code an example sends, if any. */
  const codeOf = (request: Loose | undefined) =>
    isRecord(request) && isRecord(request.header) && typeof request.header.request_code === 'string' ? request.header.request_code : '';

  /** Fills the example's placeholders with this test's ids and plausible values, by key. */
  async function fill(c: Case): Promise<{ path: string; request: Loose | undefined }> {
    const code = codeOf(c.request);
    const bulk = code === '1410Q' || code === '5004Q';
    // Calls that change a workflow get a fresh one; the others look at the completed one.
    let fresh: Promise<string> | null = null;
    const workflowId = () => (['5010Q', '1510Q', '1429Q'].includes(code) ? (fresh ??= startTwoSteps()) : Promise.resolve(complete));
    const templateId = bulk ? oneStep : twoSteps;

    async function value(v: Loose, at: (string | number)[]): Promise<Loose> {
      if (Array.isArray(v)) return Promise.all(v.map((e, i) => value(e, [...at, i])));
      if (isRecord(v)) {
        const out: Record<string, Loose> = {};
        for (const [k, e] of Object.entries(v)) out[k] = await value(e, [...at, k]);
        return out;
      }
      if (typeof v !== 'string' && v !== ANY) return v;
      return text(v === ANY ? '{}' : v, at);
    }

    async function text(v: string, at: (string | number)[]): Promise<string> {
      const key = String(at.at(-1));
      const list = at.find((p) => typeof p === 'string' && p.endsWith('_list')) as string | undefined;
      const index = at.findLast((p) => typeof p === 'number') as number | undefined;
      // Ids of this test's own company, templates and workflows, whatever the page wrote.
      if (key === 'comp_id') return 'refco';
      if (key === 'doc_id' || key === 'doc_uid') return templateId;
      if (key === 'workflow_lib_id') return oneStep;
      if (key === 'workflow_id' || key === 'wfuid') return workflowId();
      if (key === 'memb_email' && at.length <= 2) return code === '5010Q' ? 'signer1@example.com' : company.email;
      const placeholder = /\{.*\}/.test(v) || /^Y{4}-M{2}-D{2}$/.test(v);
      if (!placeholder) return v;
      const standIns: Record<string, () => string> = {
        memb_pwd: () => company.password,
        email: () =>
          list === 'customer_list'
            ? 'referer@example.com'
            : list === 'unset_player_list'
              ? `bulk${(index ?? 0) + 1}@example.com`
              : `signer${(index ?? 0) + 1}@example.com`,
        name: () => '홍길동',
        workflow_name: () => '참조 예시 계약',
        mobile_number: () => '010-1234-5678',
        password: () => 'pass1234',
        password_hint: () => '생일',
        language: () => 'ko-KR',
        memb_id_type: () => 'EMail',
        id_type: () => 'EMail',
        enable_mobile_cert: () => 'false',
        enable_password_cert: () => 'true',
        enable: () => 'true',
        field_name: () => 'name',
        field_value: () => '홍길동',
        expireddate: () => nextMonth,
        start_date: () => today,
        end_date: () => today,
        search_date_type: () => 'START',
        command: () => (code === '5010Q' ? 'CF' : 'CANCEL'),
        comment: () => '참조 예시',
        description: () => '참조 예시',
        action_id: () => '1',
        api_type: () => 'ALL',
        url: () => 'http://127.0.0.1:9/exports',
        link_type: () => 'download',
        request_code: () => 'ref-example',
        authorization: () => 'Bearer ref-example',
        param_id: () => 'param1',
        param_value: () => '-',
        client_id: () => 'client-1',
        clientid: () => 'client-1',
        request_lang: () => 'ko',
      };
      const standIn = standIns[key];
      if (!standIn) throw new Error(`${c.name}: no stand-in for ${at.join('.')} = "${v}"; teach the test what it means`);
      return standIn();
    }

    const path = c.path
      .replace(/\{CompID\}|:companyId/, 'refco')
      .replace(':workflowId', complete)
      .replace(':documentId', twoSteps)
      .replace(/page=\{[^}]*\}/, 'page=1')
      .replace(/rows=\{[^}]*\}/, 'rows=50')
      .replace(/lang=\{[^}]*\}/, 'lang=ko');
    return { path, request: c.request === undefined ? undefined : await value(c.request, []) };
  }

  for (const c of CASES) {
    it(c.name, async (context) => {
      const { path, request } = await fill(c);
      const answer = await client.request<{ header: { result_code: string; result_msg: string }; body: Record<string, unknown> }>(c.method, path, request);
      if (codeOf(c.request) === '1429Q' && answer.json.header?.result_msg?.includes('unknown request_code')) {
        context.skip('1429Q (resend) is being added on main by the notifications work');
      }
      expect(answer.status, JSON.stringify(answer.json)).toBe(200);
      expect(answer.json.header.result_code, answer.json.header.result_msg).toBe('00');
      expect(shapeMismatches(c.expected, answer.json, { emptyByDesign: EMPTY_BY_DESIGN })).toEqual([]);
      const entries = answer.json.body.workflow_list;
      if (codeOf(c.request) === '1410Q' || codeOf(c.request) === '5004Q') {
        expect((entries as { result: string; description: string }[]).map((e) => `${e.result} ${e.description}`)).toEqual(
          (entries as unknown[]).map(() => 'OK '),
        );
      }
    });
  }
});
