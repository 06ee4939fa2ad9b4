// The `dojang` command: companies and members for the database in DATABASE_URL / DATA_DIR,
// and `listen`, a local receiver that shows exports as they arrive (like `stripe listen`).
import { parseArgs } from 'node:util';
import { addMember, createCompany, AccountError } from './accounts/create-company.ts';
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

The database is the one Dojang uses: DATABASE_URL (postgres://…) or DATA_DIR (SQLite under it).`;

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
    const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { name: { type: 'string' }, email: { type: 'string' }, password: { type: 'string' }, 'member-name': { type: 'string' } } });
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
    const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { email: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' }, admin: { type: 'boolean' } } });
    const companyId = positionals[0];
    if (!companyId) throw new AccountError('invalid', 'the company id is required: dojang member add <company> …');
    await withDatabase((ctx) =>
      addMember(ctx, { companyId: toCompanyId(companyId), email: required(values, 'email'), password: required(values, 'password'), ...(values.name ? { name: values.name } : {}), role: values.admin ? 'admin' : 'member' }),
    );
    console.log(`${values.email} added to ${companyId}.`);
    return;
  }
  if (command === 'listen') {
    const { values } = parseArgs({ args: argv.slice(1), options: { port: { type: 'string', default: '4000' }, host: { type: 'string', default: '127.0.0.1' }, secret: { type: 'string' } } });
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new AccountError('invalid', `--port must be a port number, got ${values.port}`);
    await listenForExports({ port, host: values.host!, ...(values.secret ? { secret: values.secret } : {}), out: process.stdout });
    return;
  }
  console.log(HELP);
  if (command && command !== 'help' && command !== '--help') process.exitCode = 2;
}

run(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`dojang: ${(error as Error).message}`);
  process.exit(1);
});
