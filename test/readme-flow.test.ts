// The README's "A contract, call by call", run from the README's own text with bash against a
// server that made the demo as `npm start` does: the commands work as pasted, and the contract
// they start ends at step 2 with step 1's fields filled.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/demo/seed-demo.ts';
import { startTestServer, type TestServer } from './support/dojang-server.ts';

const run = promisify(execFile);

/** The shell block under the README's "## A contract, call by call". */
async function readmeFlow(): Promise<string> {
  const readme = await readFile(path.resolve(import.meta.dirname, '../README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## A contract, call by call'));
  const block = /```sh\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error('the README has no shell block under "A contract, call by call"');
  return block[1]!;
}

describe("the README's contract flow", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    await seedDemo(server.dojang.ctx);
  });
  afterAll(() => server?.close());

  it("runs as pasted, and leaves the contract at step 2 with step 1's fields filled", async () => {
    const script = await readmeFlow();
    const { stdout } = await run('bash', ['-e', '-o', 'pipefail', '-c', script], {
      env: { PATH: process.env.PATH ?? '', DOJANG: server.url },
      timeout: 60_000,
    });
    // What it prints: the approval's answer, then the workflow as GET /api/v2/workflows/:id describes it.
    const answers = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { header: { response_code: string; result_code: string; result_msg: string }; body: Record<string, any> });
    expect(answers.map((a) => [a.header.response_code, a.header.result_code, a.header.result_msg])).toEqual([
      ['5010A', '00', '성공하였습니다.'],
      ['/api/v2/workflows/:workflowId', '00', 'Success'],
    ]);
    const answer = answers[1]!;
    expect(answer.body).toMatchObject({ workflow_name: '서비스 이용 계약', workflow_status: 'Playing' });
    const history = (answer.body.action_history_list as { step_code: string }[]).map((h) => h.step_code);
    expect(history).toContain('SIGN_COMPLETE');
    const fields = Object.fromEntries((answer.body.field_list as { field_name: string; field_value: string }[]).map((f) => [f.field_name, f.field_value]));
    expect(fields).toMatchObject({ customer_name: '김철수', agree_terms: 'Y' });
    expect(fields.customer_sign).toMatch(/^data:image\/png;base64,/);
  });
});
