// A real Dojang server for black-box tests: its own database, listening on a loopback port,
// spoken to over HTTP. Setup (a company, a template) goes through the same services `npm start`
// uses; everything under test goes through HTTP.
import net from 'node:net';
import pino from 'pino';
import { DojangClient } from '../../src/client/dojang-client.ts';
import { loadConfig } from '../../src/config.ts';
import { createCompany } from '../../src/accounts/create-company.ts';
import { startDojang, type Dojang } from '../../src/dojang.ts';
import type { Clock } from '../../src/clock.ts';
import { scratchDatabase, type DatabaseKind } from './databases.ts';

export interface TestServer {
  url: string;
  dojang: Dojang;
  kind: DatabaseKind;
  dataDir: string;
  databaseUrl: string;
  /** Creates a company and logs in over HTTP; answers its access token. */
  company(id: string, options?: { email?: string; password?: string; name?: string }): Promise<TestCompany>;
  close(): Promise<void>;
}

export interface TestCompany {
  id: string;
  email: string;
  password: string;
  token: string;
  /** POST an eSignon envelope; answers the parsed response and the HTTP status. */
  esignon(
    path: string,
    requestCode: string,
    body: Record<string, unknown>,
    headerExtra?: Record<string, unknown>,
  ): Promise<{ status: number; json: EsignonResponse }>;
  get(path: string): Promise<{ status: number; json: any }>;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; json: any }>;
}

export interface EsignonResponse {
  header: { response_code: string; result_code: string; result_msg: string; session_id: string; version: string };
  body: any;
}

export async function startTestServer(kind: DatabaseKind, env: Record<string, string> = {}, options: { clock?: Clock } = {}): Promise<TestServer> {
  const scratch = await scratchDatabase(kind);
  const port = await freePort();
  const config = loadConfig({
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    HOST: '127.0.0.1',
    DATABASE_URL: scratch.url,
    DATA_DIR: scratch.dataDir,
    LOG_LEVEL: 'silent',
    DOJANG_DEMO: 'false',
    DOJANG_WORKER_POLL_MS: '50',
    ...env,
  });
  const dojang = await startDojang(config, {
    logger: pino({ level: process.env.DOJANG_TEST_LOG ?? 'silent' }),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const url = `http://127.0.0.1:${port}`;

  const anonymous = new DojangClient({ baseUrl: url });

  return {
    url,
    dojang,
    kind,
    dataDir: scratch.dataDir,
    databaseUrl: scratch.url,
    async company(id, options = {}) {
      const email = options.email ?? `admin@${id}.example.com`;
      const password = options.password ?? 'correct horse battery';
      await createCompany(dojang.ctx, { id, name: options.name ?? `${id} 주식회사`, email, password, memberName: '관리자' });
      const login = await anonymous.request<any>('POST', `/api/${id}/login`, {
        header: { request_code: '1001Q' },
        body: { memb_email: email, memb_pwd: password },
      });
      if (login.json?.header?.result_code !== '00') throw new Error(`login failed: ${JSON.stringify(login.json)}`);
      const token = login.json.body.access_token as string;
      const client = new DojangClient({ baseUrl: url, token });
      return {
        id,
        email,
        password,
        token,
        esignon: (path, requestCode, body, headerExtra = {}) =>
          client.request<EsignonResponse>('POST', path, { header: { request_code: requestCode, version: '9.9.99', ...headerExtra }, body }),
        get: (path) => client.request<any>('GET', path),
        post: (path, body, headers) => client.request<any>('POST', path, body, headers),
      };
    },
    async close() {
      await dojang.close();
      await scratch.drop();
    },
  };
}

/** A loopback port nobody is listening on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
