// Contracts made over HTTP on a child server (child-server.ts) started with ACME_ENV: the company
// made at start logs in (1001Q), uploads a one-step template, starts a contract and approves it.
import type { ChildServer } from './child-server.ts';
import { makeTestPdf } from './templates.ts';

export const ACME_ENV = {
  DOJANG_BOOTSTRAP_COMPANY: 'acme',
  DOJANG_BOOTSTRAP_EMAIL: 'admin@acme.example.com',
  DOJANG_BOOTSTRAP_PASSWORD: 'correct horse',
};

export async function acmeAdmin(server: ChildServer) {
  const call = async (path: string, body: unknown, token?: string) => {
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `esignon ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return response.json();
  };
  const login = await call('/api/acme/login', {
    header: { request_code: '1001Q' },
    body: { memb_email: ACME_ENV.DOJANG_BOOTSTRAP_EMAIL, memb_pwd: ACME_ENV.DOJANG_BOOTSTRAP_PASSWORD },
  });
  const token = login.body.access_token as string;
  return {
    token,
    /** A one-step template with one required text box, `who`; answers its doc_id. */
    async template(name: string): Promise<string> {
      const response = await fetch(`${server.url}/api/v1/templates`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          name,
          steps: 1,
          pdf: Buffer.from(await makeTestPdf()).toString('base64'),
          fields: [{ name: 'who', type: 'TextBox', owner: 1, required: true, page: 1, x: 60, y: 100, width: 200, height: 24 }],
        }),
      });
      return (await response.json()).doc_id as string;
    },
    /** Starts a contract for kim@example.com, exporting every step to `exportUrl` when given; answers its workflow id. */
    async start(docId: string, name: string, exportUrl?: string): Promise<string> {
      const started = await call(
        '/api/acme/startsimple',
        {
          header: { request_code: '5005Q' },
          body: {
            workflow_name: name,
            doc_id: docId,
            player_list: [{ field_owner: '1', email: 'kim@example.com', name: '김철수' }],
            ...(exportUrl ? { export_api_info: { api_type: 'ALL', url: exportUrl } } : {}),
          },
        },
        token,
      );
      return started.body.workflow_id as string;
    },
    /** The signer approves (5010Q CF) with `who` filled in; answers the eSignon result code. */
    async approve(workflowId: string): Promise<string> {
      const acted = await call(
        '/api/acme/action',
        {
          header: { request_code: '5010Q' },
          body: {
            memb_email: 'kim@example.com',
            action_id: '1',
            workflow_id: workflowId,
            command: 'CF',
            field_list: [{ field_name: 'who', field_value: '김철수' }],
          },
        },
        token,
      );
      return acted.header.result_code as string;
    },
  };
}
