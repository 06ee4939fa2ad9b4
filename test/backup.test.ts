// `dojang backup` and `dojang restore`, run as the operator runs them (node bin/dojang.mjs …)
// against a real Dojang: the backup is taken while contracts are being approved, verified, found
// out when one byte of it is flipped, and restored into a new DATA_DIR where a second Dojang
// shows every contract, export event and document made before the backup began, with the
// completed PDFs still verifying (POST /api/v1/verify and poppler's pdfsig). Then the
// passphrase, the refusals and the errors; and, when PostgreSQL runs, its half with pg_dump.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { list as listTar, create as createTar } from 'tar';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { pdfSig } from '../src/documents/test-support/poppler.ts';
import { startReceiver, type Receiver } from '../src/exports/test-support/start-receiver.ts';
import { startChildServer, type ChildServer } from './support/child-server.ts';
import { testDatabases } from './support/databases.ts';
import { startTestServer, type TestCompany, type TestServer } from './support/dojang-server.ts';
import { createTestTemplate, players } from './support/templates.ts';
import { waitFor } from './support/wait-for.ts';

const BIN = path.resolve(import.meta.dirname, '../bin/dojang.mjs');
const PASSWORD = 'correct horse battery';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `node bin/dojang.mjs …` with only the environment given (and PATH, unless given). */
function dojang(args: string[], env: Record<string, string>): { done: Promise<Run>; finished: () => boolean } {
  const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let over = false;
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const done = new Promise<Run>((resolve) =>
    child.on('close', (code) => {
      over = true;
      resolve({ code, stdout, stderr });
    }),
  );
  return { done, finished: () => over };
}

const run = (args: string[], env: Record<string, string>) => dojang(args, env).done;

/** An error the operator reads: one line naming the problem, exit code 1, no stack trace. */
function expectClearError(result: Run, text: RegExp): void {
  expect(result.code, result.stdout + result.stderr).toBe(1);
  expect(result.stderr).toMatch(/^dojang: /);
  expect(result.stderr).toMatch(text);
  expect(result.stderr).not.toMatch(/^\s+at /m);
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Every path in a plain or gzipped tar, read with the tar package (not with Dojang's reader). */
async function tarPaths(file: string): Promise<string[]> {
  const paths: string[] = [];
  await listTar({ file, onReadEntry: (entry) => paths.push(entry.path) });
  return paths;
}

async function modeOf(file: string): Promise<number> {
  return (await fs.stat(file)).mode & 0o777;
}

/** A workflow as the v2 info call describes it, without the signed links (made anew, with this server's address, on every call). */
function withoutLinks(info: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(info).filter(([key]) => !key.endsWith('_url')));
}

async function scratchDir(prefix: string, dirs: string[]): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** A company's calls to a server started as a child process (the restored one). */
async function loginTo(url: string, company: TestCompany) {
  const login = await (
    await fetch(`${url}/api/${company.id}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ header: { request_code: '1001Q' }, body: { memb_email: company.email, memb_pwd: company.password } }),
    })
  ).json();
  expect(login.header.result_code).toBe('00');
  const token = login.body.access_token as string;
  return async (route: string) => (await fetch(`${url}${route}`, { headers: { authorization: `esignon ${token}` } })).json();
}

const verifyCall = async (url: string, pdf: Uint8Array) =>
  (await fetch(`${url}/api/v1/verify`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: Buffer.from(pdf) })).json();

describe('dojang backup and restore on SQLite', () => {
  let server: TestServer;
  let acme: TestCompany;
  let receiver: Receiver;
  let docId: string;
  let archive: string;
  const children: ChildServer[] = [];
  const dirs: string[] = [];
  const env = () => ({ DATA_DIR: server.dataDir, DATABASE_URL: server.databaseUrl });

  beforeAll(async () => {
    receiver = await startReceiver();
    server = await startTestServer('sqlite', { DOJANG_SIGNING_RSA_BITS: '2048' });
    acme = await server.company('acme');
    docId = await createTestTemplate(acme, 2);
  });
  afterAll(async () => {
    await Promise.all(children.map((child) => child.stop()));
    await receiver?.close();
    await server?.close();
    await Promise.all(dirs.map((dir) => fs.rm(dir, { recursive: true, force: true })));
  });

  const start = async (name: string) => {
    const started = await acme.esignon('/api/acme/startsimple', '5005Q', {
      workflow_name: name,
      doc_id: docId,
      player_list: players(2),
      export_api_info: { api_type: 'ALL', url: `${receiver.origin}/hook` },
    });
    expect(started.json.header.result_code).toBe('00');
    return started.json.body.workflow_id as string;
  };
  const approve = async (workflowId: string, step: 1 | 2) => {
    const acted = await acme.esignon('/api/acme/action', '5010Q', {
      memb_email: `signer${step}@example.com`,
      action_id: String(step),
      workflow_id: workflowId,
      command: 'CF',
      field_list: [{ field_name: `name_${step}`, field_value: `서명자${step} ${workflowId}` }],
    });
    expect(acted.json.header.result_code).toBe('00');
  };
  const info = async (workflowId: string) => (await acme.get(`/api/v2/workflows/${workflowId}`)).json.body;
  const exportsOf = async (workflowId: string) =>
    (await acme.get(`/api/v1/workflows/${workflowId}/exports`)).json.events as { event_id: string; status: string }[];

  it('backs up while contracts are approved, verifies, and restores every contract, export and document made before', async () => {
    // Before the backup: completed contracts (sealed, their exports delivered), half-signed ones and new ones.
    const completed: string[] = [];
    for (let i = 0; i < 4; i++) {
      const id = await start(`완료 ${i}`);
      await approve(id, 1);
      await approve(id, 2);
      completed.push(id);
    }
    const halfway: string[] = [];
    for (let i = 0; i < 4; i++) {
      const id = await start(`진행 ${i}`);
      await approve(id, 1);
      halfway.push(id);
    }
    const fresh = [await start('시작만 0'), await start('시작만 1')];
    const before = [...completed, ...halfway, ...fresh];
    await waitFor(
      async () => (await Promise.all(completed.map(info))).every((body) => body.documents.state === 'ready'),
      "the completed contracts' documents",
      60_000,
    );
    await waitFor(
      async () => (await Promise.all(before.map(exportsOf))).flat().every((event) => event.status === 'delivered'),
      'every export delivered',
      30_000,
    );
    // Each sealed PDF as it was served before the backup (downloading adds DOC_DOWN to the history, so the infos come after).
    const pdfsBefore = new Map<string, string>();
    for (const id of completed) pdfsBefore.set(id, sha256(new Uint8Array(await (await fetch((await info(id)).download_url)).arrayBuffer())));
    const infosBefore = new Map<string, Record<string, unknown>>();
    const exportsBefore = new Map<string, unknown[]>();
    for (const id of before) {
      infosBefore.set(id, await info(id));
      exportsBefore.set(id, await exportsOf(id));
    }

    // The backup runs while contracts are finished and new ones start and finish.
    const dir = await scratchDir('dojang-backup-', dirs);
    archive = path.join(dir, 'dojang.tar');
    const backup = dojang(['backup', archive], env());
    const during: string[] = [];
    let approvals = 0;
    while (!backup.finished()) {
      const next = halfway.shift();
      if (next !== undefined) {
        await approve(next, 2);
      } else {
        const id = await start(`백업 중 ${during.length}`);
        during.push(id);
        await approve(id, 1);
        // At most 20 PDFs can be verified in a minute (the verify call's rate limit): the rest stay half-signed.
        if (during.length <= 6) await approve(id, 2);
      }
      approvals++;
    }
    const backedUp = await backup.done;
    expect(backedUp.code, backedUp.stderr).toBe(0);
    expect(approvals).toBeGreaterThan(0);
    expect(backedUp.stdout).toMatch(/Wrote .*dojang\.tar .*the SQLite database/);

    // One file, owner-only, holding the database, the stored files, the keys and the manifest last.
    expect(await modeOf(archive)).toBe(0o600);
    const paths = await tarPaths(archive);
    expect(paths[0]).toBe('dojang.db');
    expect(paths.at(-1)).toBe('manifest.json');
    expect(paths).toEqual(expect.arrayContaining(['keys/ca.key.pem', 'keys/ca.cert.pem', 'keys/seal.p12', 'keys/seal.p12.password']));
    expect(paths.filter((p) => p.startsWith('files/templates/'))).toHaveLength(1);
    expect(paths.filter((p) => p.startsWith('files/')).length).toBeGreaterThanOrEqual(1 + 2 * completed.length);
    expect((await fs.readdir(dir)).sort()).toEqual(['dojang.tar']);

    const verified = await run(['backup', '--verify', archive], env());
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/OK, \d+ entries match the manifest .*SQLite integrity_check: ok/);

    // One byte of the database copy flipped: found, named, exit 1.
    const flipped = path.join(dir, 'flipped.tar');
    const bytes = await fs.readFile(archive);
    bytes[512 + 5000] = bytes[512 + 5000]! ^ 0xff;
    await fs.writeFile(flipped, bytes);
    const caught = await run(['backup', '--verify', flipped], env());
    expect(caught.code).toBe(1);
    expect(caught.stdout).toContain('corrupt: dojang.db');
    expect(caught.stderr).toContain('failed verification');

    // Restored into a new directory: owner-only, and it says how to start Dojang there.
    const restoredDir = path.join(await scratchDir('dojang-restored-', dirs), 'data');
    const restored = await run(['restore', archive, '--data-dir', restoredDir], {});
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain(`DATA_DIR=${restoredDir} npm start`);
    expect((await fs.readdir(restoredDir)).sort()).toEqual(['dojang.db', 'files', 'keys']);
    for (const key of await fs.readdir(path.join(restoredDir, 'keys'))) expect(await modeOf(path.join(restoredDir, 'keys', key))).toBe(0o600);
    for (const sub of ['', 'files', 'files/templates', 'keys']) expect(await modeOf(path.join(restoredDir, sub))).toBe(0o700);
    expect(await modeOf(path.join(restoredDir, 'dojang.db'))).toBe(0o600);
    expect(await fs.readFile(path.join(restoredDir, 'keys', 'ca.cert.pem'))).toEqual(await fs.readFile(path.join(server.dataDir, 'keys', 'ca.cert.pem')));

    const child = await startChildServer({ DATA_DIR: restoredDir, DOJANG_SIGNING_RSA_BITS: '2048' });
    children.push(child);
    const get = await loginTo(child.url, acme);
    for (const id of before) {
      const restoredInfo = (await get(`/api/v2/workflows/${id}`)).body;
      const restoredExports = (await get(`/api/v1/workflows/${id}/exports`)).events as { event_id: string }[];
      if (completed.includes(id) || fresh.includes(id)) {
        // Untouched while the backup ran: back exactly as they were.
        expect(withoutLinks(restoredInfo)).toEqual(withoutLinks(infosBefore.get(id)!));
        expect(restoredExports).toEqual(exportsBefore.get(id));
      } else {
        // Finished while the backup ran: back as they were before it, or as they were after.
        expect(restoredInfo.workflow_id).toBe(id);
        expect(['Playing', 'Complete']).toContain(restoredInfo.workflow_status);
        const eventIds = restoredExports.map((event) => event.event_id);
        for (const event of exportsBefore.get(id) as { event_id: string }[]) expect(eventIds).toContain(event.event_id);
      }
    }

    // Every completed contract's document is there or made again from the restored database, and verifies.
    const all = [...before, ...during];
    const present: string[] = [];
    for (const id of all) {
      const body = (await get(`/api/v2/workflows/${id}`)).body;
      if (body?.workflow_status === 'Complete') present.push(id);
    }
    expect(present).toEqual(expect.arrayContaining(completed));
    for (const id of present) {
      const body = await waitFor(
        async () => {
          const described = (await get(`/api/v2/workflows/${id}`)).body;
          return described.documents.state === 'ready' ? described : null;
        },
        `the document of ${id} on the restored server`,
        60_000,
      );
      const pdf = new Uint8Array(await (await fetch(body.download_url)).arrayBuffer());
      if (pdfsBefore.has(id)) expect(sha256(pdf)).toBe(pdfsBefore.get(id));
      expect(await verifyCall(child.url, pdf)).toMatchObject({
        sealed: true,
        intact: true,
        on_record: true,
        workflow_id: id,
        kind: 'completed',
        company_id: 'acme',
      });
      expect((await pdfSig(pdf)).stdout).toContain('Signature is Valid');
    }
  }, 240_000);

  // Runs after the test above, on the same server (its keys exist), and uses its archive.
  it('encrypts with a passphrase, tells a wrong one, refuses a non-empty directory and names what is wrong with a file', async () => {
    const dir = await scratchDir('dojang-backup-', dirs);
    const passphraseFile = path.join(dir, 'passphrase');
    await fs.writeFile(passphraseFile, `${PASSWORD}\n`);
    const encrypted = path.join(dir, 'dojang.tar.gz.enc');
    const made = await run(['backup', encrypted, '--gzip', '--passphrase-file', passphraseFile], env());
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toContain('encrypted');
    expect(await modeOf(encrypted)).toBe(0o600);
    const head = await fs.readFile(encrypted);
    expect(head.subarray(0, 8).toString()).toBe('DJBACKUP');
    expect(head.includes(Buffer.from('BEGIN RSA PRIVATE KEY'))).toBe(false);

    expectClearError(await run(['backup', '--verify', encrypted], {}), /is encrypted: give its passphrase with --passphrase-file/);
    expectClearError(
      await run(['backup', '--verify', encrypted], { DOJANG_BACKUP_PASSPHRASE: 'not the passphrase' }),
      /the passphrase does not open this archive/,
    );
    const opened = await run(['backup', '--verify', encrypted], { DOJANG_BACKUP_PASSPHRASE: PASSWORD });
    expect(opened.code, opened.stderr).toBe(0);
    expect(opened.stdout).toMatch(/OK, .*encrypted\); SQLite integrity_check: ok/);

    // A restore with the wrong passphrase writes nothing, not even the directory.
    const target = path.join(dir, 'restored');
    expectClearError(await run(['restore', encrypted, '--data-dir', target], { DOJANG_BACKUP_PASSPHRASE: 'not the passphrase' }), /passphrase does not open/);
    await expect(fs.access(target)).rejects.toThrow();
    const restored = await run(['restore', encrypted, '--data-dir', target, '--passphrase-file', passphraseFile], {});
    expect(restored.code, restored.stderr).toBe(0);
    expect(await fs.readdir(path.join(target, 'keys'))).toEqual(expect.arrayContaining(['seal.p12', 'ca.key.pem']));

    // Not into a directory that holds something, unless told to (and then what it replaces is kept aside).
    const occupied = path.join(dir, 'occupied');
    await fs.mkdir(occupied);
    await fs.writeFile(path.join(occupied, 'notes.txt'), 'mine');
    expectClearError(await run(['restore', archive, '--data-dir', occupied], {}), /is not empty/);
    expect(await fs.readdir(occupied)).toEqual(['notes.txt']);
    expectClearError(await run(['restore', archive, '--data-dir', target], {}), /is not empty/);
    const forced = await run(['restore', archive, '--data-dir', target, '--force'], {});
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toContain('What it replaced is in');
    const aside = (await fs.readdir(target)).find((name) => name.startsWith('replaced-'))!;
    expect((await fs.readdir(path.join(target, aside))).sort()).toEqual(['dojang.db', 'files', 'keys']);

    // Files that are no backup, or a damaged one: a sentence, exit 1, no stack trace.
    expectClearError(await run(['backup', '--verify', path.join(dir, 'nowhere.tar')], {}), /no such file: .*nowhere\.tar/);
    const random = path.join(dir, 'random.bin');
    await fs.writeFile(random, randomBytes(20_000));
    expectClearError(await run(['backup', '--verify', random], {}), /is not a Dojang backup: it is not a tar archive/);
    const otherTar = path.join(dir, 'other.tar');
    await createTar({ file: otherTar, cwd: dir }, ['passphrase']);
    expectClearError(
      await run(['restore', otherTar, '--data-dir', path.join(dir, 'other')], {}),
      /is not a Dojang backup: a tar archive without manifest\.json/,
    );
    const cut = path.join(dir, 'cut.enc');
    await fs.writeFile(cut, head.subarray(0, Math.floor(head.length / 2)));
    expectClearError(await run(['backup', '--verify', cut], { DOJANG_BACKUP_PASSPHRASE: PASSWORD }), /damaged or cut short/);
    const cutTar = path.join(dir, 'cut.tar');
    await fs.writeFile(cutTar, (await fs.readFile(archive)).subarray(0, 100_000));
    expectClearError(await run(['backup', '--verify', cutTar], {}), /cut\.tar is damaged: Truncated input/);
    expectClearError(await run(['backup', path.join(dir, 'no-such-dir', 'x.tar')], env()), /is not a directory/);
  }, 120_000);
});

const hasPgDump = spawnSync('pg_dump', ['--version']).status === 0;

describe.runIf(testDatabases().includes('postgres'))('dojang backup on PostgreSQL', () => {
  let server: TestServer;
  let acme: TestCompany;
  const children: ChildServer[] = [];
  const dirs: string[] = [];
  const databases: string[] = [];
  const admin = () => new pg.Client({ connectionString: inject('postgresAdminUrl')! });

  beforeAll(async () => {
    // Files on disk, so the archive has stored files as well as keys.
    server = await startTestServer('postgres', { DOJANG_FILE_STORE: 'disk', DOJANG_SIGNING_RSA_BITS: '2048' });
    acme = await server.company('acme');
  });
  afterAll(async () => {
    await Promise.all(children.map((child) => child.stop()));
    await server?.close();
    const client = admin();
    await client.connect();
    for (const name of databases) await client.query(`drop database if exists ${name} with (force)`);
    await client.end();
    await Promise.all(dirs.map((dir) => fs.rm(dir, { recursive: true, force: true })));
  });

  it("archives the files, the keys and the manifest, with pg_dump's dump when pg_dump is installed, and says how to pair one when not", async () => {
    const docId = await createTestTemplate(acme, 1);
    const started = await acme.esignon('/api/acme/startsimple', '5005Q', { workflow_name: '포스트그레스', doc_id: docId, player_list: players(1) });
    const id = started.json.body.workflow_id as string;
    const acted = await acme.esignon('/api/acme/action', '5010Q', {
      memb_email: 'signer1@example.com',
      action_id: '1',
      workflow_id: id,
      command: 'CF',
      field_list: [{ field_name: 'name_1', field_value: '홍길동' }],
    });
    expect(acted.json.header.result_code).toBe('00');
    await waitFor(async () => (await acme.get(`/api/v2/workflows/${id}`)).json.body.documents.state === 'ready', 'the document', 60_000);

    const dir = await scratchDir('dojang-backup-pg-', dirs);
    const env = { DATA_DIR: server.dataDir, DATABASE_URL: server.databaseUrl, DOJANG_FILE_STORE: 'disk' };

    // Without pg_dump on PATH: files, keys and manifest, and the pg_dump command to run beside it.
    const withoutDump = path.join(dir, 'no-dump.tar');
    const alone = await run(['backup', withoutDump], { ...env, PATH: '' });
    expect(alone.code, alone.stderr).toBe(0);
    expect(alone.stdout).toContain('pg_dump is not installed here');
    expect(alone.stdout).toContain(`pg_dump --format=custom --file=${withoutDump}.pgdump`);
    const alonePaths = await tarPaths(withoutDump);
    expect(alonePaths).not.toContain('database.pgdump');
    expect(alonePaths).toEqual(expect.arrayContaining(['keys/seal.p12', 'keys/ca.key.pem', 'manifest.json']));
    expect(alonePaths.filter((p) => p.startsWith('files/documents/') || p.startsWith('files/templates/')).length).toBeGreaterThanOrEqual(2);
    const aloneRestore = await run(['restore', withoutDump, '--data-dir', path.join(dir, 'no-dump')], {});
    expect(aloneRestore.stdout).toContain('The archive holds no database: restore the pg_dump taken together with it');

    if (!hasPgDump) return;
    const archive = path.join(dir, 'dojang.tar');
    const made = await run(['backup', archive], env);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toContain('the PostgreSQL dump');
    const paths = await tarPaths(archive);
    expect(paths[0]).toBe('database.pgdump');
    expect(paths).toEqual(expect.arrayContaining(['keys/seal.p12', 'keys/ca.key.pem', 'keys/ca.cert.pem', 'keys/seal.p12.password']));
    expect(paths.at(-1)).toBe('manifest.json');
    const verified = await run(['backup', '--verify', archive], {});
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/OK, .*postgres\)/);

    // Restore lays the dump out and says how to load it; loading it as it says brings the contract back.
    const restoredDir = path.join(dir, 'restored');
    const restored = await run(['restore', archive, '--data-dir', restoredDir], {});
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain(`pg_restore --no-owner --dbname='postgres://USER@HOST:5432/NEW_DATABASE' ${path.join(restoredDir, 'database.pgdump')}`);
    expect(restored.stdout).toContain(`DOJANG_FILE_STORE=disk DATA_DIR=${restoredDir} npm start`);
    const name = `dojang_r_${randomBytes(6).toString('hex')}`;
    const client = admin();
    await client.connect();
    await client.query(`create database ${name}`);
    databases.push(name);
    await client.end();
    const url = new URL(inject('postgresAdminUrl')!);
    url.pathname = `/${name}`;
    const loaded = spawnSync('pg_restore', ['--no-owner', `--dbname=${url}`, path.join(restoredDir, 'database.pgdump')], { encoding: 'utf8' });
    expect(loaded.status, loaded.stderr).toBe(0);

    const child = await startChildServer({ DATABASE_URL: url.toString(), DATA_DIR: restoredDir, DOJANG_FILE_STORE: 'disk', DOJANG_SIGNING_RSA_BITS: '2048' });
    children.push(child);
    const get = await loginTo(child.url, acme);
    const body = (await get(`/api/v2/workflows/${id}`)).body;
    expect(body.workflow_status).toBe('Complete');
    const pdf = new Uint8Array(await (await fetch(body.download_url)).arrayBuffer());
    expect(await verifyCall(child.url, pdf)).toMatchObject({ sealed: true, intact: true, on_record: true, workflow_id: id });
    expect((await pdfSig(pdf)).stdout).toContain('Signature is Valid');
  }, 180_000);
});
