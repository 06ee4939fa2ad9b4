// startsimple (5005Q): every validation rule with its message, embed answers and preview,
// on both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from './support/databases.ts';
import { startTestServer, type TestCompany, type TestServer } from './support/dojang-server.ts';
import { createTestTemplate, players } from './support/templates.ts';
import { toWorkflowId } from '../src/domain/ids.ts';

const PNG_1x1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describe.each(testDatabases())('startsimple on %s', (kind) => {
  let server: TestServer;
  let acme: TestCompany;
  let docId: string;

  beforeAll(async () => {
    server = await startTestServer(kind);
    acme = await server.company('acme');
    docId = await createTestTemplate(acme, 2, [
      { name: 'customer', type: 'TextBox', owner: 1, required: true },
      { name: 'photo', type: 'PictureBox', owner: 1 },
      { name: 'birthday', type: 'DatePickerBox', owner: 1 },
      { name: 'agree', type: 'CheckBox', owner: 1 },
      { name: 'plan_a', type: 'RadioBox', owner: 1, group: 'plan' },
      { name: 'plan_b', type: 'RadioBox', owner: 1, group: 'plan' },
      { name: 'contract_no', type: 'LabelBox' },
      { name: 'sign2', type: 'SignBox', owner: 2, required: true },
    ]);
  });
  afterAll(() => server?.close());

  const valid = () => ({
    biz_id: '0',
    workflow_name: '서비스 이용 계약',
    memb_email: acme.email,
    doc_id: docId,
    language: 'ko-KR',
    player_list: players(2),
  });
  const start = (body: Record<string, unknown>) => acme.esignon('/api/acme/startsimple', '5005Q', body);

  /** Refused with `code`, the fragments said in Korean (the default) or in English (request_lang "en"). */
  async function refused(body: Record<string, unknown>, code: string, ...fragments: string[]) {
    const said: string[] = [];
    for (const header of [{}, { request_lang: 'en' }]) {
      const { status, json } = await acme.esignon('/api/acme/startsimple', '5005Q', body, header);
      expect(status).toBe(200);
      expect(json.header.response_code).toBe('5005A');
      expect(json.header.result_code, json.header.result_msg).toBe(code);
      said.push(json.header.result_msg);
    }
    for (const fragment of fragments) expect(said.join('\n')).toContain(fragment);
  }

  it("starts with the required fields only, answering the page's shape", async () => {
    const { json } = await start(valid());
    expect(json.header).toMatchObject({ response_code: '5005A', result_code: '00', result_msg: 'Work Flow가 시작됩니다.', version: '9.9.99' });
    expect(json.body).toMatchObject({ comp_id: 'acme', biz_id: '0', memb_email: acme.email, workflow_name: '서비스 이용 계약', lang: 'ko-KR' });
    expect(json.body.workflow_id).toMatch(/^\d+$/);
    expect(json.body.token).toMatch(/^[\w-]{43}$/);
    expect(json.body).not.toHaveProperty('play_url');
  });

  it('accepts what real clients send: numbers for strings, extra keys, ?lang, header extras', async () => {
    const { json } = await acme.esignon(
      '/api/acme/startsimple?lang=ko',
      '5005Q',
      {
        ...valid(),
        doc_id: Number(docId),
        comp_id: 'acme',
        client_id: 'whatever',
        player_list: players(2).map((p, i) => ({ ...p, field_owner: i + 1 })),
      },
      { api_name: 'start api', session_id: 'thread_023', request_msg: '', request_lang: 'ko' },
    );
    expect(json.header.result_code, json.header.result_msg).toBe('00');
    expect(json.header.session_id).toBe('thread_023');
  });

  it('prefills values of every kind, normalising them', async () => {
    const { json } = await start({
      ...valid(),
      field_list: [
        { field_name: 'customer', field_value: '홍길동' },
        { field_name: 'photo', field_value: `data:image/png;base64,${PNG_1x1}` },
        { field_name: 'birthday', field_value: '1990-05-17' },
        { field_name: 'agree', field_value: 'y' },
        { field_name: 'plan_b', field_value: 'Y' },
        { field_name: 'contract_no', field_value: 'C-2026-0001' },
      ],
    });
    expect(json.header.result_code, json.header.result_msg).toBe('00');
    const info = (await acme.get(`/api/v2/workflows/${json.body.workflow_id}`)).json.body;
    const value = (name: string) => info.field_list.find((f: { field_owner: string }) => f.field_owner === name).field_value;
    expect(value('customer')).toBe('홍길동');
    expect(value('agree')).toBe('Y');
    expect(value('contract_no')).toBe('C-2026-0001');
    expect(value('photo')).toBe(`data:image/png;base64,${PNG_1x1}`);
  });

  it.each([
    ['no workflow_name', { workflow_name: '' }, 'workflow_name'],
    ['a workflow_name with forbidden characters', { workflow_name: '계약서 v1.2' }, 'workflow_name', '특수문자'],
    ['a workflow_name over 128 characters', { workflow_name: '가'.repeat(129) }, 'workflow_name', '1~128'],
    ['an unknown template', { doc_id: '999999' }, 'doc_id', '존재하지 않는 서식'],
    ['a non-numeric template id', { doc_id: 'abc' }, 'doc_id'],
    ['a starter who is not a member', { memb_email: 'stranger@example.com' }, 'memb_email', '회사에 가입된'],
    ['too few players', { player_list: players(1) }, 'player_list', '( 1 )', '( 2 )'],
    ['too many players', { player_list: players(3) }, 'player_list', 'player_list has 3'],
    ['duplicate field_owner', { player_list: players(2).map((p) => ({ ...p, field_owner: '1' })) }, 'field_owner must be 1..2'],
    ['a bad field_owner', { player_list: players(2, [{ field_owner: 'first' }]) }, 'player_list[0].field_owner'],
    ['an identity that is neither email nor mobile', { player_list: players(2, [{ email: 'kim-at-example' }]) }, 'player_list[0].email', '이메일 형식'],
    ['a malformed mobile number', { player_list: players(2, [{ email: '010-123-45' }]) }, 'player_list[0].email', '휴대폰 형식'],
    ['a player without a name', { player_list: players(2, [{}, { name: '' }]) }, 'player_list[1].name', 'name 값은 필수'],
    ['a bad verification mobile number', { player_list: players(2, [{ mobile_number: '02-123-4567' }]) }, 'player_list[0].mobile_number'],
    ['a short password', { player_list: players(2, [{ password: '123' }]) }, 'player_list[0].password', '4~15'],
    ['a Korean password', { player_list: players(2, [{ password: '비밀번호1234' }]) }, 'player_list[0].password', '한글'],
    ['a password with quotes', { player_list: players(2, [{ password: "ab'cd1" }]) }, 'player_list[0].password'],
    ['a long password hint', { player_list: players(2, [{ password: 'abcd', password_hint: 'x'.repeat(51) }]) }, 'password_hint', '50자'],
    ['a bad language', { language: 'fr-FR' }, 'language'],
    ['a comment over 250 characters', { comment: 'x'.repeat(251) }, 'comment', '250'],
    ['an unknown field', { field_list: [{ field_name: 'nope', field_value: 'x' }] }, 'field_list.nope', '"nope"'],
    ['a check value that is not Y/N', { field_list: [{ field_name: 'agree', field_value: 'maybe' }] }, 'field_list.agree', '"Y"'],
    ['a bad date', { field_list: [{ field_name: 'birthday', field_value: '1990-02-30' }] }, 'field_list.birthday', 'YYYY-MM-DD'],
    ['a GIF picture', { field_list: [{ field_name: 'photo', field_value: Buffer.from('GIF89a-------').toString('base64') }] }, 'field_list.photo', 'PNG'],
    [
      'a picture over 1 MB',
      { field_list: [{ field_name: 'photo', field_value: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(1024 * 1024)]).toString('base64') }] },
      'field_list.photo',
      '1MB',
    ],
    ['a prefilled signature', { field_list: [{ field_name: 'sign2', field_value: PNG_1x1 }] }, 'field_list.sign2', 'SignBox'],
    [
      'two radio boxes of one group',
      {
        field_list: [
          { field_name: 'plan_a', field_value: 'Y' },
          { field_name: 'plan_b', field_value: 'Y' },
        ],
      },
      'plan',
    ],
    ['a bad referer', { customer_list: [{ email: 'nobody', name: '' }] }, 'customer_list[0].email', 'customer_list[0].name'],
    ['a bad timezone_offset', { timezone_offset: '9' }, 'timezone_offset'],
    ['export_api_info without api_type or url', { export_api_info: {} }, 'export_api_info.api_type', 'export_api_info.url'],
    [
      'an export link_type that is neither viewer nor download',
      { export_api_info: { api_type: 'ALL', url: 'http://127.0.0.1:9/x', link_type: 'pdf' } },
      'export_api_info.link_type',
    ],
    [
      'a reserved param_id',
      { export_api_info: { api_type: 'ALL', url: 'http://127.0.0.1:9/x', request_params: [{ param_id: 'processid', param_value: '', fields: [] }] } },
      'request_params[0].param_id',
      'reserved',
    ],
    [
      'a mobile check switched on without a mobile number',
      { player_list: players(2, [{ enable_mobile_cert: 'true' }]) },
      'player_list[0].mobile_number',
      'enable_mobile_cert',
    ],
    [
      'a password check switched on without a password',
      { player_list: players(2, [{ enable_password_cert: 'true' }]) },
      'player_list[0].password',
      'enable_password_cert',
    ],
  ] as [string, Record<string, unknown>, ...string[]][])('refuses %s with "-1"', async (_case, change, ...fragments) => {
    await refused({ ...valid(), ...change }, '-1', ...fragments);
  });

  it('names every bad field at once', async () => {
    await refused(
      { ...valid(), workflow_name: '', language: 'xx', player_list: players(2, [{ email: 'bad' }, { name: '' }]) },
      '-1',
      'workflow_name',
      'language',
      'player_list[0].email',
      'player_list[1].name',
    );
  });

  it('refuses a malformed expireddate with "19" and a past one with "20"', async () => {
    await refused({ ...valid(), expireddate: '2026/12/31' }, '19', 'YYYY-MM-DD');
    await refused({ ...valid(), expireddate: '2020-01-01' }, '20', '2020-01-01');
    const { json } = await start({ ...valid(), expireddate: '2099-12-31' });
    expect(json.header.result_code).toBe('00');
    const info = (await acme.get(`/api/v2/workflows/${json.body.workflow_id}`)).json.body;
    expect(info.expiry_date).toBe('2099-12-31');
  });

  it('answers the embed keys and a preview_url that starts nothing', async () => {
    const { json } = await start({ ...valid(), export_api_info: { api_type: 'ALL', url: 'http://127.0.0.1:9/hook', request_code: 'embed' } });
    expect(json.header.result_code, json.header.result_msg).toBe('00');
    expect(json.body).toMatchObject({ next_play_user: 'signer1@example.com', next_play_user_name: '서명자1' });
    expect(json.body.play_url).toBe(`${server.url}/sign?token=${json.body.token}`);

    const before = await server.dojang.ctx.db
      .selectFrom('workflows')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const preview = await start({ ...valid(), preview: 'preview' });
    expect(preview.json.header).toMatchObject({ result_code: '00', result_msg: 'success (preview url)' });
    expect(preview.json.body.preview_url).toMatch(new RegExp(`^${server.url}/preview\\?token=`));
    const after = await server.dojang.ctx.db
      .selectFrom('workflows')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('stores player passwords hashed', async () => {
    const { json } = await start({ ...valid(), player_list: players(2, [{ password: 'pass1234', password_hint: '생일' }]) });
    const row = await server.dojang.ctx.db
      .selectFrom('players')
      .select('password_hash')
      .where('workflow_id', '=', toWorkflowId(Number(json.body.workflow_id)))
      .where('step', '=', 1)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.password_hash).not.toContain('pass1234');
    const info = (await acme.get(`/api/v2/workflows/${json.body.workflow_id}`)).json.body;
    expect(info.owner_list[0]).toMatchObject({ cert_password_yn: 'Y', password_hint: '생일' });
  });
});
