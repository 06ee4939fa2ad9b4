// expireddate: a day before it runs out the signer due is reminded; after the
// end of that day (company time) the workflow is Canceled, with a CANCEL export by nobody.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayInOffset } from '../src/domain/time.ts';
import { startReceiver, type Receiver } from '../src/exports/test-support/start-receiver.ts';
import { expireWorkflows } from '../src/workflows/expire-workflows.ts';
import { remindBeforeExpiry } from '../src/workflows/remind-before-expiry.ts';
import { testDatabases } from './support/databases.ts';
import { startTestServer, type TestCompany, type TestServer } from './support/dojang-server.ts';
import { createTestTemplate, players } from './support/templates.ts';
import { waitFor } from './support/wait-for.ts';

describe.each(testDatabases())('expiry on %s', (kind) => {
  let server: TestServer;
  let acme: TestCompany;
  let receiver: Receiver;
  let docId: string;
  let shift = 0;
  const clock = () => new Date(Date.now() + shift);

  beforeAll(async () => {
    server = await startTestServer(kind, {}, { clock });
    acme = await server.company('acme');
    receiver = await startReceiver();
    docId = await createTestTemplate(acme, 2);
  });
  afterAll(async () => {
    await receiver?.close();
    await server?.close();
  });

  it('reminds a day before, then cancels after the last day, exporting a CANCEL by nobody', async () => {
    const tomorrow = dayInOffset(new Date(Date.now() + 86_400_000), '+09:00');
    const { json } = await acme.esignon('/api/acme/startsimple', '5005Q', {
      workflow_name: '기한 계약',
      doc_id: docId,
      expireddate: tomorrow,
      player_list: players(2),
      export_api_info: { api_type: 'ALL', url: `${receiver.origin}/hook`, request_code: 'mine' },
    });
    expect(json.header.result_code, json.header.result_msg).toBe('00');
    const workflowId = json.body.workflow_id as string;
    const expiresAt = new Date(`${tomorrow}T00:00:00+09:00`).getTime() + 86_400_000;

    // Two days early: nothing to do.
    shift = expiresAt - 2 * 86_400_000 - Date.now();
    expect(await remindBeforeExpiry(server.dojang.ctx)).toBe(0);
    expect(await expireWorkflows(server.dojang.ctx)).toBe(0);

    // Twelve hours before the end: one reminder, however often the sweep runs.
    shift = expiresAt - 12 * 3_600_000 - Date.now();
    expect(await remindBeforeExpiry(server.dojang.ctx)).toBe(1);
    expect(await remindBeforeExpiry(server.dojang.ctx)).toBe(0);
    const reminded = await waitFor(async () => {
      const log = (await acme.get(`/api/v1/workflows/${workflowId}/notifications`)).json;
      return log.notifications.find((n: { kind: string; status: string }) => n.kind === 'expiry-reminder' && n.status === 'sent');
    }, 'the reminder');
    expect(reminded.to.identity).toBe('signer1@example.com');

    // Another company's workflow expiring the same day is reminded alongside, not behind it.
    const globex = await server.company(`globex-${kind}`);
    const otherDoc = await createTestTemplate(globex, 1);
    const other = await globex.esignon(`/api/${globex.id}/startsimple`, '5005Q', {
      workflow_name: '다른 회사 계약',
      doc_id: otherDoc,
      expireddate: tomorrow,
      player_list: players(1),
    });
    expect(other.json.header.result_code).toBe('00');
    expect(await remindBeforeExpiry(server.dojang.ctx)).toBe(1);
    const reminders = await server.dojang.ctx.db
      .selectFrom('jobs')
      .select(['ordering_key', 'blocked'])
      .where('queue', '=', 'notify')
      .where('ordering_key', 'like', 'reminder:%')
      .orderBy('id')
      .execute();
    expect(reminders).toEqual([
      { ordering_key: `reminder:${workflowId}:${tomorrow}`, blocked: 0 },
      { ordering_key: `reminder:${other.json.body.workflow_id}:${tomorrow}`, blocked: 0 },
    ]);

    // A second after the end of the last day, Seoul time.
    shift = expiresAt + 1000 - Date.now();
    expect(await expireWorkflows(server.dojang.ctx)).toBe(2);
    const info = (await acme.get(`/api/v2/workflows/${workflowId}`)).json.body;
    expect(info.workflow_status).toBe('Canceled');
    expect(info.action_history_list.at(-1)).toMatchObject({ step_code: 'WORKFLOW_CANCEL', confirm_email: '', name: '' });
    const exported = await waitFor(() => receiver.requests[0], 'the CANCEL export');
    expect(JSON.parse(exported.body.toString()).body).toMatchObject({
      processid: '1',
      worktype: 'CANCEL',
      actionid: '',
      useremail: '',
      status: 'Canceled',
      wfuid: workflowId,
    });
    const late = await acme.esignon('/api/acme/action', '5010Q', {
      memb_email: 'signer1@example.com',
      action_id: '1',
      workflow_id: workflowId,
      command: 'CF',
      field_list: [{ field_name: 'name_1', field_value: 'x' }],
    });
    expect(late.json.header.result_code).toBe('10');
  });
});
