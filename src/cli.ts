// The `dojang` command: companies and members for the database in DATABASE_URL / DATA_DIR,
// `listen`, a local receiver that shows exports as they arrive (like `stripe listen`), and
// `backup` / `restore` (src/backup/, docs/backup.md).
import { parseArgs } from 'node:util';
import { addMember, createCompany, AccountError } from './accounts/create-company.ts';
import { BackupError } from './backup/backup-error.ts';
import { backupSummary, createBackup } from './backup/create-backup.ts';
import { readPassphrase } from './backup/read-passphrase.ts';
import { restoreBackup, restoreInstructions } from './backup/restore-backup.ts';
import { verifyBackup, verifyReportLines } from './backup/verify-backup.ts';
import { systemClock } from './clock.ts';
import { loadConfig } from './config.ts';
import { listenForExports } from './exports/listen-for-exports.ts';
import { openDatabase } from './store/open-database.ts';
import { toCompanyId } from './domain/ids.ts';

const HELP = `dojang — the Dojang command line

  dojang company add <id> --name <name> --email <email> --password <password> [--member-name <name>]
      Create a company (tenant) and its first member, an admin.
  dojang member add <company> --email <email> --password <password> [--name <name>] [--admin]
      Add a member to a company.
  dojang listen [--port 4000] [--host 127.0.0.1] [--secret whsec_…]
      Receive exports on this machine and print each one; with --secret, check its signature.
  dojang backup <file> [--gzip] [--passphrase-file <file>] [--pg-dump <path>]
      Write one archive while Dojang runs: the database (SQLite's online backup, or pg_dump's
      custom format when pg_dump is installed), the stored files, the keys that seal documents
      and a manifest with every entry's SHA-256. Gzipped with --gzip or a name ending in .gz or
      .tgz; encrypted (scrypt, AES-256-GCM) with a passphrase from --passphrase-file or
      DOJANG_BACKUP_PASSPHRASE. It holds the seal's private key: keep it as secret as that.
  dojang backup --verify <file> [--passphrase-file <file>]
      Read the archive through, check every entry against the manifest and the database copy
      with SQLite's integrity_check; exits 1 when anything is missing, extra or altered.
  dojang restore <file> --data-dir <dir> [--force] [--passphrase-file <file>]
      Check the archive, then lay it out in <dir> (dojang.db, files/, keys/) and say how to start
      Dojang there. <dir> must be new or empty; --force moves what it would replace aside.

The database is the one Dojang uses: DATABASE_URL (postgres://…) or DATA_DIR (SQLite under it).
docs/backup.md says what to keep secret, how often to back up and how to test a restore.`;

async function withDatabase<T>(use: (ctx: { db: Awaited<ReturnType<typeof openDatabase>>['db']; clock: typeof systemClock }) => Promise<T>): Promise<T> {
  const store = await openDatabase(loadConfig().database);
  try {
    return await use({ db: store.db, clock: systemClock });
  } finally {
    await store.close();
  }
}

function required(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new AccountError('invalid', `--${name} is required`);
  return value;
}

async function run(argv: string[]): Promise<void> {
  const [command, sub, ...rest] = argv;
  if (command === 'company' && sub === 'add') {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { name: { type: 'string' }, email: { type: 'string' }, password: { type: 'string' }, 'member-name': { type: 'string' } },
    });
    const id = positionals[0];
    if (!id) throw new AccountError('invalid', 'the company id is required: dojang company add <id> …');
    await withDatabase((ctx) =>
      createCompany(ctx, {
        id,
        name: values.name ?? id,
        email: required(values, 'email'),
        password: required(values, 'password'),
        ...(values['member-name'] ? { memberName: values['member-name'] } : {}),
      }),
    );
    console.log(`Company ${id} created; log in with POST /api/${id}/login as ${values.email}.`);
    return;
  }
  if (command === 'member' && sub === 'add') {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { email: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' }, admin: { type: 'boolean' } },
    });
    const companyId = positionals[0];
    if (!companyId) throw new AccountError('invalid', 'the company id is required: dojang member add <company> …');
    await withDatabase((ctx) =>
      addMember(ctx, {
        companyId: toCompanyId(companyId),
        email: required(values, 'email'),
        password: required(values, 'password'),
        ...(values.name ? { name: values.name } : {}),
        role: values.admin ? 'admin' : 'member',
      }),
    );
    console.log(`${values.email} added to ${companyId}.`);
    return;
  }
  if (command === 'listen') {
    const { values } = parseArgs({
      args: argv.slice(1),
      options: { port: { type: 'string', default: '4000' }, host: { type: 'string', default: '127.0.0.1' }, secret: { type: 'string' } },
    });
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new AccountError('invalid', `--port must be a port number, got ${values.port}`);
    await listenForExports({ port, host: values.host!, ...(values.secret ? { secret: values.secret } : {}), out: process.stdout });
    return;
  }
  if (command === 'backup') return backup(argv.slice(1));
  if (command === 'restore') return restore(argv.slice(1));
  console.log(HELP);
  if (command && command !== 'help' && command !== '--help') process.exitCode = 2;
}

async function backup(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { verify: { type: 'boolean' }, gzip: { type: 'boolean' }, 'passphrase-file': { type: 'string' }, 'pg-dump': { type: 'string' } },
  });
  const file = positionals[0];
  if (!file) throw new BackupError('invalid', 'the archive is required: dojang backup <file>, or dojang backup --verify <file>');
  const passphrase = await readPassphrase(values['passphrase-file']);
  if (values.verify) {
    const report = await verifyBackup(file, passphrase);
    console.log(verifyReportLines(report).join('\n'));
    if (!report.ok) {
      console.error(`dojang: ${file} failed verification; do not rely on it.`);
      process.exitCode = 1;
    }
    return;
  }
  const result = await createBackup({
    config: loadConfig(),
    archive: file,
    gzip: values.gzip === true || /\.(gz|tgz)(\.enc)?$/i.test(file),
    passphrase,
    pgDump: values['pg-dump'] ?? 'pg_dump',
  });
  console.log(backupSummary(result).join('\n'));
}

async function restore(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'data-dir': { type: 'string' }, force: { type: 'boolean' }, 'passphrase-file': { type: 'string' } },
  });
  const file = positionals[0];
  if (!file) throw new BackupError('invalid', 'the archive is required: dojang restore <file> --data-dir <dir>');
  const dataDir = values['data-dir'];
  if (!dataDir) throw new BackupError('invalid', '--data-dir <dir> is required: the directory to restore into (the new DATA_DIR)');
  const result = await restoreBackup({ archive: file, dataDir, force: values.force === true, passphrase: await readPassphrase(values['passphrase-file']) });
  console.log(restoreInstructions(result).join('\n'));
}

// Work that stops without finishing (a promise nobody settles) would otherwise exit 0: a backup
// that silently did not happen.
let settled = false;
process.once('beforeExit', () => {
  if (settled) return;
  console.error('dojang: stopped before finishing (a bug): do not rely on what it did');
  process.exitCode = 1;
});

run(process.argv.slice(2)).then(
  () => (settled = true),
  (error: unknown) => {
    console.error(`dojang: ${(error as Error).message}`);
    process.exit(1);
  },
);
