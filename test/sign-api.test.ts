// The signer's JSON API as a server or the signing page uses it, on both databases:
// the verification gate and its lockout, one-time codes, what a link shows before and after
// verification and after acting, editable flags, earlier steps' values, history with IP and
// user agent, and that every error a client can cause is a 4xx.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompany } from '../src/accounts/create-company.ts';
import { pdfToText } from '../src/documents/test-support/poppler.ts';
import { loadConfig } from '../src/config.ts';
import { startDojang } from '../src/dojang.ts';
import { scratchDatabase, testDatabases } from './support/databases.ts';
import { freePort, startTestServer, type TestCompany, type TestServer } from './support/dojang-server.ts';
import { createTestTemplate, players } from './support/templates.ts';
import { toWorkflowId } from '../src/domain/ids.ts';

const UA = 'DojangTest/1.0 (sign-api)';
const PNG_1x1 = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';

interface Answer {
  status: number;
  json: any;
  headers: Headers;
}

describe.each(testDatabases())('signer API on %s', (kind) => {
  let server: TestServer;
  let acme: TestCompany;
  let docId: string;
  let clockOffsetMs = 0;

  beforeAll(async () => {
    server = await startTestServer(kind, {}, { clock: () => new Date(Date.now() + clockOffsetMs) });
    acme = await server.company('acme', { name: '에이크미 주식회사' });
    docId = await createTestTemplate(acme, 2, [
      { name: '안내', type: 'LabelBox', default: '계약 조건을 확인하세요' },
      { name: '이름', type: 'TextBox', owner: 1, required: true },
      { name: '계약일', type: 'DatePickerBox', owner: 1, required: true },
      { name: '동의', type: 'CheckBox', owner: 1, required: true },
      { name: '서명', type: 'SignBox', owner: 1, required: true, height: 60 },
      { name: '선택A', type: 'RadioBox', owner: 1, group: '선택' },
      { name: '선택B', type: 'RadioBox', owner: 1, group: '선택' },
      { name: '금액', type: 'TextBox', owner: 2, required: true },
      { name: '확인', type: 'CheckBox', owner: 2 },
    ]);
  });
  afterAll(() => server?.close());

  async function call(method: string, path: string, options: { body?: unknown; session?: string; cookie?: string; raw?: string } = {}): Promise<Answer> {
    const headers: Record<string, string> = { 'user-agent': UA };
    if (options.body !== undefined || options.raw !== undefined) headers['content-type'] = 'application/json';
    if (options.session) headers['x-dojang-sign-session'] = options.session;
    if (options.cookie) headers.cookie = options.cookie;
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers,
      ...(options.raw !== undefined ? { body: options.raw } : options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      redirect: 'manual',
    });
    const text = await response.text();
    let json: unknown = text;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: response.status, json, headers: response.headers };
  }

  async function start(playerExtra: Record<string, unknown>[] = []): Promise<{ workflowId: string; token: string }> {
    const { json } = await acme.esignon('/api/acme/startsimple', '5005Q', {
      workflow_name: '임대차 계약',
      doc_id: docId,
      memb_email: acme.email,
      player_list: players(2, playerExtra),
      export_api_info: { api_type: 'ALL', url: 'http://127.0.0.1:9/unused', request_code: 'embed' },
    });
    expect(json.header.result_code, json.header.result_msg).toBe('00');
    return { workflowId: json.body.workflow_id, token: new URL(json.body.play_url).searchParams.get('token')! };
  }

  /** The payload of a workflow's newest job on a queue: an export event, or a message (a one-time code). */
  async function latestJob(workflowId: string, queue: 'export' | 'notify'): Promise<any> {
    const job = await server.dojang.ctx.db
      .selectFrom('jobs')
      .select('payload')
      .where('workflow_id', '=', toWorkflowId(Number(workflowId)))
      .where('queue', '=', queue)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    return JSON.parse(job.payload);
  }

  /** The signing link the export of a workflow's latest event carries (embed mode). */
  const latestPlayToken = async (workflowId: string): Promise<string> =>
    new URL((await latestJob(workflowId, 'export')).payload.body.play_url).searchParams.get('token')!;

  const history = (workflowId: string) =>
    server.dojang.ctx.db
      .selectFrom('history')
      .selectAll()
      .where('workflow_id', '=', toWorkflowId(Number(workflowId)))
      .orderBy('id')
      .execute();

  const step1Values = [
    { field_name: '이름', field_value: '홍길동' },
    { field_name: '계약일', field_value: '2026-12-01' },
    { field_name: '동의', field_value: 'Y' },
    { field_name: '서명', field_value: PNG_1x1 },
    { field_name: '선택B', field_value: 'Y' },
  ];

  it('keeps a draft: saved as the signer goes, back on the next look, no change to the workflow, gone once the step acts', async () => {
    const { workflowId, token } = await start();
    const before = (await history(workflowId)).length;
    const draft = [
      { field_name: '이름', field_value: '홍길' },
      { field_name: '동의', field_value: 'Y' },
    ];
    expect((await call('PUT', `/api/sign/${token}/draft`, { body: { fields: draft } })).status).toBe(204);
    const view = (await call('GET', `/api/sign/${token}`)).json;
    const byName = Object.fromEntries(view.fields.map((f: { name: string; value: string }) => [f.name, f.value]));
    expect(byName).toMatchObject({ 이름: '홍길', 동의: 'Y', 계약일: '' });
    // Not a change: no history entry, no export, the workflow's values untouched.
    expect((await history(workflowId)).filter((h) => h.step_code !== 'VIEW')).toHaveLength(before);
    expect((await acme.post('/exportfield', { workflow_id: workflowId })).json.body.field_data).toMatchObject({ 이름: '', 동의: '' });
    // Only this signer's own boxes, each checked.
    expect((await call('PUT', `/api/sign/${token}/draft`, { body: { fields: [{ field_name: '금액', field_value: '1' }] } })).status).toBe(400);
    expect((await call('PUT', `/api/sign/${token}/draft`, { body: { fields: [{ field_name: '계약일', field_value: 'tomorrow' }] } })).status).toBe(400);
    // Approved, the link closes and the draft is swept.
    expect((await call('POST', `/api/sign/${token}/complete`, { body: { command: 'CF', fields: step1Values } })).status).toBe(200);
    const { sweepDrafts } = await import('../src/signing/sign-drafts.ts');
    expect(await sweepDrafts(server.dojang.ctx)).toBeGreaterThanOrEqual(1);
    expect(
      await server.dojang.ctx.db
        .selectFrom('sign_drafts')
        .select('token_hash')
        .where('workflow_id', '=', toWorkflowId(Number(workflowId)))
        .execute(),
    ).toEqual([]);
  });

  it('answers 404 problem+json for a token that is not a signing link, on every route', async () => {
    for (const token of ['A'.repeat(43), 'short', '..%2F..%2Fetc']) {
      for (const [method, path] of [
        ['GET', `/api/sign/${token}`],
        ['GET', `/api/sign/${token}/document.pdf`],
        ['POST', `/api/sign/${token}/otp`],
        ['POST', `/api/sign/${token}/start`],
      ] as const) {
        const answer = await call(method, path);
        expect(answer.status, `${method} ${path}`).toBe(404);
        expect(answer.headers.get('content-type')).toContain('application/problem+json');
      }
      expect((await call('POST', `/api/sign/${token}/verify`, { body: { password: 'x' } })).status).toBe(404);
      expect((await call('POST', `/api/sign/${token}/complete`, { body: { command: 'CF' } })).status).toBe(404);
    }
    expect((await call('GET', '/sign?token=nope')).status).toBe(404);
  });

  it('gates a password player: only what the gate needs, one wrong try, then the document', async () => {
    const { workflowId, token } = await start([{ password: 'pa55word', password_hint: '회사 이름 영문', language: 'ko-KR' }]);
    const before = await call('GET', `/api/sign/${token}`);
    expect(before.status).toBe(200);
    expect(before.headers.get('cache-control')).toBe('no-store');
    expect(before.json).toMatchObject({
      workflow_id: workflowId,
      workflow_name: '임대차 계약',
      status: 'Playing',
      current_step: 1,
      total_steps: 2,
      company_name: '에이크미 주식회사',
      signer: { step: 1, name: '서명자1', language: 'ko-KR' },
      link: { state: 'open', outcome: null },
      verification: {
        needed: true,
        verified: false,
        locked_until: null,
        methods: [{ method: 'password', passed: false, hint: '회사 이름 영문', mobile_number: null }],
      },
      document: null,
      fields: null,
    });
    expect((await call('GET', `/api/sign/${token}/document.pdf`)).json.code).toBe('verification-required');
    expect((await call('POST', `/api/sign/${token}/complete`, { body: { command: 'CF', fields: step1Values } })).status).toBe(401);

    const wrong = await call('POST', `/api/sign/${token}/verify`, { body: { password: 'nope' } });
    expect(wrong.status).toBe(401);
    expect(wrong.json).toMatchObject({ code: 'verification-failed', attempts_left: 4 });
    const right = await call('POST', `/api/sign/${token}/verify`, { body: { password: 'pa55word' } });
    expect(right.status).toBe(200);
    expect(right.json).toMatchObject({ verified: true, remaining: [] });
    const session = right.json.session as string;
    expect(session.length).toBeGreaterThanOrEqual(32);
    const setCookie = right.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toContain('Path=/api/sign/');

    // The session works as a header and as the cookie; a made-up one does not.
    const viaHeader = await call('GET', `/api/sign/${token}`, { session });
    const viaCookie = await call('GET', `/api/sign/${token}`, { cookie: setCookie.split(';')[0]! });
    expect(viaHeader.json.verification.verified).toBe(true);
    expect(viaCookie.json.verification.verified).toBe(true);
    expect((await call('GET', `/api/sign/${token}`, { session: 'x'.repeat(43) })).json.verification.verified).toBe(false);

    const view = viaHeader.json;
    expect(view.document).toMatchObject({ pdf_url: `/api/sign/${token}/document.pdf`, values_drawn: true });
    expect(view.document.pages).toEqual([{ width: 595.28, height: 841.89 }]);
    const byName = Object.fromEntries(view.fields.map((f: { name: string }) => [f.name, f]));
    expect(byName.안내).toMatchObject({ type: 'LabelBox', owner: 0, value: '계약 조건을 확인하세요', editable: false });
    expect(byName.이름).toMatchObject({ type: 'TextBox', owner: 1, required: true, editable: true, value: '', page: 1 });
    expect(byName.선택A).toMatchObject({ type: 'RadioBox', group: '선택', editable: true });
    expect(byName.금액).toMatchObject({ owner: 2, editable: false, value: '' });

    const pdf = await fetch(`${server.url}/api/sign/${token}/document.pdf`, { headers: { 'x-dojang-sign-session': session } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    // The page as an image: behind the same verification, at the widths offered, kept by the browser.
    expect(view.document.page_images).toEqual({ url: `/api/sign/${token}/pages/{page}`, widths: [800, 1200, 1600] });
    expect((await call('GET', `/api/sign/${token}/pages/1?width=800`)).json.code).toBe('verification-required');
    const image = await fetch(`${server.url}/api/sign/${token}/pages/1?width=800`, { headers: { 'x-dojang-sign-session': session } });
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/webp');
    expect(image.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    const webp = Buffer.from(await image.arrayBuffer());
    expect([webp.subarray(0, 4).toString(), webp.subarray(8, 12).toString()]).toEqual(['RIFF', 'WEBP']);
    // Its width, from the WebP header (extended VP8X, or plain lossy VP8).
    const width = webp.subarray(12, 16).toString() === 'VP8X' ? 1 + webp.readUIntLE(24, 3) : webp.readUInt16LE(26) & 0x3fff;
    expect(width).toBe(800);
    expect((await call('GET', `/api/sign/${token}/pages/2?width=800`, { session })).status).toBe(404);
    expect((await call('GET', `/api/sign/${token}/pages/1?width=123`, { session })).status).toBe(400);

    expect((await call('POST', `/api/sign/${token}/start`, { session })).status).toBe(204);
    expect((await call('POST', `/api/sign/${token}/start`, { session })).status).toBe(204);

    const codes = (await history(workflowId)).map((h) => h.step_code);
    expect(codes).toEqual(['WORKFLOW_START', 'SIGN_REQ', 'VIEW', 'PASSWORD_CERT', 'SIGN_START']);
    for (const entry of (await history(workflowId)).slice(2)) {
      expect(entry).toMatchObject({ action_id: 1, actor_name: '서명자1', actor_identity: 'signer1@example.com', ip: '127.0.0.1', user_agent: UA });
    }
  });

  it('locks the step for 15 minutes after 5 wrong passwords, even for the right one', async () => {
    const { token } = await start([{ password: 'pa55word' }]);
    for (let i = 1; i <= 4; i++) {
      const wrong = await call('POST', `/api/sign/${token}/verify`, { body: { password: `wrong${i}` } });
      expect(wrong.json).toMatchObject({ code: 'verification-failed', attempts_left: 5 - i });
    }
    const fifth = await call('POST', `/api/sign/${token}/verify`, { body: { password: 'wrong5' } });
    expect(fifth.status).toBe(429);
    expect(fifth.json.code).toBe('locked');
    expect(Number(fifth.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
    const locked = await call('POST', `/api/sign/${token}/verify`, { body: { password: 'pa55word' } });
    expect(locked.status).toBe(429);
    expect((await call('GET', `/api/sign/${token}`)).json.verification.locked_until).toBe(fifth.json.locked_until);

    clockOffsetMs += 16 * 60_000;
    try {
      const after = await call('POST', `/api/sign/${token}/verify`, { body: { password: 'pa55word' } });
      expect(after.status).toBe(200);
      expect(after.json.verified).toBe(true);
    } finally {
      clockOffsetMs -= 16 * 60_000;
    }
  });

  it('does not let parallel wrong tries exceed the limit', async () => {
    const { token } = await start([{ password: 'pa55word' }]);
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => call('POST', `/api/sign/${token}/verify`, { body: { password: `bad${i}` } })));
    expect(answers.filter((a) => a.json.code === 'verification-failed').length).toBeLessThanOrEqual(4);
    expect(answers.filter((a) => a.status === 429).length).toBeGreaterThanOrEqual(8);
    expect((await call('POST', `/api/sign/${token}/verify`, { body: { password: 'pa55word' } })).status).toBe(429);
  });

  it('sends one-time codes to the mobile number, rate-limited, valid five minutes, recorded as MOBILE_CERT', async () => {
    const { workflowId, token } = await start([{ mobile_number: '010-2345-6789', language: 'en-US' }]);
    const gate = (await call('GET', `/api/sign/${token}`)).json;
    expect(gate.verification.methods).toEqual([{ method: 'otp', passed: false, hint: null, mobile_number: '010-****-6789' }]);
    expect((await call('POST', `/api/sign/${token}/verify`, { body: { otp: '123456' } })).json.code).toBe('no-active-code');

    const sent = await call('POST', `/api/sign/${token}/otp`);
    expect(sent.status).toBe(200);
    expect(sent.json).toMatchObject({ sent: true, mobile_number: '010-****-6789', resend_after: 60 });
    const again = await call('POST', `/api/sign/${token}/otp`);
    expect(again.status).toBe(429);
    expect(again.json.code).toBe('code-rate-limited');

    const job = await latestJob(workflowId, 'notify');
    expect(job).toMatchObject({ kind: 'otp', step: 1, to: { name: '서명자1', identity: '010-2345-6789', language: 'en-US' }, validMinutes: 5 });
    expect(job.code).toMatch(/^\d{6}$/);

    const wrongCode = job.code === '000000' ? '111111' : '000000';
    expect((await call('POST', `/api/sign/${token}/verify`, { body: { otp: wrongCode } })).json).toMatchObject({
      code: 'verification-failed',
      attempts_left: 4,
    });

    // Five minutes later the code is gone; a new one can be sent and the old one does not count.
    clockOffsetMs += 6 * 60_000;
    try {
      expect((await call('POST', `/api/sign/${token}/verify`, { body: { otp: job.code } })).json.code).toBe('no-active-code');
      expect((await call('POST', `/api/sign/${token}/otp`)).status).toBe(200);
      const fresh = await latestJob(workflowId, 'notify');
      const ok = await call('POST', `/api/sign/${token}/verify`, { body: { otp: fresh.code } });
      expect(ok.status).toBe(200);
      expect(ok.json.verified).toBe(true);
      expect((await call('POST', `/api/sign/${token}/verify`, { body: { otp: fresh.code } })).json.code).toBe('no-active-code');
    } finally {
      clockOffsetMs -= 6 * 60_000;
    }
    const entry = (await history(workflowId)).find((h) => h.step_code === 'MOBILE_CERT');
    expect(entry).toMatchObject({ action_id: 1, ip: '127.0.0.1', user_agent: UA });
  });

  it('needs both the password and the code when the player has both, on one session', async () => {
    const { workflowId, token } = await start([{ password: 'pa55word', mobile_number: '01098765432' }]);
    const first = await call('POST', `/api/sign/${token}/verify`, { body: { password: 'pa55word' } });
    expect(first.json).toMatchObject({ verified: false, remaining: ['otp'] });
    expect((await call('GET', `/api/sign/${token}`, { session: first.json.session })).json.fields).toBeNull();
    await call('POST', `/api/sign/${token}/otp`);
    const second = await call('POST', `/api/sign/${token}/verify`, {
      body: { otp: (await latestJob(workflowId, 'notify')).code },
      session: first.json.session,
    });
    expect(second.json).toMatchObject({ verified: true, remaining: [], session: first.json.session });
    expect((await call('GET', `/api/sign/${token}`, { session: first.json.session })).json.fields).not.toBeNull();
  });

  it('refuses verification a player does not have, and bodies that are not one secret', async () => {
    const { token } = await start();
    expect((await call('POST', `/api/sign/${token}/verify`, { body: { password: 'x' } })).json.code).toBe('verification-not-needed');
    expect((await call('POST', `/api/sign/${token}/otp`)).json.code).toBe('verification-not-needed');
    expect((await call('POST', `/api/sign/${token}/verify`, { body: {} })).status).toBe(400);
    expect((await call('POST', `/api/sign/${token}/verify`, { body: { password: 'a', otp: '1' } })).status).toBe(400);
    expect((await call('POST', `/api/sign/${token}/verify`, { raw: '{not json' })).status).toBe(400);
  });

  it('acts through the same rules as the action call: required fields, bad values, RT needs a reason', async () => {
    const { workflowId, token } = await start();
    const open = (await call('GET', `/api/sign/${token}`)).json;
    expect(open.verification).toMatchObject({ needed: false, verified: true });
    expect(open.fields).toHaveLength(9);

    const missing = await call('POST', `/api/sign/${token}/complete`, { body: { command: 'CF', fields: [{ field_name: '이름', field_value: '홍길동' }] } });
    expect(missing.status).toBe(422);
    expect(missing.json.code).toBe('missing-required');
    expect(missing.json.errors.map((e: { field: string }) => e.field).sort()).toEqual(['계약일', '동의', '서명'].sort());

    const bad = await call('POST', `/api/sign/${token}/complete`, {
      body: { command: 'CF', fields: [...step1Values, { field_name: '계약일', field_value: '12/01/2026' }] },
    });
    expect(bad.status).toBe(400);
    const notMine = await call('POST', `/api/sign/${token}/complete`, {
      body: { command: 'CF', fields: [...step1Values, { field_name: '금액', field_value: '1' }] },
    });
    expect(notMine.status).toBe(400);
    expect(JSON.stringify(notMine.json.errors)).toContain('금액');
    expect((await call('POST', `/api/sign/${token}/complete`, { body: { command: 'XX' } })).status).toBe(400);
    const noReason = await call('POST', `/api/sign/${token}/complete`, { body: { command: 'RT', opinion: '  ' } });
    expect(noReason.status).toBe(400);
    expect(noReason.json.code).toBe('reason-required');
    expect((await call('POST', `/api/sign/${token}/complete`, { raw: '[' })).status).toBe(400);

    const approved = await call('POST', `/api/sign/${token}/complete`, { body: { command: 'CF', opinion: '확인했습니다', fields: step1Values } });
    expect(approved.status).toBe(200);
    expect(approved.json).toEqual({ result: 'approved', workflow_status: 'Playing', current_step: 2 });

    // The used link shows what happened instead of acting again.
    const used = await call('GET', `/api/sign/${token}`);
    expect(used.json.link).toMatchObject({ state: 'closed', outcome: { kind: 'approved', opinion: '확인했습니다' } });
    expect(used.json.fields).toBeNull();
    expect(used.json.document).toBeNull();
    const again = await call('POST', `/api/sign/${token}/complete`, { body: { command: 'CF', fields: step1Values } });
    expect(again.status).toBe(409);
    expect(again.json.code).toBe('link-closed');
    expect((await call('GET', `/api/sign/${token}/document.pdf`)).status).toBe(409);

    // Step 2 sees step 1's values, edits only its own boxes.
    const token2 = await latestPlayToken(workflowId);
    const view2 = (await call('GET', `/api/sign/${token2}`)).json;
    const byName = Object.fromEntries(view2.fields.map((f: { name: string }) => [f.name, f]));
    expect(view2.signer).toMatchObject({ step: 2, name: '서명자2' });
    expect(byName.이름).toMatchObject({ value: '홍길동', editable: false });
    expect(byName.계약일).toMatchObject({ value: '2026-12-01', editable: false });
    expect(byName.서명).toMatchObject({ value: PNG_1x1, editable: false });
    expect(byName.선택A.value).toBe('');
    expect(byName.선택B.value).toBe('Y');
    expect(byName.금액).toMatchObject({ value: '', editable: true, required: true });
    // The document has the values so far drawn in: step 1's, not yet step 2's own.
    const pdf = await fetch(`${server.url}/api/sign/${token2}/document.pdf`);
    expect(pdf.status).toBe(200);
    const text = await pdfToText(new Uint8Array(await pdf.arrayBuffer()));
    expect(text).toContain('홍길동');
    expect(text).toContain('2026-12-01');

    const returned = await call('POST', `/api/sign/${token2}/complete`, { body: { command: 'RT', opinion: '금액을 다시 확인해 주세요', fields: [] } });
    expect(returned.json).toEqual({ result: 'returned', workflow_status: 'Playing', current_step: 1 });
    expect((await call('GET', `/api/sign/${token2}`)).json.link.outcome).toMatchObject({ kind: 'returned', opinion: '금액을 다시 확인해 주세요' });

    // Back at step 1 with a new link: its own earlier values are there to correct.
    const token1b = await latestPlayToken(workflowId);
    const back = (await call('GET', `/api/sign/${token1b}`)).json;
    expect(back.fields.find((f: { name: string }) => f.name === '이름')).toMatchObject({ value: '홍길동', editable: true });

    const steps = (await history(workflowId)).map((h) => `${h.step_code}:${h.action_id ?? ''}`);
    expect(steps).toEqual([
      'WORKFLOW_START:',
      'SIGN_REQ:1',
      'VIEW:1',
      'SIGN_START:1',
      'SIGN_COMPLETE:1',
      'SIGN_REQ:2',
      'VIEW:2',
      'SIGN_START:2',
      'SIGN_RETURN:2',
      'SIGN_REQ:1',
      'VIEW:1',
    ]);
  });

  it('stops acting when the link expires, and says so', async () => {
    const { token } = await start();
    clockOffsetMs += 31 * 86_400_000;
    try {
      const view = (await call('GET', `/api/sign/${token}`)).json;
      expect(view.link).toMatchObject({ state: 'expired', outcome: { kind: 'expired', at: view.link.expires_at } });
      expect(view.fields).toBeNull();
      const late = await call('POST', `/api/sign/${token}/complete`, { body: { command: 'CF', fields: step1Values } });
      expect(late.status).toBe(410);
      expect(late.json.code).toBe('link-expired');
      expect((await call('POST', `/api/sign/${token}/verify`, { body: { password: 'x' } })).status).toBe(410);
    } finally {
      clockOffsetMs -= 31 * 86_400_000;
    }
  });

  it('shows a canceled workflow and a step-1 return as what happened', async () => {
    const { workflowId, token } = await start();
    await acme.esignon('/JEDOC/Common.do', '1510Q', {
      comp_id: 'acme',
      memb_email: acme.email,
      workflow_id: workflowId,
      command: 'CANCEL',
      description: '고객 요청',
    });
    const canceled = (await call('GET', `/api/sign/${token}`)).json;
    expect(canceled.status).toBe('Canceled');
    expect(canceled.link).toMatchObject({ state: 'closed', outcome: { kind: 'canceled' } });

    const other = await start();
    const rt = await call('POST', `/api/sign/${other.token}/complete`, { body: { command: 'RT', opinion: '계약하지 않겠습니다' } });
    expect(rt.json).toEqual({ result: 'canceled', workflow_status: 'Canceled', current_step: 1 });
    expect((await call('GET', `/api/sign/${other.token}`)).json.link.outcome).toMatchObject({ kind: 'returned', opinion: '계약하지 않겠습니다' });
  });

  it("serves the signing page with strict headers, and redirects eSignon's /mail/sign", async () => {
    const { workflowId, token } = await start();
    const page = await fetch(`${server.url}/sign?token=${token}`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain('frame-ancestors *');
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toMatch(/<script type="module" src="\/assets\/sign-[A-Z0-9]{8}\.js">/);
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
    // The script, its chunks and the stylesheet carry their hash in their names: kept a year, sent compressed.
    for (const asset of [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!)) {
      const response = await fetch(`${server.url}${asset}`, { headers: { 'accept-encoding': 'br' } });
      expect(response.status, asset).toBe(200);
      expect(response.headers.get('cache-control'), asset).toBe('public, max-age=31536000, immutable');
      // Compressed at build, all but the smallest chunks (under 1 KB compression saves nothing).
      const body = await response.arrayBuffer();
      if (asset.endsWith('.js') && response.headers.get('content-encoding') !== 'br') expect(body.byteLength, asset).toBeLessThan(1024);
    }
    expect(html).not.toContain(token);
    expect(html).toContain('lang="ko"');
    // Fetched by a messenger for its link preview: the bare shell, and nothing recorded.
    expect((await history(workflowId)).map((h) => h.step_code)).not.toContain('VIEW');

    // Opened by a browser, an open link needing no verification: the HTML carries what the script
    // would ask first, has the first page's image fetched with it, and the look is recorded.
    const opened = await fetch(`${server.url}/sign?token=${token}`, { headers: { 'sec-fetch-dest': 'document', 'sec-fetch-mode': 'navigate' } });
    const shell = await opened.text();
    const carried = JSON.parse(decodeEntities(shell.match(/data-view="([^"]*)"/)![1]!));
    expect(carried).toEqual((await call('GET', `/api/sign/${token}`)).json);
    expect(shell).toContain(
      `<link rel="preload" as="image" imagesrcset="/api/sign/${token}/pages/1?width=800 800w, /api/sign/${token}/pages/1?width=1200 1200w`,
    );
    expect(shell).toMatch(/<link rel="modulepreload" href="\/assets\/chunk-[A-Z0-9]{8}\.js">/);
    expect((await history(workflowId)).filter((h) => h.step_code === 'VIEW')).toHaveLength(1);
    // A link behind a password: neither, until the gate is passed.
    const gated = await start([{ password: 'pa55word' }]);
    const gatedShell = await fetch(`${server.url}/sign?token=${gated.token}`, { headers: { 'sec-fetch-dest': 'document' } }).then((r) => r.text());
    expect(gatedShell).not.toContain('data-view');
    expect(gatedShell).not.toContain('rel="preload"');

    const redirect = await call('GET', `/mail/sign?token=${token}&lang=en`);
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe(`/sign?token=${token}&lang=en`);
    expect(await fetch(`${server.url}/sign?token=${token}&lang=ja`).then((r) => r.text())).toContain('lang="ja"');
  });

  it("describes the signer's routes in the OpenAPI document", async () => {
    const spec = (await call('GET', '/openapi.json')).json;
    for (const path of [
      '/api/sign/{token}',
      '/api/sign/{token}/document.pdf',
      '/api/sign/{token}/verify',
      '/api/sign/{token}/otp',
      '/api/sign/{token}/complete',
    ]) {
      const operations = Object.values(spec.paths[path] ?? {}) as { tags?: string[] }[];
      expect(operations.length, path).toBeGreaterThan(0);
      expect(operations.every((o) => o.tags?.includes('Signer'))).toBe(true);
    }
  });

  it('previews a template: page, boxes, PDF; a bad preview token is a 404 page', async () => {
    const { json } = await acme.esignon('/api/acme/startsimple', '5005Q', {
      workflow_name: 'x',
      doc_id: docId,
      memb_email: acme.email,
      player_list: players(2),
      preview: 'preview',
    });
    expect(json.header.result_code, json.header.result_msg).toBe('00');
    const url = new URL(json.body.preview_url);
    const page = await fetch(`${server.url}${url.pathname}${url.search}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('data-pdf-url="/api/preview/document.pdf?token=');
    expect(html).toContain('data-fields-url="/api/preview/fields?token=');
    const token = url.searchParams.get('token')!;
    const fields = await call('GET', `/api/preview/fields?token=${encodeURIComponent(token)}`);
    expect(fields.json.fields).toHaveLength(9);
    expect(fields.json.steps).toBe(2);
    const pdf = await fetch(`${server.url}/api/preview/document.pdf?token=${encodeURIComponent(token)}&download=1`);
    expect(pdf.headers.get('content-disposition')).toContain('attachment');
    expect((await fetch(`${server.url}/preview?token=nope`)).status).toBe(404);
    expect((await call('GET', '/api/preview/fields?token=nope')).status).toBe(404);
  });
});

describe("the signer's side and the logs", () => {
  it('never writes a signing, preview or session token to the log, even at trace level', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'trace' }, { write: (line: string) => void lines.push(line) });
    const scratch = await scratchDatabase('sqlite');
    const port = await freePort();
    // No workers: with no SMTP or SOLAPI configured, the notify worker's development channel logs
    // signing links on purpose (src/notify/dev-channel.ts). What is checked here is the HTTP side.
    const config = loadConfig({
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATABASE_URL: scratch.url,
      DATA_DIR: scratch.dataDir,
      DOJANG_DEMO: 'false',
      DOJANG_WORKERS: 'false',
    });
    const dojang = await startDojang(config, { logger });
    try {
      const base = `http://127.0.0.1:${port}`;
      await createCompany(dojang.ctx, { id: 'logco', name: 'Log Co', email: 'admin@log.example.com', password: 'correct horse battery', memberName: 'Admin' });
      const send = async (path: string, body: unknown, token?: string) => {
        const response = await fetch(`${base}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify(body),
        });
        return { status: response.status, json: (await response.json()) as any };
      };
      const post = async (path: string, body: unknown, token?: string) => (await send(path, body, token)).json;
      const login = await post('/api/logco/login', {
        header: { request_code: '1001Q' },
        body: { memb_email: 'admin@log.example.com', memb_pwd: 'correct horse battery' },
      });
      const access = login.body.access_token as string;
      const company = { post: (path: string, body: unknown) => send(path, body, access) } as TestCompany;
      const docId = await createTestTemplate(company, 1);
      await post(
        '/api/logco/startsimple',
        {
          header: { request_code: '5005Q' },
          body: { workflow_name: 'logs', doc_id: docId, player_list: [{ field_owner: '1', email: 'a@example.com', name: 'A', password: 'secret12' }] },
        },
        access,
      );
      const job = await dojang.ctx.db.selectFrom('jobs').select('payload').where('queue', '=', 'notify').executeTakeFirstOrThrow();
      const token = new URL(JSON.parse(job.payload).signUrl).searchParams.get('token')!;
      const preview = await post(
        '/api/logco/startsimple',
        {
          header: { request_code: '5005Q' },
          body: { workflow_name: 'p', doc_id: docId, player_list: [{ field_owner: '1', email: 'a@example.com', name: 'A' }], preview: 'preview' },
        },
        access,
      );
      const previewToken = new URL(preview.body.preview_url).searchParams.get('token')!;

      await fetch(`${base}/sign?token=${token}`);
      await fetch(`${base}/mail/sign?token=${token}`, { redirect: 'manual' });
      await fetch(`${base}/api/sign/${token}`);
      await post(`/api/sign/${token}/verify`, { password: 'wrong' });
      const verified = await post(`/api/sign/${token}/verify`, { password: 'secret12' });
      const session = verified.session as string;
      await fetch(`${base}/api/sign/${token}/document.pdf`, { headers: { 'x-dojang-sign-session': session } });
      await fetch(`${base}/api/sign/${token}/complete`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-dojang-sign-session': session },
        body: '{"command":',
      });
      await fetch(`${base}/api/sign/${token}/nope`);
      await fetch(`${base}/preview?token=${encodeURIComponent(previewToken)}`);
      await fetch(`${base}/api/preview/fields?token=${encodeURIComponent(previewToken)}`);

      const log = lines.join('');
      expect(lines.length).toBeGreaterThan(10);
      expect(log).toContain('/api/sign/…');
      for (const secret of [token, session, previewToken, encodeURIComponent(previewToken)]) expect(log).not.toContain(secret);
    } finally {
      await dojang.close();
      await scratch.drop();
    }
  });
});

/** The few entities escapeHtml writes. */
function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
