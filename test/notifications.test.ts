// Messages end to end: a real SMTP server and a SOLAPI stand-in on loopback. The
// right person at the right time, in their language; referers at completion; resend; nothing
// in embed mode; AlimTalk falling back to SMS; and with the SMTP server down, contracts still
// start, advance and export, and the messages go out once it is back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../src/exports/test-support/start-receiver.ts';
import { testDatabases } from './support/databases.ts';
import { startTestServer, type TestCompany, type TestServer } from './support/dojang-server.ts';
import { startSmtpServer, type SmtpTestServer } from './support/smtp-server.ts';
import { startSolapiStandIn, type SolapiStandIn } from './support/solapi-stand-in.ts';
import { createTestTemplate } from './support/templates.ts';
import { waitFor } from './support/wait-for.ts';

describe.each(testDatabases())('notifications on %s', (kind) => {
  let server: TestServer;
  let acme: TestCompany;
  let smtp: SmtpTestServer;
  let solapi: SolapiStandIn;
  let docId: string;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    solapi = await startSolapiStandIn({ apiKey: 'KEY', apiSecret: 'SECRET' });
    server = await startTestServer(kind, {
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      SMTP_FROM: '"도장 전자계약" <no-reply@dojang.example.com>',
      SOLAPI_API_KEY: 'KEY',
      SOLAPI_API_SECRET: 'SECRET',
      SOLAPI_SENDER: '02-930-2266',
      SOLAPI_PFID: 'KA01PF0000',
      SOLAPI_TEMPLATE_SIGN_REQUEST: 'TPL_SIGN',
      SOLAPI_TEMPLATE_COMPLETED: 'TPL_DONE',
      SOLAPI_BASE_URL: solapi.url,
      DOJANG_NOTIFY_RETRY_SCHEDULE: '0,0.3,0.3,0.3,0.3,0.3,0.3,0.3,0.3,0.3,0.3,0.3',
    });
    acme = await server.company('acme');
    docId = await createTestTemplate(acme, 2);
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.close();
    await solapi?.close();
  });

  const mailTo = (address: string) => smtp.received.filter((m) => m.envelopeTo.includes(address));
  const start = async (body: Record<string, unknown>) => {
    const { json } = await acme.esignon('/api/acme/startsimple', '5005Q', {
      workflow_name: '알림 계약',
      doc_id: docId,
      comment: '검토 후 서명 부탁드립니다',
      ...body,
    });
    expect(json.header.result_code, json.header.result_msg).toBe('00');
    return json.body.workflow_id as string;
  };
  const act = (workflowId: string, step: number, identity: string, command: 'CF' | 'RT', comment = '') =>
    acme.esignon('/api/acme/action', '5010Q', {
      memb_email: identity,
      action_id: String(step),
      workflow_id: workflowId,
      command,
      comment,
      field_list: command === 'CF' ? [{ field_name: `name_${step}`, field_value: '값' }] : [],
    });

  it('tells each signer in turn, in their language, and the referers and starter at completion', async () => {
    const workflowId = await start({
      player_list: [
        { field_owner: '1', email: 'kim.notify@example.com', name: '김철수' },
        { field_owner: '2', email: 'jane.notify@example.com', name: 'Jane', language: 'en-US' },
      ],
      customer_list: [{ email: 'ref.notify@example.com', name: '참조인' }],
    });
    const first = await waitFor(() => mailTo('kim.notify@example.com')[0], 'the step-1 email');
    expect(first.mail.subject).toContain('알림 계약');
    expect(first.mail.text).toContain('검토 후 서명 부탁드립니다');
    const link = /https?:\/\/\S+\/sign\?token=[\w-]+/.exec(first.mail.text ?? '')?.[0];
    expect(link).toBeTruthy();
    expect(link!.startsWith(server.url)).toBe(true);
    // The link opens the signing page, for this signer of this workflow.
    const page = await fetch(link!);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const signer = await (await fetch(`${server.url}/api/sign/${new URL(link!).searchParams.get('token')}`)).json();
    expect(signer).toMatchObject({ workflow_id: workflowId, current_step: 1, signer: { step: 1 }, link: { state: 'open' } });
    expect(mailTo('jane.notify@example.com')).toHaveLength(0);

    await act(workflowId, 1, 'kim.notify@example.com', 'CF');
    const second = await waitFor(() => mailTo('jane.notify@example.com')[0], 'the step-2 email');
    expect(second.mail.subject).toMatch(/[A-Za-z]/);
    expect(second.mail.subject).not.toMatch(/[가-힣]{3,}(?!.*알림 계약)/);

    await act(workflowId, 2, 'jane.notify@example.com', 'CF');
    const referer = await waitFor(() => mailTo('ref.notify@example.com')[0], "the referer's completion email");
    expect(referer.mail.text).toMatch(new RegExp(`${server.url}/documents/`));
    await waitFor(() => mailTo(acme.email).length > 0, "the starter's completion email");

    // The mail can arrive a moment before its job is marked sent.
    const log = await waitFor(async () => {
      const body = (await acme.get(`/api/v1/workflows/${workflowId}/notifications`)).json;
      return body.notifications.every((n: { status: string }) => n.status === 'sent') ? body : null;
    }, 'every message marked sent');
    expect(log.notifications.map((n: { kind: string }) => n.kind)).toEqual(['sign-request', 'sign-request', 'completed', 'completed']);
    expect(log.notifications[0].attempts[0]).toMatchObject({ ok: true, channel: 'email' });
  });

  it('sends AlimTalk to a phone, and SMS when AlimTalk fails', async () => {
    await start({
      player_list: [
        { field_owner: '1', email: '010-1111-2222', name: '박민수' },
        { field_owner: '2', email: 'b@example.com', name: '나' },
      ],
    });
    const alimtalk = await waitFor(() => solapi.acceptedMessages().find((m) => m.to === '01011112222'), 'the AlimTalk');
    expect(alimtalk.type).toBe('ATA');
    expect(alimtalk.kakaoOptions?.templateId).toBe('TPL_SIGN');
    expect(solapi.requests.every((r) => r.authError === null)).toBe(true);

    solapi.failAlimtalk('all');
    await start({
      player_list: [
        { field_owner: '1', email: '010-3333-4444', name: '최유리' },
        { field_owner: '2', email: 'b@example.com', name: '나' },
      ],
    });
    const sms = await waitFor(() => solapi.acceptedMessages().find((m) => m.to === '01033334444' && m.type !== 'ATA'), 'the SMS fallback');
    expect(['SMS', 'LMS']).toContain(sms.type);
    expect(sms.text).toContain('/sign?token=');
    solapi.failAlimtalk(null);
  });

  it('resends to the current signer, and refuses for complete and canceled workflows', async () => {
    const workflowId = await start({
      player_list: [
        { field_owner: '1', email: 'resend.me@example.com', name: '재전송' },
        { field_owner: '2', email: 'b@example.com', name: '나' },
      ],
    });
    await waitFor(() => mailTo('resend.me@example.com').length === 1, 'the first email');
    const resend = await acme.esignon(
      '/JEDOC/Common.do',
      '1429Q',
      { comp_id: 'acme', biz_id: '0', memb_email: acme.email, workflow_id: workflowId },
      { request_msg: 'Remind 를 요청합니다.', session_id: '' },
    );
    expect(resend.json.header).toMatchObject({ response_code: '1429A', result_code: '00' });
    expect(resend.json.body).toMatchObject({ comp_id: 'acme', biz_id: '0', workflow_id: workflowId });
    await waitFor(() => mailTo('resend.me@example.com').length === 2, 'the resent email');
    const info = (await acme.get(`/api/v2/workflows/${workflowId}`)).json.body;
    expect(info.action_history_list.map((h: { step_code: string }) => h.step_code)).toContain('RESEND');

    await act(workflowId, 1, 'resend.me@example.com', 'RT', '취소합니다');
    expect((await acme.esignon('/JEDOC/Common.do', '1429Q', { workflow_id: workflowId })).json.header.result_code).toBe('12');
  });

  it('sends nothing to anyone in embed mode', async () => {
    const workflowId = await start({
      player_list: [
        { field_owner: '1', email: 'embed.one@example.com', name: '가' },
        { field_owner: '2', email: '010-5555-6666', name: '나' },
      ],
      customer_list: [{ email: 'embed.ref@example.com', name: '참조' }],
      export_api_info: { api_type: 'ALL', url: 'http://127.0.0.1:9/none', request_code: 'embed' },
    });
    const resend = await acme.esignon('/JEDOC/Common.do', '1429Q', { workflow_id: workflowId });
    expect(resend.json.header.result_code).toBe('10');
    expect(resend.json.header.result_msg).toContain('embed');
    await act(workflowId, 1, 'embed.one@example.com', 'CF');
    await act(workflowId, 2, '010-5555-6666', 'CF');
    await new Promise((r) => setTimeout(r, 500));
    expect(mailTo('embed.one@example.com')).toHaveLength(0);
    expect(mailTo('embed.ref@example.com')).toHaveLength(0);
    expect(solapi.acceptedMessages().filter((m) => m.to === '01055556666')).toHaveLength(0);
    expect((await acme.get(`/api/v1/workflows/${workflowId}/notifications`)).json.notifications).toEqual([]);
  });

  it('keeps contracts moving while the SMTP server is down, and delivers once it is back', async () => {
    const receiver: Receiver = await startReceiver();
    const port = smtp.port;
    await smtp.close();
    try {
      const workflowId = await start({
        player_list: [
          { field_owner: '1', email: 'down.one@example.com', name: '가' },
          { field_owner: '2', email: 'down.two@example.com', name: '나' },
        ],
        export_api_info: { api_type: 'ALL', url: `${receiver.origin}/hook` },
      });
      expect((await act(workflowId, 1, 'down.one@example.com', 'CF')).json.header.result_code).toBe('00');
      await waitFor(() => receiver.requests.length === 1, 'the export while SMTP is down');
      const failing = await waitFor(async () => {
        const log = (await acme.get(`/api/v1/workflows/${workflowId}/notifications`)).json;
        return log.notifications.find(
          (n: { to: { identity: string }; attempts: { ok: boolean }[] }) => n.to.identity === 'down.two@example.com' && n.attempts.some((a) => !a.ok),
        );
      }, 'a failed email attempt');
      expect(failing.status).toMatch(/pending|sending/);

      smtp = await startSmtpServer(port);
      await waitFor(() => mailTo('down.two@example.com').length === 1, 'the step-2 email after the SMTP server came back', 20_000);
      // Step 1 acted while the server was down: its request is stale and is not sent late.
      const log = await waitFor(async () => {
        const body = (await acme.get(`/api/v1/workflows/${workflowId}/notifications`)).json;
        return body.notifications.every((n: { status: string }) => n.status !== 'pending' && n.status !== 'sending') ? body : null;
      }, 'both messages settled');
      expect(log.notifications.map((n: { to: { identity: string }; status: string }) => `${n.to.identity}:${n.status}`)).toEqual([
        'down.one@example.com:skipped',
        'down.two@example.com:sent',
      ]);
      expect(mailTo('down.one@example.com')).toHaveLength(0);
    } finally {
      await receiver.close();
    }
  });
});
