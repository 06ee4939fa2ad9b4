// What the container checks do through Dojang's API: log in, a template, a contract started and
// approved, its sealed PDF and its verification; and a /data folder as a user would prepare one.
import { createHash, randomBytes } from 'node:crypto';
import { chown, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { DojangClient } from '../../src/client/dojang-client.ts';
import type { Receiver } from '../../src/exports/test-support/start-receiver.ts';
import { makeTestPdf } from '../support/templates.ts';
import { waitFor } from '../support/wait-for.ts';

export const ADMIN = { email: 'admin@acme.example.com', password: 'correct horse battery' };
/** The image sets NODE_ENV=production, where exports may not reach loopback unless allowed. */
export const LOOPBACK_EXPORTS = { DOJANG_EXPORT_ALLOW_NETWORKS: '127.0.0.1/32' };

export const uniqueName = (what: string) => `dojang-test-${what}-${randomBytes(4).toString('hex')}`;
export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A host folder the container's user (uid 1000) owns, as a user would prepare one for /data. */
export async function dataFolder(dir?: string): Promise<string> {
  const folder = dir ?? (await mkdtemp(path.join(os.tmpdir(), 'dojang-container-')));
  await chown(folder, 1000, 1000);
  return folder;
}

export async function loggedIn(url: string): Promise<DojangClient> {
  const client = new DojangClient({ baseUrl: url });
  const login = await client.login('acme', ADMIN.email, ADMIN.password);
  expect(login.header.result_code).toBe('00');
  return client;
}

/** A two-step template: a text box for each signer. */
export async function createTemplate(client: DojangClient): Promise<string> {
  const box = { type: 'TextBox', required: true, page: 1, y: 120, width: 220, height: 26 };
  const created = await client.createTemplate({
    name: '컨테이너 계약서',
    steps: 2,
    pdf: Buffer.from(await makeTestPdf()).toString('base64'),
    fields: [
      { ...box, name: 'customer', owner: 1, x: 60 },
      { ...box, name: 'manager', owner: 2, x: 320 },
    ],
  });
  expect(created.status).toBe(201);
  return created.json.doc_id;
}

/** startsimple (5005Q), every step exported to `exportUrl`. */
export async function startContract(client: DojangClient, docId: string, exportUrl: string, name: string): Promise<string> {
  const started = await client.startsimple('acme', {
    workflow_name: name,
    doc_id: docId,
    player_list: [
      { field_owner: '1', email: 'kim@example.com', name: '김철수' },
      { field_owner: '2', email: 'lee@example.com', name: '이영희' },
    ],
    export_api_info: { api_type: 'ALL', url: exportUrl },
  });
  expect(started.header.result_code).toBe('00');
  return String(started.body.workflow_id);
}

/** CF (5010Q) of a step, filling its text box. */
export async function approve(client: DojangClient, workflowId: string, step: 1 | 2, value: string): Promise<void> {
  const acted = await client.action('acme', {
    memb_email: step === 1 ? 'kim@example.com' : 'lee@example.com',
    action_id: String(step),
    workflow_id: workflowId,
    command: 'CF',
    field_list: [{ field_name: step === 1 ? 'customer' : 'manager', field_value: value }],
  });
  expect(acted.header.result_code).toBe('00');
}

/** The export bodies a receiver got, parsed. */
export const exportBodies = (receiver: Receiver) => receiver.requests.map((r) => JSON.parse(r.body.toString()).body as Record<string, string>);

/** The sealed PDF of a completed workflow, once its documents are made (the link answers 202 until then). */
export async function completedPdf(client: DojangClient, workflowId: string): Promise<Uint8Array> {
  await waitFor(async () => (await client.workflow(workflowId)).body.workflow_status === 'Complete', `workflow ${workflowId} complete`, 30_000);
  const urls = await client.downloadUrls(workflowId);
  expect(urls.header.result_code).toBe('00');
  return waitFor(
    async () => {
      const response = await fetch(String(urls.body.doc_url));
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect([200, 202]).toContain(response.status);
      return response.status === 200 ? bytes : null;
    },
    `the sealed PDF of workflow ${workflowId}`,
    120_000,
  );
}

/** POST /api/v1/verify: whether this server takes the PDF for one it sealed. */
export async function verify(url: string, pdf: Uint8Array): Promise<Record<string, unknown>> {
  return (await fetch(`${url}/api/v1/verify`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: Buffer.from(pdf) })).json();
}
