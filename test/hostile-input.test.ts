// Hostile PDFs through every door that takes one, on a real server: each is refused with a 4xx
// that names the bound it broke, while /healthz keeps answering promptly (PDF work runs on worker
// threads), and the memory the work took is given back. A template that got in before the
// bounds existed is refused when a signer opens its document, the same way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toTimestamp } from '../src/domain/time.ts';
import { consoleLogin, type ConsoleClient } from './console-support/console-client.ts';
import { testDatabases } from './support/databases.ts';
import { startTestServer, type TestCompany, type TestServer } from './support/dojang-server.ts';
import { contentStreamBomb, hostilePdfs, objectStreamBomb } from './support/hostile-pdfs.ts';
import { makeTestPdf } from './support/templates.ts';
import { waitFor } from './support/wait-for.ts';

/** Calls /healthz every 20 ms while `work` runs; answers the work's result and the slowest answer. */
async function whileProbingHealth<T>(url: string, work: () => Promise<T>): Promise<{ result: T; slowestMs: number; probes: number }> {
  let done = false;
  let slowestMs = 0;
  let probes = 0;
  const probing = (async () => {
    while (!done) {
      const started = performance.now();
      const response = await fetch(`${url}/healthz`);
      await response.text();
      expect(response.status).toBe(200);
      slowestMs = Math.max(slowestMs, performance.now() - started);
      probes++;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  try {
    return { result: await work(), slowestMs, probes };
  } finally {
    done = true;
    await probing;
  }
}

describe.each(testDatabases())('hostile PDFs on %s', (kind) => {
  let server: TestServer;
  let acme: TestCompany;
  let console_: ConsoleClient;

  beforeAll(async () => {
    server = await startTestServer(kind, { DOJANG_PDF_IDLE_MS: '500' });
    acme = await server.company('acme');
    console_ = await consoleLogin(server.url, 'acme', acme.email, acme.password);
  });
  afterAll(() => server?.close());

  const doors: { name: string; send: (pdf: Buffer) => Promise<{ status: number; detail: string }> }[] = [
    {
      name: 'POST /api/v1/templates (JSON)',
      send: async (pdf) => {
        const { status, json } = await acme.post('/api/v1/templates', { name: '폭탄', steps: 1, pdf: pdf.toString('base64'), fields: [] });
        return { status, detail: JSON.stringify(json) };
      },
    },
    {
      name: 'POST /api/v1/templates (multipart)',
      send: async (pdf) => {
        const form = new FormData();
        form.append('name', '폭탄');
        form.append('steps', '1');
        form.append('fields', '[]');
        form.append('pdf', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), 'bomb.pdf');
        const response = await fetch(`${server.url}/api/v1/templates`, { method: 'POST', headers: { authorization: `esignon ${acme.token}` }, body: form });
        return { status: response.status, detail: await response.text() };
      },
    },
    {
      name: 'POST /console/api/templates',
      send: async (pdf) => {
        const { status, json } = await console_.post('/console/api/templates', { name: '폭탄', steps: 1, pdf: pdf.toString('base64'), fields: [] });
        return { status, detail: JSON.stringify(json) };
      },
    },
  ];

  for (const door of doors) {
    it(`${door.name}: refuses every hostile PDF with a 4xx naming the bound, /healthz answering throughout`, async () => {
      for (const { name, pdf, bound } of hostilePdfs()) {
        const { result, slowestMs, probes } = await whileProbingHealth(server.url, () => door.send(pdf));
        expect(result.status, name).toBe(400);
        expect(result.detail, name).toMatch(bound);
        expect(probes, name).toBeGreaterThan(0);
        expect(slowestMs, `${name}: slowest /healthz`).toBeLessThan(500);
      }
    });
  }

  it('POST /api/v1/verify reads hostile PDFs as bytes (no parser): each is simply not sealed, /healthz answering', async () => {
    for (const { name, pdf } of hostilePdfs()) {
      const { result, slowestMs } = await whileProbingHealth(server.url, async () => {
        const response = await fetch(`${server.url}/api/v1/verify`, {
          method: 'POST',
          headers: { 'content-type': 'application/pdf' },
          body: new Uint8Array(pdf),
        });
        return { status: response.status, json: (await response.json()) as { sealed: boolean; problem: string } };
      });
      expect(result.status, name).toBe(200);
      expect(result.json, name).toMatchObject({ sealed: false, problem: 'NOT_SIGNED' });
      expect(slowestMs, name).toBeLessThan(500);
    }
  });

  it('PUT /console/api/templates/:id refuses a bomb as the new PDF, and keeps the template as it was', async () => {
    const created = await console_.post('/console/api/templates', {
      name: '계약서',
      steps: 1,
      pdf: Buffer.from(await makeTestPdf()).toString('base64'),
      fields: [],
    });
    expect(created.status).toBe(201);
    const edited = await console_.put(`/console/api/templates/${created.json.doc_id}`, {
      name: '계약서',
      steps: 1,
      pdf: objectStreamBomb().toString('base64'),
      fields: [],
    });
    expect(edited.status).toBe(400);
    expect(JSON.stringify(edited.json)).toMatch(/one stream/);
    const kept = await console_.get(`/console/api/templates/${created.json.doc_id}/document.pdf`);
    expect(kept.status).toBe(200);
  });

  it("refuses the signer's document of a template accepted before the bounds (422, naming the bound), /healthz answering", async () => {
    // As a template uploaded by an earlier version would be: stored as it came, never checked.
    const { ctx } = server.dojang;
    const bomb = contentStreamBomb(1024);
    await ctx.files.put('templates/legacy-bomb.pdf', bomb);
    const company = await ctx.db
      .selectFrom('members')
      .select(['id'])
      .where('company_id', '=', acme.id as never)
      .executeTakeFirstOrThrow();
    const now = toTimestamp(new Date());
    const template = await ctx.db
      .insertInto('templates')
      .values({
        company_id: acme.id as never,
        name: '예전 서식',
        steps: 1,
        fields: '[]',
        pages: JSON.stringify([{ width: 595, height: 842 }]),
        pdf_key: 'templates/legacy-bomb.pdf',
        pdf_sha256: 'legacy',
        creator_member_id: company.id,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const started = await acme.esignon('/api/acme/startsimple', '5005Q', {
      workflow_name: '예전 서식 계약',
      doc_id: String(template.id),
      player_list: [{ field_owner: '1', email: 'kim@example.com', name: '김철수' }],
      export_api_info: { api_type: 'ALL', url: 'http://127.0.0.1:9/exports', request_code: 'embed' },
    });
    expect(started.json.header.result_code).toBe('00');
    const token = new URL(started.json.body.play_url).searchParams.get('token')!;
    for (let i = 0; i < 2; i++) {
      const { result, slowestMs } = await whileProbingHealth(server.url, async () => {
        const response = await fetch(`${server.url}/api/sign/${token}/document.pdf`);
        return { status: response.status, body: await response.text() };
      });
      expect(result.status).toBe(422);
      expect(result.body).toMatch(/one stream/);
      expect(slowestMs).toBeLessThan(500);
    }

    // Completed, its documents cannot be made: the job gives up at once (no retries for days),
    // says why, and the sweep for missing documents leaves it alone.
    const workflowId = started.json.body.workflow_id as string;
    const approved = await acme.esignon('/api/acme/action', '5010Q', {
      memb_email: 'kim@example.com',
      action_id: '1',
      workflow_id: workflowId,
      command: 'CF',
      comment: '',
    });
    expect(approved.json.header.result_code).toBe('00');
    const documents = await waitFor(
      async () => {
        const info = (await acme.get(`/api/v2/workflows/${workflowId}`)).json.body;
        // The state is written by the job, its last error with the job's outcome just after.
        return info.documents.state === 'refused' && info.documents.last_error !== '' ? info.documents : null;
      },
      'the document job to give up',
      30_000,
    );
    expect(documents.last_error).toMatch(/one stream/);
    const jobs = await ctx.db
      .selectFrom('jobs')
      .select(['status', 'attempts'])
      .where('queue', '=', 'document')
      .where('workflow_id', '=', Number(workflowId) as never)
      .execute();
    expect(jobs).toEqual([{ status: 'dead', attempts: 1 }]);
    const { sweepMissingDocuments } = await import('../src/documents/produce-documents.ts');
    expect(await sweepMissingDocuments(ctx)).toBe(0);
  });

  it("refuses cheaply: the token before the body, and each route's body limit", async () => {
    const big = (megabytes: number) => JSON.stringify({ header: { request_code: '5005Q' }, body: { workflow_name: 'x'.repeat(megabytes * 1024 * 1024) } });
    const post = async (path: string, body: string, token: string | null) => {
      const response = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `esignon ${token}` } : {}) },
        body,
      });
      return { status: response.status, text: await response.text() };
    };
    // Past every limit, yet 401: the token was checked before the body was read.
    for (const path of ['/api/acme/startsimple', '/JEDOC/Common.do', '/api/v1/templates']) expect((await post(path, big(50), null)).status, path).toBe(401);
    // A call that carries text only takes a megabyte; one that carries images takes more.
    expect((await post('/api/acme/search', big(2), acme.token)).status).toBe(413);
    expect((await post('/api/acme/startsimple', big(2), acme.token)).status).toBe(200);
    expect((await post('/api/acme/startsimple', big(20), acme.token)).status).toBe(413);
  });

  it('gives the memory back: RSS returns near where it was once the PDF threads are idle', async () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    const settle = async () => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      gc?.();
      return process.memoryUsage().rss;
    };
    const before = await settle();
    for (let i = 0; i < 3; i++) await doors[0]!.send(objectStreamBomb(1024));
    const after = await settle();
    expect(after - before).toBeLessThan(150 * 1024 * 1024);
  });
});
