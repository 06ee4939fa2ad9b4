// The OpenAPI document is generated from the route schemas: every route is in it, /docs serves
// it, and /healthz answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/dojang-server.ts';

describe('OpenAPI and health', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(() => server?.close());

  it('describes every API route', async () => {
    const doc = await (await fetch(`${server.url}/openapi.json`)).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/{companyId}/login',
      '/api/{companyId}/startsimple',
      '/api/{companyId}/action',
      '/JEDOC/Common.do',
      '/api/v2/workflows/{workflowId}',
      '/api/v2/docs/{docId}',
      '/api/v1/templates',
      '/api/v1/workflows/{id}/exports',
      '/api/v1/exports/{eventId}/redeliver',
      '/api/v1/company/webhook-secret',
      '/api/v1/verify',
      '/healthz',
      '/metrics',
    ]) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
    const start = doc.paths['/api/{companyId}/startsimple'].post;
    expect(start.requestBody.content['application/json'].schema.properties.body.properties).toHaveProperty('export_api_info');
  });

  it('serves the documentation page and health', async () => {
    const docs = await fetch(`${server.url}/docs/`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger');
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'ok' });
  });
});
