// The Export API end to end: real receivers on loopback, signed deliveries, order,
// failures and retries, the delivery log and redelivery, on both databases.
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../src/exports/test-support/start-receiver.ts';
import { testDatabases } from './support/databases.ts';
import { startTestServer, type TestCompany, type TestServer } from './support/dojang-server.ts';
import { createTestTemplate, players } from './support/templates.ts';
import { waitFor } from './support/wait-for.ts';

describe.each(testDatabases())('exports on %s', (kind) => {
  let server: TestServer;
  let acme: TestCompany;
  let template2: string;
  const receivers: Receiver[] = [];

  beforeAll(async () => {
    server = await startTestServer(kind, { DOJANG_EXPORT_RETRY_SCHEDULE: '0,0.2,0.2,0.2' });
    acme = await server.company('acme');
    template2 = await createTestTemplate(acme, 2);
  });
  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((r) => r.close()));
  });
  afterAll(() => server?.close());

  async function receiver(handler?: Parameters<typeof startReceiver>[0]) {
    const r = await startReceiver(handler);
    receivers.push(r);
    return r;
  }

  async function start(exportInfo: Record<string, unknown>) {
    const { json } = await acme.esignon('/api/acme/startsimple', '5005Q', {
      workflow_name: '수출 계약',
      doc_id: template2,
      player_list: players(2, [{ name: '김철수' }, { email: '010-2345-6789', name: '이영희' }]),
      export_api_info: exportInfo,
    });
    expect(json.header.result_code, json.header.result_msg).toBe('00');
    return json.body as { workflow_id: string; play_url?: string };
  }

  const act = (
    workflowId: string,
    step: number,
    command: 'CF' | 'RT',
    identity: string,
    comment = '',
    fields: { field_name: string; field_value: string }[] = [],
  ) =>
    acme.esignon('/api/acme/action', '5010Q', { memb_email: identity, action_id: String(step), workflow_id: workflowId, comment, command, field_list: fields });

  it('delivers the embed flow signed, in order, Korean intact, with play_url and document links', async () => {
    const r = await receiver();
    const started = await start({
      api_type: 'ALL',
      url: `${r.origin}/hook`,
      request_code: 'embed',
      clientid: 'C9',
      authorization: 'Bearer abc',
      request_params: [
        { param_id: 'customer', param_value: '-', fields: [{ doc_id: template2, field_name: 'name_1' }] },
        { param_id: 'agreed', param_value: 'N', fields: ['agree_2'] },
      ],
    });
    expect(started.play_url).toMatch(/\/sign\?token=[\w-]{40,}$/);
    await act(started.workflow_id, 1, 'CF', 'signer1@example.com', '확인했습니다', [{ field_name: 'name_1', field_value: '홍길동' }]);
    await act(started.workflow_id, 2, 'CF', '01023456789', '', [
      { field_name: 'name_2', field_value: '이영희' },
      { field_name: 'agree_2', field_value: 'Y' },
    ]);
    await waitFor(() => r.requests.length >= 2, 'two exports');

    const { secret } = (await acme.get('/api/v1/company/webhook-secret')).json;
    const webhook = new Webhook(secret);
    const bodies = r.requests.map((req) => {
      expect(req.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(req.headers.authorization).toBe('Bearer abc');
      const raw = req.body.toString('utf8');
      expect(raw).toContain('홍길동');
      webhook.verify(raw, {
        'webhook-id': String(req.headers['webhook-id']),
        'webhook-timestamp': String(req.headers['webhook-timestamp']),
        'webhook-signature': String(req.headers['webhook-signature']),
      });
      return JSON.parse(raw);
    });
    expect(bodies[0]).toMatchObject({
      // The authorization rides in the JSON's header too, where receivers built on eSignon read it.
      header: { api_name: 'export', session_id: 'S1001', request_code: 'embed', authorization: 'Bearer abc' },
      body: {
        wfluid: template2,
        clientid: 'C9',
        processid: '1',
        requestid: 'embed',
        actionid: '1',
        worktype: 'CF',
        wfuid: started.workflow_id,
        useremail: 'signer1@example.com',
        opinion: '확인했습니다',
        status: 'Playing',
        customer: '홍길동',
        agreed: 'N',
        next_play_user: '010-2345-6789',
        next_user_name: '이영희',
        user_name: '김철수',
      },
    });
    expect(bodies[0].body.workdatetime).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{1,3}$/);
    expect(bodies[0].body.play_url).toMatch(new RegExp(`^${server.url}/sign\\?token=`));
    expect(bodies[1].body).toMatchObject({
      processid: '2',
      actionid: '2',
      useremail: '010-2345-6789',
      opinion: '',
      status: 'Complete',
      customer: '홍길동',
      agreed: 'Y',
      user_name: '이영희',
    });
    expect(bodies[1].body.cert_url).toMatch(new RegExp(`^${server.url}/documents/`));
    expect(bodies[1].body.download_url).toMatch(new RegExp(`^${server.url}/documents/`));
    expect(bodies[1].body).not.toHaveProperty('play_url');
    expect(bodies[1].body).not.toHaveProperty('next_play_user');

    // The receiver has answered both; each outcome is committed a moment later.
    const log = await waitFor(async () => {
      const { json } = await acme.get(`/api/v1/workflows/${started.workflow_id}/exports`);
      return json.events.every((e: { status: string }) => e.status === 'delivered') ? json : null;
    }, 'both events marked delivered');
    expect(log.events.map((e: { processid: string; status: string }) => [e.processid, e.status])).toEqual([
      ['1', 'delivered'],
      ['2', 'delivered'],
    ]);
    expect(JSON.stringify(log)).not.toContain('Bearer abc');
    expect(log.events[0].attempts[0]).toMatchObject({ ok: true, status_code: 200 });
    // …but is never stored with the event.
    const stored = await server.dojang.ctx.db.selectFrom('jobs').select('payload').where('queue', '=', 'export').execute();
    expect(stored.length).toBeGreaterThan(0);
    for (const job of stored) expect(job.payload).not.toContain('Bearer abc');
  });

  it('outside embed mode: no URLs; StartAndEnd sends the first action and the end only', async () => {
    const r = await receiver();
    const started = await start({ api_type: 'StartAndEnd', url: `${r.origin}/x`, request_code: 'mine' });
    expect(started.play_url).toBeUndefined();
    await act(started.workflow_id, 1, 'CF', 'signer1@example.com', '', [{ field_name: 'name_1', field_value: 'a' }]);
    await act(started.workflow_id, 2, 'RT', '010-2345-6789', '다시 확인해 주세요');
    await act(started.workflow_id, 1, 'CF', 'signer1@example.com');
    await acme.esignon('/JEDOC/Common.do', '1510Q', { workflow_id: started.workflow_id, command: 'CANCEL', description: '' });
    await waitFor(() => r.requests.length >= 2, 'two exports');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const bodies = r.requests.map((req) => JSON.parse(req.body.toString()).body);
    expect(bodies.map((b) => [b.processid, b.worktype, b.status, b.actionid])).toEqual([
      ['1', 'CF', 'Playing', '1'],
      ['2', 'CANCEL', 'Canceled', ''],
    ]);
    expect(bodies[1].useremail).toBe(acme.email);
    for (const body of bodies) {
      expect(body).not.toHaveProperty('play_url');
      expect(body).not.toHaveProperty('user_name');
    }
  });

  it('retries a failing receiver, keeps order behind the failure, then delivers with the same webhook-id', async () => {
    let failures = 2;
    const r = await receiver((_req, res) => {
      if (failures-- > 0) res.writeHead(500).end('busy');
      else res.writeHead(204).end();
    });
    const started = await start({ api_type: 'ALL', url: `${r.origin}/hook` });
    await act(started.workflow_id, 1, 'CF', 'signer1@example.com', '', [{ field_name: 'name_1', field_value: 'a' }]);
    await act(started.workflow_id, 2, 'RT', '010-2345-6789', '반려합니다');
    await waitFor(() => r.requests.length >= 4, 'three tries of event 1 and event 2');
    const seen = r.requests.map((req) => [JSON.parse(req.body.toString()).body.processid, req.headers['webhook-id']]);
    expect(seen.map(([p]) => p)).toEqual(['1', '1', '1', '2']);
    expect(new Set(seen.slice(0, 3).map(([, id]) => id)).size).toBe(1);
    const log = (await acme.get(`/api/v1/workflows/${started.workflow_id}/exports`)).json;
    expect(log.events[0].attempts.map((a: { status_code: number }) => a.status_code)).toEqual([500, 500, 204]);
    expect(log.events[0].attempts[0].response_excerpt).toBe('busy');
  });

  it('gives up at 410, lists the dead event, and redelivers it on request', async () => {
    let gone = true;
    const r = await receiver((_req, res) => res.writeHead(gone ? 410 : 200).end());
    const started = await start({ api_type: 'ALL', url: `${r.origin}/hook` });
    await act(started.workflow_id, 1, 'RT', 'signer1@example.com', '취소');
    const dead = await waitFor(
      async () => (await acme.get('/api/v1/exports?status=dead')).json.events.find((e: { workflow_id: string }) => e.workflow_id === started.workflow_id),
      'the dead event',
    );
    expect(dead.attempts).toHaveLength(1);
    expect(dead.last_error).toContain('410');
    gone = false;
    const redeliver = await acme.post(`/api/v1/exports/${dead.event_id}/redeliver`, {});
    expect(redeliver.status).toBe(202);
    await waitFor(() => r.requests.length >= 2, 'the redelivery');
    expect(r.requests[1]!.headers['webhook-id']).toBe(r.requests[0]!.headers['webhook-id']);
    // The receiver has answered; the attempt's outcome is committed a moment later.
    await waitFor(
      async () => (await acme.get(`/api/v1/workflows/${started.workflow_id}/exports`)).json.events[0].status === 'delivered',
      'the redelivered event marked delivered',
    );
  });

  it('refuses export URLs that are not http(s) or that reach private networks', async () => {
    const bad = async (url: string) => {
      const { json } = await acme.esignon('/api/acme/startsimple', '5005Q', {
        workflow_name: 'x',
        doc_id: template2,
        player_list: players(2),
        export_api_info: { api_type: 'ALL', url },
      });
      expect(json.header.result_code, url).toBe('-1');
      return json.header.result_msg as string;
    };
    expect(await bad('ftp://example.com/x')).toContain('export_api_info.url');
    expect(await bad('http://10.0.0.5/hook')).toContain('10.0.0.5');
    expect(await bad('http://192.168.1.1/hook')).toContain('export_api_info.url');
    expect(await bad('http://[fd00::1]/hook')).toContain('export_api_info.url');
    expect(await bad('http://100.64.0.1/hook')).toContain('export_api_info.url');
  });
});
