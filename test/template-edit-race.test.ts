// A template edited in the console at the moment a contract is started on it (a template
// used by workflows is versioned, never changed under them). The start is
// held between its check of the template and its transaction while the edit lands; the start
// must then be refused rather than begin a contract whose boxes changed under it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCompanyId, toTemplateId } from '../src/domain/ids.ts';
import { DojangError } from '../src/errors.ts';
import { startWorkflow } from '../src/workflows/start-workflow.ts';
import { consoleLogin, type ConsoleClient } from './console-support/console-client.ts';
import { testDatabases } from './support/databases.ts';
import { startTestServer, type TestCompany, type TestServer } from './support/dojang-server.ts';
import { layout, makeTestPdf } from './support/templates.ts';

describe.each(testDatabases())('a template edited while a contract starts on it, on %s', (kind) => {
  let server: TestServer;
  let acme: TestCompany;
  let admin: ConsoleClient;

  beforeAll(async () => {
    server = await startTestServer(kind);
    acme = await server.company('acme');
    admin = await consoleLogin(server.url, 'acme', acme.email, acme.password);
  });
  afterAll(() => server?.close());

  it('refuses the start that checked the old template, and the next start uses the new one', async () => {
    const pdf = Buffer.from(await makeTestPdf()).toString('base64');
    const before = layout([{ name: '성명', type: 'TextBox', owner: 1, required: true }]);
    const docId = (await admin.post('/console/api/templates', { name: '견적서', steps: 1, pdf, fields: before })).json.doc_id as string;
    const after = layout([{ name: '회사명', type: 'TextBox', owner: 1, required: true }]);

    const { ctx } = server.dojang;
    const member = await ctx.db.selectFrom('members').selectAll().where('email', '=', acme.email).executeTakeFirstOrThrow();
    const caller = { companyId: toCompanyId('acme'), memberId: member.id, memberEmail: member.email, memberName: member.name, role: 'admin' as const };
    let edited: { status: number; json: { replaced: unknown } } | undefined;
    // The export URL is checked after the template and before the transaction: the edit lands there.
    const racing = {
      ...ctx,
      checkExportUrl: async (url: string) => {
        edited ??= await admin.put(`/console/api/templates/${docId}`, { name: '견적서', steps: 1, fields: after });
        return ctx.checkExportUrl(url);
      },
    };
    const body = {
      workflow_name: '견적 1',
      doc_id: docId,
      player_list: [{ field_owner: '1', email: 'buyer@example.com', name: '구매자' }],
      field_list: [{ field_name: '성명', field_value: '홍길동' }],
      export_api_info: { api_type: 'ALL', url: 'http://127.0.0.1:9/hook' },
    };
    const refused = await startWorkflow(racing, caller, body, { ip: null, userAgent: null }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(edited).toMatchObject({ status: 200, json: { replaced: null } });
    expect(refused).toBeInstanceOf(DojangError);
    expect((refused as DojangError).code).toBe('conflict');
    expect((refused as DojangError).message).toContain('send the request again');
    expect(
      await ctx.db
        .selectFrom('workflows')
        .select('id')
        .where('template_id', '=', toTemplateId(Number(docId)))
        .execute(),
    ).toEqual([]);

    // Sent again, the start is checked against the template as it is now.
    const again = await acme.esignon('/api/acme/startsimple', '5005Q', { ...body, field_list: [{ field_name: '회사명', field_value: '도장' }] });
    expect(again.json.header.result_code).toBe('00');
  });
});
