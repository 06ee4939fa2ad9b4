// The dojang command: a company made on the command line can log in to the server.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, scratchDatabase, type ScratchDatabase } from './support/databases.ts';
import { startChildServer, type ChildServer } from './support/child-server.ts';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../bin/dojang.mjs');

describe.each(testDatabases())('npx dojang on %s', (kind) => {
  let scratch: ScratchDatabase;
  let server: ChildServer | null = null;
  const env = () => ({ PATH: process.env.PATH ?? '', DATABASE_URL: scratch.url, DATA_DIR: scratch.dataDir });

  beforeAll(async () => {
    scratch = await scratchDatabase(kind);
  });
  afterAll(async () => {
    await server?.stop();
    await scratch?.drop();
  });

  it('adds a company and a member who can then log in', async () => {
    const added = await run(
      process.execPath,
      [BIN, 'company', 'add', 'hanbit', '--name', '한빛 주식회사', '--email', 'boss@hanbit.example.com', '--password', 'hanbit-password'],
      { env: env() },
    );
    expect(added.stdout).toContain('Company hanbit created');
    await run(process.execPath, [BIN, 'member', 'add', 'hanbit', '--email', 'staff@hanbit.example.com', '--password', 'staff-password'], { env: env() });
    const refused = await run(process.execPath, [BIN, 'company', 'add', 'hanbit', '--email', 'x@y.example.com', '--password', 'whatever-long'], {
      env: env(),
    }).catch((error: { stderr: string; code: number }) => error);
    expect('code' in refused && refused.code).toBe(1);
    expect((refused as { stderr: string }).stderr).toContain('already exists');

    server = await startChildServer(env());
    for (const [email, password] of [
      ['boss@hanbit.example.com', 'hanbit-password'],
      ['staff@hanbit.example.com', 'staff-password'],
    ]) {
      const response = await fetch(`${server.url}/api/hanbit/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ header: { request_code: '1001Q' }, body: { memb_email: email, memb_pwd: password } }),
      });
      expect((await response.json()).header.result_code).toBe('00');
    }
  });
});
