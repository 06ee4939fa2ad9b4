// Completed documents end to end: the final CF queues the document job, the
// export's URLs answer with the sealed PDF and the certificate, read back with poppler; the
// verify call tells a real file from an altered one; disposal makes every URL answer 410. The
// seals are timestamped by a timestamp authority on loopback (DOJANG_TSA_URL), the one named
// by DOJANG_TSA_CA.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../src/exports/test-support/start-receiver.ts';
import { startTsaStandIn, type TsaStandIn } from '../src/documents/test-support/tsa-stand-in.ts';
import { pdfSig, pdfToText, renderPngs } from '../src/documents/test-support/poppler.ts';
import { makeSignaturePngDataUrl } from '../src/documents/test-support/sample-images.ts';
import { sha256Hex } from '../src/security/random-token.ts';
import { testDatabases } from './support/databases.ts';
import { startTestServer, type TestCompany, type TestServer } from './support/dojang-server.ts';
import { createTestTemplate } from './support/templates.ts';
import { waitFor } from './support/wait-for.ts';
import { toWorkflowId } from '../src/domain/ids.ts';

describe.each(testDatabases())('completed documents on %s', (kind) => {
  let server: TestServer;
  let acme: TestCompany;
  let receiver: Receiver;
  let docId: string;
  let tsa: TsaStandIn;

  beforeAll(async () => {
    tsa = await startTsaStandIn();
    const tsaCa = path.join(await mkdtemp(path.join(os.tmpdir(), 'dojang-tsa-')), 'tsa.pem');
    await writeFile(tsaCa, tsa.certificatePem);
    server = await startTestServer(kind, { DOJANG_SIGNING_RSA_BITS: '2048', DOJANG_TSA_URL: tsa.url, DOJANG_TSA_CA: tsaCa });
    acme = await server.company('acme');
    receiver = await startReceiver();
    docId = await createTestTemplate(acme, 2, [
      { name: 'customer', type: 'TextBox', owner: 1, required: true, x: 60, y: 120, width: 220, height: 26 },
      { name: 'agree', type: 'CheckBox', owner: 1, x: 60, y: 160, width: 18, height: 18 },
      { name: 'sign_1', type: 'SignBox', owner: 1, required: true, x: 60, y: 200, width: 150, height: 60 },
      { name: 'manager', type: 'TextBox', owner: 2, required: true, x: 320, y: 120, width: 200, height: 26 },
      { name: 'sign_2', type: 'SignBox', owner: 2, required: true, x: 320, y: 200, width: 150, height: 60 },
    ]);
  });
  afterAll(async () => {
    await receiver?.close();
    await server?.close();
    await tsa?.close();
  });

  async function completeWorkflow(linkType: 'download' | 'viewer') {
    const started = await acme.esignon('/api/acme/startsimple', '5005Q', {
      workflow_name: '서비스 이용 계약서',
      doc_id: docId,
      player_list: [
        { field_owner: '1', email: 'kim@example.com', name: '김철수' },
        { field_owner: '2', email: '010-2345-6789', name: '이영희' },
      ],
      export_api_info: { api_type: 'StartAndEnd', url: `${receiver.origin}/hook`, request_code: 'embed', link_type: linkType },
    });
    const workflowId = started.json.body.workflow_id as string;
    const act = (step: number, identity: string, fields: Record<string, string>) =>
      acme.esignon('/api/acme/action', '5010Q', {
        memb_email: identity,
        action_id: String(step),
        workflow_id: workflowId,
        command: 'CF',
        comment: '',
        field_list: Object.entries(fields).map(([field_name, field_value]) => ({ field_name, field_value })),
      });
    expect(
      (await act(1, 'kim@example.com', { customer: '홍길동 (주식회사 도장)', agree: 'Y', sign_1: makeSignaturePngDataUrl() })).json.header.result_code,
    ).toBe('00');
    expect((await act(2, '010-2345-6789', { manager: '이영희 팀장', sign_2: makeSignaturePngDataUrl() })).json.header.result_code).toBe('00');
    const complete = await waitFor(
      () => receiver.requests.map((r) => JSON.parse(r.body.toString()).body).find((b) => b.wfuid === workflowId && b.status === 'Complete'),
      'the Complete export',
    );
    return { workflowId, complete };
  }

  const download = async (url: string) => {
    const response = await fetch(url);
    return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
  };

  it("serves the sealed PDF and certificate behind the Complete export's URLs, and verifies them", async () => {
    const { workflowId, complete } = await completeWorkflow('download');
    const pdf = await download(complete.download_url);
    expect(pdf.response.status).toBe(200);
    expect(pdf.response.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.response.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('서비스 이용 계약서')}.pdf`);
    const text = await pdfToText(pdf.bytes);
    expect(text).toContain('홍길동 (주식회사 도장)');
    expect(text).toContain('이영희 팀장');
    const sig = await pdfSig(pdf.bytes);
    expect(sig.stdout).toContain('Signature is Valid');
    expect(sig.stdout).toContain('ETSI.CAdES.detached');

    const cert = await download(complete.cert_url);
    expect(cert.response.status).toBe(200);
    const certText = (await pdfToText(cert.bytes)).replace(/\s+/g, ' ');
    expect(certText).toContain('이력 인증서');
    expect(certText).toContain('김철수');
    expect(certText).toContain('010-2345-6789');
    for (const code of ['WORKFLOW_START', 'SIGN_REQ', 'SIGN_COMPLETE', 'WORKFLOW_COMPLETE']) expect(certText).toContain(code);
    expect(certText.replace(/ /g, '')).toContain(sha256Hex(pdf.bytes));
    expect((await pdfSig(cert.bytes)).stdout).toContain('Signature is Valid');

    const outDir = `test-results/documents-${kind}`;
    await mkdir(outDir, { recursive: true });
    await renderPngs(pdf.bytes, outDir, 'completed');
    await renderPngs(cert.bytes, outDir, 'certificate');

    const verify = async (bytes: Uint8Array) =>
      (await fetch(`${server.url}/api/v1/verify`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: Buffer.from(bytes) })).json();
    // Both seals carry the timestamp authority's token (DOJANG_TSA_URL), which verify reads back.
    const verified = await verify(pdf.bytes);
    expect(verified).toMatchObject({ sealed: true, intact: true, workflow_id: workflowId, kind: 'completed', on_record: true, company_id: 'acme' });
    expect(Math.abs(Date.parse(verified.timestamped_at) - Date.now())).toBeLessThan(60_000);
    expect(tsa.requests).toBeGreaterThanOrEqual(2);
    expect(await verify(cert.bytes)).toMatchObject({ sealed: true, intact: true, workflow_id: workflowId, kind: 'history certificate', on_record: true });
    const altered = Uint8Array.from(pdf.bytes);
    const at = Buffer.from(altered).indexOf('/MediaBox');
    altered[at + 1] = 'm'.charCodeAt(0);
    expect(await verify(altered)).toMatchObject({ intact: false, on_record: false });

    const info = (await acme.get(`/api/v2/workflows/${workflowId}`)).json.body;
    expect(info.documents.state).toBe('ready');
    const codes = info.action_history_list.map((h: { step_code: string }) => h.step_code);
    expect(codes).toContain('DOC_DOWN');
    expect(codes).toContain('CERT_DOWN');
    expect((await download(info.download_url)).response.status).toBe(200);
  });

  it('opens a viewer page by default, and answers 410 once the workflow is disposed', async () => {
    const { workflowId, complete } = await completeWorkflow('viewer');
    const page = await fetch(complete.download_url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'.*frame-ancestors /);
    expect(await page.text()).toContain('서비스 이용 계약서');
    const file = await download(`${complete.download_url}/file`);
    expect(file.response.status).toBe(200);
    expect(file.response.headers.get('content-disposition')).toMatch(/^inline/);

    const disposed = await acme.esignon('/JEDOC/Common.do', '1510Q', { workflow_id: workflowId, command: 'DISPOSAL', description: '보존 기간 경과' });
    expect(disposed.json.header.result_code).toBe('00');
    for (const url of [complete.download_url, complete.cert_url, `${complete.download_url}/file`]) {
      expect((await fetch(url)).status, url).toBe(410);
    }
    await waitFor(
      async () =>
        !(await server.dojang.ctx.db
          .selectFrom('documents')
          .select('workflow_id')
          .where('workflow_id', '=', toWorkflowId(Number(workflowId)))
          .executeTakeFirst()),
      'the files removed',
    );
  });

  it('answers 404 for a link that is not ours', async () => {
    expect((await fetch(`${server.url}/documents/not-a-token`)).status).toBe(404);
    expect((await fetch(`${server.url}/documents/eyJ3IjoxfQ.AAAA`)).status).toBe(404);
  });
});
