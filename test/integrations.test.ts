// Real integrations as their authors wrote them, changing only the base URL. eSignon's own
// JavaScript client (eSignon/esignonapi-js): its request shapes rebuilt here from its source
// (login with ?lang=, startsimple with each SetPlayer* variant, numeric field_owner, comp_id and
// client_id in the body, prefilled fields, a referer), and the keys it reads back. A PHP
// integration: embed start with every box of the template in field_list (the signature empty)
// and a placeholder request_params entry, reading body.play_url. And result_msg in the
// request's language.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../src/exports/test-support/start-receiver.ts';
import { testDatabases } from './support/databases.ts';
import { startTestServer, type TestCompany, type TestServer } from './support/dojang-server.ts';
import { createTestTemplate } from './support/templates.ts';
import { waitFor } from './support/wait-for.ts';

interface Answer {
  status: number;
  json: { header: { response_code: string; result_code: string; result_msg: string }; body: Record<string, any> };
}

describe.each(testDatabases())('real integrations on %s', (kind) => {
  let server: TestServer;
  let acme: TestCompany;
  let receiver: Receiver;
  let docId: string;

  beforeAll(async () => {
    server = await startTestServer(kind);
    acme = await server.company('acme');
    receiver = await startReceiver();
    docId = await createTestTemplate(acme, 2, [
      { name: 'customer_name', type: 'TextBox', owner: 1, required: true },
      { name: 'agree', type: 'CheckBox', owner: 1 },
      { name: 'customer_sign', type: 'SignBox', owner: 1, required: true, height: 50 },
      { name: 'amount', type: 'TextBox', owner: 2 },
      { name: 'manager_sign', type: 'SignBox', owner: 2, height: 50 },
    ]);
  });
  afterAll(async () => {
    await receiver?.close();
    await server?.close();
  });

  /** POST as the client does: JSON, `Authorization: esignon <token>` when it has one. */
  const post = async (path: string, data: unknown, token?: string): Promise<Answer> => {
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `esignon ${token}` } : {}) },
      body: JSON.stringify(data),
    });
    return { status: response.status, json: (await response.json()) as Answer['json'] };
  };

  describe("eSignon's JavaScript client", () => {
    // Its EsignonRequestHeader: request_code and version "9.9.99".
    const header = (code: string) => ({ request_code: code, version: '9.9.99' });
    let token: string;

    it('logs in as getAccessToken does (?lang=, and the older shape with client_id), reading header.result_code and body.access_token', async () => {
      for (const [lang, body] of [
        ['ko', { memb_email: acme.email, memb_pwd: acme.password }],
        ['en', { client_id: 'CLIENT-1', memb_email: acme.email, memb_pwd: acme.password }],
      ] as const) {
        const { status, json } = await post(`/api/acme/login?lang=${lang}`, { header: header('1001Q'), body });
        expect(status).toBe(200);
        expect(json.header.result_code).toBe('00');
        expect(typeof json.body.access_token).toBe('string');
        token = json.body.access_token;
      }
    });

    // Its SetPlayer, SetPlayerCertMobile, SetPlayerCertPassword and SetPlayerCertMobilePassword.
    const variants = {
      SetPlayer: { email: 'kim@example.com', name: '김철수', language: 'ko-KR' },
      SetPlayerCertMobile: { email: 'kim@example.com', name: '김철수', mobile_number: '010-2345-6789', language: 'ko-KR' },
      SetPlayerCertPassword: { email: 'kim@example.com', name: '김철수', password: 'pass1234', password_hint: '생일', language: 'ko-KR' },
      SetPlayerCertMobilePassword: {
        email: 'kim@example.com',
        name: '김철수',
        mobile_number: '010-2345-6789',
        password: 'pass1234',
        password_hint: '생일',
        language: 'ko-KR',
      },
    };
    const expectedChecks: Record<keyof typeof variants, string[]> = {
      SetPlayer: [],
      SetPlayerCertMobile: ['otp'],
      SetPlayerCertPassword: ['password'],
      SetPlayerCertMobilePassword: ['password', 'otp'],
    };

    for (const [variant, player] of Object.entries(variants) as [keyof typeof variants, (typeof variants)[keyof typeof variants]][]) {
      it(`starts with ${variant}: field_owner as the number the client sets, a prefilled field, a referer`, async () => {
        // startNonfaceWorkflow numbers the players itself (index + 1, a JSON number).
        const playerList = [
          { field_owner: '1', ...player },
          { field_owner: '1', email: '010-9876-5432', name: '이영희', language: 'ko-KR' },
        ].map((p, index) => ({ ...p, field_owner: index + 1 }));
        const body = {
          memb_email: acme.email,
          biz_id: '0',
          workflow_name: '클라이언트 계약',
          doc_id: docId,
          player_list: playerList,
          comment: '확인 부탁드립니다',
          field_list: [{ field_name: 'customer_name', field_value: '김철수' }],
          customer_list: [{ email: 'ref@example.com', name: '참조자', language: 'ko-KR' }],
          language: 'ko-KR',
          // The older client also sends these.
          client_id: 'CLIENT-1',
          comp_id: 'acme',
        };
        const { json } = await post('/api/acme/startsimple?lang=ko', { header: header('5005Q'), body }, token);
        expect(json.header.result_code, json.header.result_msg).toBe('00');
        expect(json.header.result_msg).toBe('Work Flow가 시작됩니다.');
        expect(json.body.workflow_id).toMatch(/^\d+$/);
        const link = await fetch(`${server.url}/api/sign/${json.body.token}`).then(
          (r) => r.json() as Promise<{ verification: { methods: { method: string }[] } }>,
        );
        expect(link.verification.methods.map((m) => m.method)).toEqual(expectedChecks[variant]);
      });
    }
  });

  describe('a PHP integration: embed start with an export', () => {
    it('starts with every box in field_list (the signature empty) and a placeholder request_params entry, and reads body.play_url', async () => {
      const { json } = await post(
        '/api/acme/startsimple',
        {
          header: { request_code: '5005Q' },
          body: {
            workflow_name: 'PHP 계약',
            doc_id: docId,
            memb_email: acme.email,
            player_list: [
              {
                field_owner: '1',
                email: 'kim@example.com',
                name: '김철수',
                enable_mobile_cert: 'false',
                mobile_number: '010-2345-6789',
                enable_password_cert: 'false',
                password: '',
              },
              { field_owner: '2', email: acme.email, name: '담당자' },
            ],
            field_list: [
              { field_name: 'customer_name', field_value: '김철수' },
              { field_name: 'agree', field_value: '' },
              { field_name: 'customer_sign', field_value: '' },
              { field_name: 'amount', field_value: '' },
              { field_name: '', field_value: '' },
            ],
            export_api_info: {
              api_type: 'ALL',
              url: `${receiver.origin}/php-hook`,
              request_code: 'embed',
              request_params: [
                { param_id: '', param_value: '', fields: [] },
                { param_id: 'customer', param_value: '-', fields: [{ doc_id: docId, field_name: 'customer_name' }] },
                // One list shared across templates: a field of another one falls back to param_value.
                { param_id: 'order_no', param_value: 'none', fields: [{ doc_id: '99999', field_name: 'order_no' }, 'order_no'] },
              ],
            },
          },
        },
        acme.token,
      );
      expect(json.header.result_code, json.header.result_msg).toBe('00');
      expect(json.body.play_url).toMatch(/\/sign\?token=/);
      // enable_mobile_cert "false": no one-time code, although a mobile number came along.
      const token = new URL(json.body.play_url).searchParams.get('token')!;
      const link = await fetch(`${server.url}/api/sign/${token}`).then((r) => r.json() as Promise<{ verification: { needed: boolean } }>);
      expect(link.verification.needed).toBe(false);

      const acted = await acme.esignon('/api/acme/action', '5010Q', {
        memb_email: 'kim@example.com',
        action_id: '1',
        workflow_id: json.body.workflow_id,
        command: 'CF',
        comment: '',
        field_list: [
          { field_name: 'customer_sign', field_value: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==' },
        ],
      });
      expect(acted.json.header.result_code, acted.json.header.result_msg).toBe('00');
      const exported = await waitFor(() => receiver.requests.find((r) => r.url === '/php-hook'), 'the export');
      expect(JSON.parse(exported.body.toString()).body).toMatchObject({ customer: '김철수', order_no: 'none', worktype: 'CF' });
    });
  });

  describe("result_msg in the request's language, one language per message", () => {
    const login = (query: string, header: Record<string, unknown>, body: Record<string, unknown>) =>
      post(`/api/acme/login${query}`, { header: { request_code: '1001Q', ...header }, body: { memb_email: acme.email, memb_pwd: acme.password, ...body } });

    it('answers success and failure in Korean by default, and in English or Japanese when asked (?lang, request_lang, language)', async () => {
      expect((await login('', {}, {})).json.header.result_msg).toBe('성공적으로 로그인되었습니다.');
      expect((await login('?lang=en', {}, {})).json.header.result_msg).toBe('Logged in.');
      expect((await login('', { request_lang: 'ja' }, {})).json.header.result_msg).toBe('ログインしました。');
      expect((await login('', {}, { language: 'en-US' })).json.header.result_msg).toBe('Logged in.');
      expect((await login('?lang=ja', {}, { memb_pwd: 'wrong' })).json.header.result_msg).toBe('ログイン情報が正しくありません。');

      const refused = (lang: string) =>
        acme.esignon(
          '/api/acme/startsimple',
          '5005Q',
          { workflow_name: '', doc_id: docId, player_list: [{ field_owner: '1', email: 'kim@example.com', name: '김철수' }] },
          { request_lang: lang },
        );
      const [ko, en, ja] = await Promise.all(['ko', 'en', 'ja'].map(async (lang) => (await refused(lang)).json.header.result_msg));
      expect(ko).toContain('workflow_name: 문서명은 1~128자로 입력해주세요');
      expect(ko).not.toMatch(/[a-z]{4,} [a-z]{4,}/);
      expect(en).toContain('workflow_name: workflow_name must be 1-128 characters');
      expect(en).not.toMatch(/[\uac00-\ud7af]/);
      expect(ja).toContain('workflow_name: 文書名は1～128文字で入力してください');
      expect(ja).not.toMatch(/[\uac00-\ud7af]/);

      // The client's own short forms for a language are languages too (it sends language: "en").
      const short = await acme.esignon('/api/acme/startsimple', '5005Q', {
        workflow_name: '짧은 언어',
        doc_id: docId,
        language: 'en',
        player_list: [
          { field_owner: 1, email: 'kim@example.com', name: '김철수', language: 'ja' },
          { field_owner: 2, email: acme.email, name: '담당자' },
        ],
      });
      expect(short.json.header).toMatchObject({ result_code: '00', result_msg: 'The workflow has started.' });
      const signer = await fetch(`${server.url}/api/sign/${short.json.body.token}`).then((r) => r.json() as Promise<{ signer: { language: string } }>);
      expect(signer.signer.language).toBe('ja-JP');

      const badToken = await fetch(`${server.url}/api/acme/startsimple?lang=en`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'esignon nope' },
        body: '{}',
      });
      expect(badToken.status).toBe(401);
      expect(((await badToken.json()) as Answer['json']).header.result_msg).toMatch(/^The access token is missing/);
    });
  });
});
