// Thousands of malformed startsimple and action bodies (fast-check): never a 5xx, never a
// crash, always the eSignon envelope;
// and every route of the OpenAPI document with odd parameters and bodies, never a 5xx.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleLogin } from './console-support/console-client.ts';
import { testDatabases } from './support/databases.ts';
import { startTestServer, type TestCompany, type TestServer } from './support/dojang-server.ts';
import { createTestTemplate, players } from './support/templates.ts';

const RUNS = Number(process.env.DOJANG_FUZZ_RUNS ?? 1500);

/** A JSON value of any shape, weighted toward the troublemakers. */
const anyJson = fc.oneof(
  fc.constantFrom(
    null,
    '',
    ' ',
    0,
    -1,
    1e308,
    true,
    false,
    [],
    {},
    '1',
    'Y',
    'CF',
    'RT',
    '2099-12-31',
    '9999-99-99',
    '\u0000',
    '가'.repeat(300),
    '2147483648',
    '9999999999',
    9999999999,
  ),
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.jsonValue({ maxDepth: 3 }),
);

/** A valid body with some keys replaced by anything, deleted, or nested wrongly. */
function mutated(valid: Record<string, unknown>) {
  const keys = Object.keys(valid);
  return fc
    .array(
      fc.tuple(
        fc.constantFrom(...keys, 'player_list.0', 'field_list.0', 'export_api_info.request_params.0', 'export_api_info.url'),
        fc.oneof(anyJson, fc.constant(undefined)),
      ),
      { minLength: 1, maxLength: 4 },
    )
    .map((changes) => {
      const body = structuredClone(valid) as Record<string, any>;
      for (const [path, value] of changes) {
        const parts = path.split('.');
        let target: any = body;
        for (const part of parts.slice(0, -1)) target = target?.[part];
        if (target && typeof target === 'object') {
          if (value === undefined) delete target[parts.at(-1)!];
          else target[parts.at(-1)!] = value;
        }
      }
      return body;
    });
}

describe.each(testDatabases())('malformed requests on %s', (kind) => {
  let server: TestServer;
  let acme: TestCompany;
  let docId: string;
  let workflowId: string;

  beforeAll(async () => {
    server = await startTestServer(kind);
    acme = await server.company('acme');
    docId = await createTestTemplate(acme, 2, [
      { name: 'name_1', type: 'TextBox', owner: 1, required: true },
      { name: 'pic', type: 'PictureBox', owner: 1 },
      { name: 'when', type: 'DatePickerBox', owner: 1 },
      { name: 'r1', type: 'RadioBox', owner: 1, group: 'g' },
      { name: 'r2', type: 'RadioBox', owner: 1, group: 'g' },
      { name: 'sign_2', type: 'SignBox', owner: 2 },
    ]);
    const { json } = await acme.esignon('/api/acme/startsimple', '5005Q', { workflow_name: 'fuzz', doc_id: docId, player_list: players(2) });
    workflowId = json.body.workflow_id;
  });
  afterAll(() => server?.close());

  async function send(path: string, payload: unknown, raw = false) {
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `esignon ${acme.token}` },
      body: raw ? (payload as string) : JSON.stringify(payload),
    });
    const text = await response.text();
    expect(response.status, `${path} ${text.slice(0, 300)}`).toBeLessThan(500);
    const json = JSON.parse(text);
    expect(json.header.result_code, text.slice(0, 300)).toMatch(/^(00|-1|10|11|12|19|20|94|95|99)$/);
    expect(typeof json.header.result_msg).toBe('string');
    return json;
  }

  it('startsimple: mutated bodies', async () => {
    const valid = {
      workflow_name: '퍼즈',
      doc_id: docId,
      memb_email: acme.email,
      language: 'ko-KR',
      comment: '',
      expireddate: '2099-01-01',
      player_list: players(2),
      field_list: [{ field_name: 'name_1', field_value: 'x' }],
      customer_list: [{ email: 'ref@example.com', name: '참조' }],
      export_api_info: {
        api_type: 'ALL',
        url: 'http://127.0.0.1:9/x',
        request_code: 'embed',
        request_params: [{ param_id: 'p', param_value: '', fields: ['name_1'] }],
      },
    };
    await fc.assert(
      fc.asyncProperty(mutated(valid), async (body) => {
        await send('/api/acme/startsimple', { header: { request_code: '5005Q' }, body });
      }),
      { numRuns: RUNS },
    );
  });

  it('action: mutated bodies', async () => {
    const valid = {
      memb_email: 'signer1@example.com',
      action_id: '1',
      workflow_id: workflowId,
      comment: '',
      command: 'RT',
      field_list: [{ field_name: 'r1', field_value: 'Y' }],
    };
    await fc.assert(
      fc.asyncProperty(
        mutated(valid).map((b) => ({ ...b, command: b.command === 'RT' ? 'CF' : b.command })),
        async (body) => {
          await send('/api/acme/action', { header: { request_code: '5010Q' }, body });
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('every route of the OpenAPI document: odd path parameters, queries and bodies, with a token and without', async () => {
    const doc = (await (await fetch(`${server.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    // Logging out would end the console session the other console calls are made with.
    const routes = Object.entries(doc.paths)
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ path, method: method.toUpperCase() })))
      .filter((route) => route.path !== '/console/api/logout');
    expect(routes.length).toBeGreaterThan(30);
    const console_ = await consoleLogin(server.url, 'acme', acme.email, acme.password);
    const oddSegment = fc.oneof(
      fc.constantFrom(
        '0',
        '-1',
        '1',
        '1.5',
        '1e3',
        '2147483647',
        '2147483648',
        '9999999999',
        '99999999999999999999',
        'NaN',
        '%00',
        'a%00b',
        '%E0%A4%A',
        '%ED%A0%80',
        '%C0%80',
        '%FF',
        '..',
        '가나다',
        'acme',
        'globex',
        ' ',
        '%20',
        'null',
        'x'.repeat(300),
      ),
      fc.string({ minLength: 1, maxLength: 20 }).map(encodeURIComponent),
      fc.integer().map(String),
    );
    const oddQuery = fc.dictionary(
      fc.constantFrom('page', 'rows', 'status', 'since', 'step', 'limit', 'q', 'x', 'token', 'lang'),
      fc.oneof(oddSegment, fc.constant('')),
      { maxKeys: 3 },
    );
    // Header values as the wire allows them (bytes, no NUL or line breaks), in the headers Dojang reads.
    const headerValue = fc
      .oneof(
        fc.constantFrom(
          '\xff\xfe',
          'ì\x80\x80',
          'esignon ',
          'Bearer \xe0\xa4',
          '가나다'.replace(/./g, (c) => Buffer.from(c).toString('latin1')),
        ),
        fc.string({
          unit: fc
            .integer({ min: 0x20, max: 0xff })
            .filter((c) => c !== 0x7f)
            .map((c) => String.fromCharCode(c)),
          maxLength: 40,
        }),
      )
      .filter((v) => v !== '' && v.trim() === v);
    const oddHeaders = fc.dictionary(fc.constantFrom('user-agent', 'x-dojang-sign-session', 'x-forwarded-for', 'origin', 'accept-language'), headerValue, {
      maxKeys: 2,
    });
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.array(oddSegment, { minLength: 4, maxLength: 4 }),
        oddQuery,
        anyJson,
        fc.boolean(),
        oddHeaders,
        async (route, segments, query, body, withToken, headers) => {
          let i = 0;
          const path = route.path.replace(/\{[^}]+\}/g, () => segments[i++]!);
          const search = new URLSearchParams(query as Record<string, string>).toString();
          // "With a token": a console session (cookie and CSRF token) for the console's calls.
          const credentials: Record<string, string> = !withToken
            ? {}
            : route.path.startsWith('/console/')
              ? { cookie: console_.cookie, 'x-dojang-csrf': console_.csrf }
              : { authorization: `Bearer ${acme.token}` };
          const response = await fetch(`${server.url}${path}${search ? `?${search}` : ''}`, {
            method: route.method,
            headers: { ...headers, ...credentials, ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { 'content-type': 'application/json' }) },
            ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { body: JSON.stringify(body) }),
          });
          const text = await response.text();
          seen.set(`${route.method} ${route.path}`, response.status);
          expect(response.status, `${route.method} ${path}?${search} ${JSON.stringify(body)?.slice(0, 200)} → ${text.slice(0, 300)}`).toBeLessThan(500);
        },
      ),
      { numRuns: RUNS },
    );
    // A path that is no route, with a body the edge refuses (it answered 500 once).
    const nowhere = await fetch(`${server.url}/api/nowhere`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify('\u0000'),
    });
    expect(nowhere.status).toBe(400);
    // Every route was reached at least once, and the console session held throughout.
    expect([...seen.keys()].length).toBeGreaterThanOrEqual(routes.length * 0.9);
    expect((await console_.get('/console/api/contracts')).status).toBe(200);
  });

  it('refuses NUL and lone surrogates in paths, queries, JSON and multipart fields, naming where', async () => {
    const console_ = await consoleLogin(server.url, 'acme', acme.email, acme.password);
    const query = await console_.get('/console/api/contracts?q=a%00b');
    expect(query.status).toBe(400);
    expect(JSON.stringify(query.json)).toContain('query.q');
    const path = await fetch(`${server.url}/api/de%00mo/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ header: { request_code: '1001Q' }, body: { memb_email: 'a@b.c', memb_pwd: 'x' } }),
    });
    expect(path.status).toBeLessThan(500);
    expect(((await path.json()) as { header: { result_code: string; result_msg: string } }).header).toMatchObject({
      result_code: '-1',
      result_msg: expect.stringContaining('path.companyId'),
    });
    const surrogate = await fetch(`${server.url}/api/v1/templates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${acme.token}` },
      body: '{"name":"\\ud800","steps":1,"pdf":"","fields":[]}',
    });
    expect(surrogate.status).toBe(400);
    expect(await surrogate.text()).toContain('lone surrogate');
    for (const [field, value] of [
      ['name', 'a\u0000b'],
      ['fields', '[{"name":"\\u0000"}]'],
    ] as const) {
      const form = new FormData();
      form.append('name', '멀티파트');
      form.append('steps', '1');
      form.append('fields', '[]');
      form.set(field, value);
      form.append('pdf', new Blob([new Uint8Array(Buffer.from('%PDF-1.7'))], { type: 'application/pdf' }), 'x.pdf');
      const response = await fetch(`${server.url}/api/v1/templates`, { method: 'POST', headers: { authorization: `Bearer ${acme.token}` }, body: form });
      expect(response.status, field).toBe(400);
      expect(await response.text(), field).toContain('NUL');
    }
  });

  it('multipart template uploads with odd fields: NUL, surrogates, over-long and broken values, never a 5xx', async () => {
    const oddText = fc.oneof(
      fc.constantFrom(
        '',
        '\u0000',
        'a\u0000b',
        '\ud800',
        'x\udfff',
        '가'.repeat(5000),
        '-1',
        '1e9',
        'NaN',
        '[',
        '[{"name":"\u0000"}]',
        '[{"name":"\ud800","type":"TextBox"}]',
        '{}',
        'null',
      ),
      fc.string({ maxLength: 60 }),
      fc.string({ unit: 'binary', maxLength: 60 }),
    );
    const part = fc.record({ name: oddText, steps: oddText, fields: oddText, extra: oddText, filename: oddText, withPdf: fc.boolean() });
    const pdf = new Uint8Array(Buffer.from('%PDF-1.7\n'));
    await fc.assert(
      fc.asyncProperty(part, async (p) => {
        const form = new FormData();
        form.append('name', p.name);
        form.append('steps', p.steps);
        form.append('fields', p.fields);
        form.append(p.extra === '' ? 'x' : p.extra.slice(0, 20), p.extra);
        if (p.withPdf) form.append('pdf', new Blob([pdf], { type: 'application/pdf' }), p.filename);
        const response = await fetch(`${server.url}/api/v1/templates`, { method: 'POST', headers: { authorization: `Bearer ${acme.token}` }, body: form });
        const text = await response.text();
        expect(response.status, text.slice(0, 300)).toBeLessThan(500);
        expect(response.status, text.slice(0, 300)).not.toBe(201);
      }),
      { numRuns: Math.ceil(RUNS / 5) },
    );
  });

  it('any JSON at all, and text that is not JSON', async () => {
    await fc.assert(
      fc.asyncProperty(anyJson, fc.constantFrom('/api/acme/startsimple', '/api/acme/action', '/JEDOC/Common.do', '/api/acme/login'), async (body, path) => {
        await send(path, body);
        await send(path, { header: body, body });
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
    await fc.assert(
      fc.asyncProperty(fc.string(), async (text) => {
        await send('/api/acme/startsimple', text, true);
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  });
});
