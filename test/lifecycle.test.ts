// The workflow state machine, through the eSignon API, on both databases:
// templates of 1, 2 and 3 steps, CF and RT at every step, cancel, disposal, delete, expiry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from './support/databases.ts';
import { startTestServer, type TestCompany, type TestServer } from './support/dojang-server.ts';
import { createTestTemplate, players } from './support/templates.ts';

describe.each(testDatabases())('workflow lifecycle on %s', (kind) => {
  let server: TestServer;
  let acme: TestCompany;
  const templates: Record<number, string> = {};

  beforeAll(async () => {
    server = await startTestServer(kind);
    acme = await server.company('acme');
    for (const steps of [1, 2, 3]) templates[steps] = await createTestTemplate(acme, steps);
  });
  afterAll(() => server?.close());

  async function start(steps: number, extra: Record<string, unknown> = {}) {
    const { json } = await acme.esignon('/api/acme/startsimple', '5005Q', {
      workflow_name: `${steps}단계 계약`,
      doc_id: templates[steps],
      memb_email: acme.email,
      player_list: players(steps),
      ...extra,
    });
    expect(json.header.result_code, json.header.result_msg).toBe('00');
    return json.body.workflow_id as string;
  }

  const act = (workflowId: string, step: number, command: 'CF' | 'RT', extra: Record<string, unknown> = {}) =>
    acme.esignon('/api/acme/action', '5010Q', {
      comp_id: 'acme',
      biz_id: '0',
      memb_email: `signer${step}@example.com`,
      action_id: String(step),
      workflow_id: workflowId,
      comment: '',
      command,
      field_list: command === 'CF' ? [{ field_name: `name_${step}`, field_value: `홍길동${step}` }] : [],
      ...extra,
    });

  const info = async (workflowId: string) => (await acme.get(`/api/v2/workflows/${workflowId}`)).json.body;

  it.each([1, 2, 3])('CF at every step of a %i-step workflow completes it', async (steps) => {
    const id = await start(steps);
    for (let step = 1; step <= steps; step++) {
      expect((await info(id)).current_action_id).toBe(String(step));
      const { json } = await act(id, step, 'CF');
      expect(json.header).toMatchObject({ response_code: '5010A', result_code: '00' });
    }
    const body = await info(id);
    expect(body.workflow_status).toBe('Complete');
    expect(body.action_history_list.map((h: { step_code: string }) => h.step_code)).toEqual([
      'WORKFLOW_START',
      'SIGN_REQ',
      ...Array.from({ length: steps }, (_, i) => (i + 1 < steps ? ['SIGN_COMPLETE', 'SIGN_REQ'] : ['SIGN_COMPLETE'])).flat(),
      'WORKFLOW_COMPLETE',
    ]);
    expect(body.field_list.find((f: { field_owner: string }) => f.field_owner === 'name_1').field_value).toBe('홍길동1');
    expect(body.owner_list.every((o: { turn_yn: string }) => o.turn_yn === 'N')).toBe(true);
  });

  it.each([1, 2, 3])('RT at step 1 of a %i-step workflow cancels it', async (steps) => {
    const id = await start(steps);
    const { json } = await act(id, 1, 'RT', { comment: '내용이 틀립니다' });
    expect(json.header.result_code).toBe('00');
    const body = await info(id);
    expect(body.workflow_status).toBe('Canceled');
    expect(body.action_history_list.at(-2)).toMatchObject({ step_code: 'SIGN_RETURN', action_id: '1', comment: '내용이 틀립니다' });
    expect(body.action_history_list.at(-1).step_code).toBe('WORKFLOW_CANCEL');
  });

  it.each([
    [2, 2],
    [3, 2],
    [3, 3],
  ])('a %i-step workflow: RT at step %i goes back one step', async (steps, at) => {
    const id = await start(steps);
    for (let step = 1; step < at; step++) await act(id, step, 'CF');
    expect((await act(id, at, 'RT', { comment: '수정 부탁' })).json.header.result_code).toBe('00');
    const body = await info(id);
    expect(body.workflow_status).toBe('Playing');
    expect(body.current_action_id).toBe(String(at - 1));
    expect(body.owner_list.find((o: { turn_yn: string }) => o.turn_yn === 'Y').action_id).toBe(String(at - 1));
    // The previous signer can approve again and the workflow goes on.
    expect((await act(id, at - 1, 'CF')).json.header.result_code).toBe('00');
    expect((await info(id)).current_action_id).toBe(String(at));
  });

  it('refuses a CF with required fields empty ("99") and changes nothing', async () => {
    const id = await start(2);
    const { json } = await act(id, 1, 'CF', { field_list: [] });
    expect(json.header.result_code).toBe('99');
    expect(json.header.result_msg).toContain('name_1');
    expect((await info(id)).current_action_id).toBe('1');
  });

  it('refuses an action on a step that is not current', async () => {
    const id = await start(2);
    const { json } = await act(id, 2, 'CF');
    expect(json.header.result_code).toBe('10');
    expect(json.header.result_msg).toBe('현재 작성 단계는 1입니다');
  });

  it('cancels, disposes and deletes only from the right states (1510Q\'s page: "11" for a wrong state or a missing value)', async () => {
    const command = (id: string, cmd: string, description = '') =>
      acme.esignon('/JEDOC/Common.do', '1510Q', {
        comp_id: 'acme',
        biz_id: '0',
        memb_email: acme.email,
        workflow_id: id,
        command: cmd,
        description,
        timezone_offset: '+09:00',
      });

    const playing = await start(2);
    expect((await command(playing, 'DISPOSAL', 'x')).json.header.result_code).toBe('11');
    expect((await command(playing, 'DELETE')).json.header.result_code).toBe('11');
    expect((await command(playing, 'PAUSE')).json.header.result_code).toBe('11');
    expect((await command('', 'CANCEL')).json.header.result_code).toBe('11');
    const canceled = await command(playing, 'CANCEL', '고객 요청');
    expect(canceled.json.header).toMatchObject({ response_code: '1510A', result_code: '00' });
    expect(canceled.json.body).toMatchObject({ comp_id: 'acme', workflow_id: playing, command: 'CANCEL' });
    expect((await info(playing)).workflow_status).toBe('Canceled');
    expect((await command(playing, 'CANCEL')).json.header.result_code).toBe('11');
    expect((await command(playing, 'delete')).json.header.result_code).toBe('00');
    expect((await acme.get(`/api/v2/workflows/${playing}`)).json.header.result_code).toBe('10');

    const done = await start(1);
    await act(done, 1, 'CF');
    const noReason = await command(done, 'DISPOSAL');
    expect(noReason.json.header.result_code).toBe('11');
    expect(noReason.json.header.result_msg).toContain('description');
    expect((await command(done, 'DISPOSAL', '보관 기간 만료')).json.header.result_code).toBe('00');
    expect((await info(done)).workflow_status).toBe('Disposal');
  });
});
