// Search, lists and info with a million workflows, on SQLite and PostgreSQL.
//
// Seeds DOJANG_BENCH_WORKFLOWS (default 1,000,000) workflows in bulk — INSERT … SELECT over a
// generated series, secondary indexes dropped during the load and rebuilt after — with two
// players, three field values and two history rows each, into a scratch SQLite file and a scratch
// PostgreSQL database (created on DOJANG_BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/postgres,
// and dropped after). Then a real server answers a few hundred calls of each kind over HTTP,
// one at a time, and the table shows p50/p95/max against the 50 ms target, plus the query plans.
import { performance } from 'node:perf_hooks';
import { CompiledQuery, sql, type Kysely, type RawBuilder } from 'kysely';
import pino from 'pino';
import { DojangClient } from '../src/client/dojang-client.ts';
import { createCompany } from '../src/accounts/create-company.ts';
import { loadConfig } from '../src/config.ts';
import { startDojang, type Dojang } from '../src/dojang.ts';
import { dayInOffset, endOfDay, startOfDay, toTimestamp } from '../src/domain/time.ts';
import { WORKFLOW_COUNT_SLOTS } from '../src/store/migrations.ts';
import type { Database } from '../src/store/schema.ts';
import { usageCountQueries } from '../src/workflows/count-company-usage.ts';
import { worklistQueries } from '../src/workflows/list-worklist.ts';
import { fieldValueQuery, periodQuery } from '../src/workflows/search-workflows.ts';
import { makeTestPdf } from '../test/support/templates.ts';
import { freePort } from '../test/support/dojang-server.ts';
import { type CompanyId, type MemberId, type TemplateId, toCompanyId, toTemplateId } from '../src/domain/ids.ts';
import { POSTGRES_ADMIN_URL, postgresAnswers, scratchDatabase, type DatabaseKind } from './support/scratch-database.ts';

const WORKFLOWS = Number(process.env.DOJANG_BENCH_WORKFLOWS ?? 1_000_000);
const CALLS = Number(process.env.DOJANG_BENCH_CALLS ?? 300);
const TARGET_P95_MS = 50;
const CHUNK = 100_000;
const SPAN_DAYS = 400;
const SEEDED_TABLES = ['workflows', 'players', 'field_values', 'history'];

// ── seeding ───────────────────────────────────────────────────────────────────────────────

interface SeedPlan {
  companyId: CompanyId;
  memberId: MemberId;
  memberEmail: string;
  templateA: TemplateId;
  templateB: TemplateId;
  /** Epoch ms of workflow 0; workflow g starts at base + g * stepMs. */
  baseMs: number;
  stepMs: number;
}

/** The template of workflow g: B for every fourth, A otherwise. */
const templateOf = (plan: SeedPlan, g: number) => (g % 4 === 0 ? plan.templateB : plan.templateA);

function seedStatements(kind: DatabaseKind, plan: SeedPlan, lo: number, hi: number): RawBuilder<unknown>[] {
  const lit = sql.lit;
  const series =
    kind === 'sqlite'
      ? sql`(with recursive seq(g) as (select ${lit(lo)} union all select g + 1 from seq where g < ${lit(hi)}) select g from seq)`
      : sql`(select g from generate_series(${lit(lo)}::bigint, ${lit(hi)}::bigint) as g)`;
  const isoAt = (ms: RawBuilder<unknown>) =>
    kind === 'sqlite'
      ? sql`strftime('%Y-%m-%dT%H:%M:%fZ', (${ms}) / 1000.0, 'unixepoch')`
      : sql`to_char(to_timestamp((${ms}) / 1000.0) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const startMs = sql`(${lit(plan.baseMs)} + g * ${lit(plan.stepMs)})`;
  const bucket = sql`(g % 100)`;
  const range = sql`id between ${lit(lo)} and ${lit(hi)}`;
  const member = lit(plan.memberEmail);
  return [
    sql`insert into workflows (id, company_id, template_id, name, status, type, current_step, total_steps, starter_member_id, language, comment,
          expires_on, expires_at, embed, export_config, referers, export_seq, version, documents_state, created_at, updated_at, completed_at)
        select g, ${lit(plan.companyId)}, case when g % 4 = 0 then ${lit(plan.templateB)} else ${lit(plan.templateA)} end, '계약 ' || g,
          case when ${bucket} < 60 then 'Complete' when ${bucket} < 90 then 'Playing' when ${bucket} < 97 then 'Canceled' when ${bucket} < 99 then 'Disposal' else 'Truncate' end,
          'WEBTYPE', case when ${bucket} < 60 or (${bucket} >= 97 and ${bucket} < 99) then 2 else 1 + g % 2 end, 2, ${lit(plan.memberId)}, 'ko-KR', '',
          null, null, 0, null, '[]', 0, 1, 'none', ${isoAt(startMs)}, ${isoAt(startMs)},
          case when ${bucket} < 60 or (${bucket} >= 97 and ${bucket} < 99) then ${isoAt(sql`${startMs} + 86400000`)} else null end
        from ${series} as s`,
    sql`insert into players (workflow_id, step, identity, name, mobile_number, password_hash, password_hint, language, acted_at)
        select id, 1, 'customer' || (id % 200000) || '@example.com', '고객' || (id % 200000), null, null, null, 'ko-KR', null from workflows where ${range}
        union all
        select id, 2, case when id % 3 = 0 then ${member} else 'manager' || (id % 50) || '@example.com' end, '담당자', null, null, null, 'ko-KR', null from workflows where ${range}`,
    sql`insert into field_values (workflow_id, field_name, value, step, updated_at)
        select id, 'contract_no', 'C-' || id, 0, created_at from workflows where ${range}
        union all select id, 'customer', '고객' || (id % 100000), 0, created_at from workflows where ${range}
        union all select id, 'agree', case when id % 2 = 0 then 'Y' else 'N' end, 1, created_at from workflows where ${range}`,
    sql`insert into history (workflow_id, step_code, action_id, actor_name, actor_identity, comment, ip, user_agent, created_at)
        select id, 'WORKFLOW_START', null, '관리자', ${member}, '', '127.0.0.1', 'bench', created_at from workflows where ${range}
        union all
        select id, 'SIGN_REQ', 1, '고객', 'customer' || (id % 200000) || '@example.com', '', '127.0.0.1', 'bench', created_at from workflows where ${range}`,
  ];
}

/** Secondary indexes of the seeded tables: dropped for the load, made again after. */
async function secondaryIndexes(kind: DatabaseKind, db: Kysely<Database>): Promise<{ name: string; definition: string }[]> {
  if (kind === 'sqlite') {
    const rows = await sql<{
      name: string;
      sql: string;
    }>`select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${sql.join(SEEDED_TABLES)})`.execute(db);
    return rows.rows.map((r) => ({ name: r.name, definition: r.sql }));
  }
  const rows = await sql<{ name: string; definition: string }>`
    select i.relname as name, pg_get_indexdef(i.oid) as definition
    from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
    where t.relname in (${sql.join(SEEDED_TABLES)}) and not x.indisprimary and not x.indisunique`.execute(db);
  return rows.rows;
}

async function seed(kind: DatabaseKind, db: Kysely<Database>, plan: SeedPlan): Promise<void> {
  const indexes = await secondaryIndexes(kind, db);
  for (const index of indexes) await sql`drop index ${sql.id(index.name)}`.execute(db);
  // PostgreSQL: the workflow_counts trigger would run a million times; count once after instead.
  if (kind === 'postgres') await sql`alter table workflows disable trigger workflow_counts_keep`.execute(db);
  for (let lo = 1; lo <= WORKFLOWS; lo += CHUNK) {
    const hi = Math.min(WORKFLOWS, lo + CHUNK - 1);
    await db.transaction().execute(async (trx) => {
      for (const statement of seedStatements(kind, plan, lo, hi)) await statement.execute(trx);
    });
    process.stderr.write(`\r  ${kind}: ${hi.toLocaleString()} workflows`);
  }
  process.stderr.write('\n');
  for (const index of indexes) await sql.raw(index.definition).execute(db);
  if (kind === 'postgres') {
    await sql`delete from workflow_counts`.execute(db);
    await sql`insert into workflow_counts (company_id, slot, visible)
              select company_id, id % ${sql.lit(WORKFLOW_COUNT_SLOTS)}, count(*) from workflows where status <> 'Truncate' group by company_id, id % ${sql.lit(WORKFLOW_COUNT_SLOTS)}`.execute(
      db,
    );
    await sql`alter table workflows enable trigger workflow_counts_keep`.execute(db);
    await sql`select setval(pg_get_serial_sequence('workflows', 'id'), (select max(id) from workflows))`.execute(db);
    // What autovacuum would have done by the time a real database held a million workflows.
    await sql`vacuum analyze`.execute(db);
  }
  // SQLite: no ANALYZE, as in a deployment that never runs one; the plans below hold without statistics.
}

// ── measuring ─────────────────────────────────────────────────────────────────────────────

function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Measured {
  name: string;
  p50: number;
  p95: number;
  max: number;
  rows: string;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function measure(name: string, call: (i: number) => Promise<{ ok: boolean; rows: number }>): Promise<Measured> {
  for (let i = 0; i < 20; i++) await call(-1 - i); // warm-up
  const times: number[] = [];
  let rowCount = 0;
  for (let i = 0; i < CALLS; i++) {
    const started = performance.now();
    const { ok, rows } = await call(i);
    times.push(performance.now() - started);
    if (!ok) throw new Error(`${name}: call ${i} failed`);
    rowCount += rows;
  }
  times.sort((a, b) => a - b);
  return { name, p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1)!, rows: (rowCount / CALLS).toFixed(1) };
}

async function explain(kind: DatabaseKind, db: Kysely<Database>, label: string, query: { compile(): CompiledQuery }): Promise<string> {
  const compiled = query.compile();
  const prefix = kind === 'sqlite' ? 'explain query plan ' : 'explain ';
  const result = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(prefix + compiled.sql, [...compiled.parameters]));
  const lines = result.rows.map((r) => (kind === 'sqlite' ? String(r.detail) : String(r['QUERY PLAN'])));
  return [`  ${label}`, ...lines.map((l) => `    ${l}`)].join('\n');
}

async function runOn(kind: DatabaseKind): Promise<{ seedSeconds: number; results: Measured[]; plans: string }> {
  const db = await scratchDatabase(kind);
  let dojang: Dojang | null = null;
  try {
    const port = await freePort();
    const config = loadConfig({
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATABASE_URL: db.url,
      DATA_DIR: db.dataDir,
      LOG_LEVEL: 'silent',
      DOJANG_DEMO: 'false',
      DOJANG_WORKERS: 'false',
    });
    dojang = await startDojang(config, { logger: pino({ level: 'silent' }) });
    const base = `http://127.0.0.1:${port}`;
    await createCompany(dojang.ctx, { id: 'bench', name: '벤치 주식회사', email: 'admin@bench.example.com', password: 'bench password', memberName: '관리자' });
    const client = new DojangClient({ baseUrl: base });
    if ((await client.login('bench', 'admin@bench.example.com', 'bench password')).header.result_code !== '00') throw new Error('login failed');
    const pdf = Buffer.from(await makeTestPdf()).toString('base64');
    const box = (name: string, owner: number, y: number) => ({ name, type: 'TextBox', owner, page: 1, x: 60, y, width: 200, height: 28 });
    const templateIds: TemplateId[] = [];
    for (const name of ['계약서', '안내문']) {
      const made = await client.createTemplate({
        name,
        steps: 2,
        pdf,
        fields: [box('contract_no', 1, 100), box('customer', 1, 140), { ...box('agree', 1, 180), type: 'CheckBox' }, box('amount', 2, 220)],
      });
      if (made.status !== 201) throw new Error(`template: ${JSON.stringify(made.json)}`);
      templateIds.push(toTemplateId(Number(made.json.doc_id)));
    }
    const member = await dojang.ctx.db.selectFrom('members').select('id').where('company_id', '=', toCompanyId('bench')).executeTakeFirstOrThrow();
    const now = Date.now();
    const plan: SeedPlan = {
      companyId: toCompanyId('bench'),
      memberId: member.id,
      memberEmail: 'admin@bench.example.com',
      templateA: templateIds[0]!,
      templateB: templateIds[1]!,
      baseMs: now - SPAN_DAYS * 86_400_000,
      stepMs: Math.floor((SPAN_DAYS * 86_400_000) / WORKFLOWS),
    };
    const seedStarted = performance.now();
    await seed(kind, dojang.ctx.db, plan);
    const seedSeconds = (performance.now() - seedStarted) / 1000;

    const random = mulberry32(7);
    const pick = (max: number) => 1 + Math.floor(random() * max);
    const dayOf = (g: number) => dayInOffset(new Date(plan.baseMs + g * plan.stepMs), '+09:00');
    const rowsOf = (list: unknown) => (Array.isArray(list) ? list.length : 0);

    const results: Measured[] = [];
    results.push(
      await measure('search by field (5008Q), unique value', async () => {
        const g = pick(WORKFLOWS);
        const { header, body } = await client.searchByField('bench', {
          field_list: [{ doc_uid: String(templateOf(plan, g)), field_name: 'contract_no', field_value: `C-${g}` }],
        });
        return { ok: header.result_code === '00', rows: rowsOf(body.wf_list) };
      }),
    );
    results.push(
      await measure('search by field (5008Q), ~10 matches', async () => {
        const { header, body } = await client.searchByField('bench', { field_list: [{ field_name: 'customer', field_value: `고객${pick(99_999)}` }] });
        return { ok: header.result_code === '00', rows: rowsOf(body.wf_list) };
      }),
    );
    results.push(
      await measure('search by field (5008Q), 500k matches, page of 50', async () => {
        const { header, body } = await client.searchByField('bench', {
          page: String(pick(20)),
          rows: '50',
          field_list: [{ doc_uid: String(plan.templateA), field_name: 'agree', field_value: 'Y' }],
        });
        return { ok: header.result_code === '00', rows: rowsOf(body.wf_list) };
      }),
    );
    results.push(
      await measure('search by period (5009Q), START, 1 day, rows 100', async () => {
        const day = dayOf(pick(WORKFLOWS));
        const { header, body } = await client.searchByPeriod('bench', {
          search_date_type: 'START',
          start_date: day,
          end_date: day,
          rows: '100',
          field_list: [{ doc_uid: String(plan.templateA), field_name: 'customer' }],
        });
        return { ok: header.result_code === '00', rows: rowsOf(body.wf_list) };
      }),
    );
    results.push(
      await measure('search by period (5009Q), END, 30 days, rows 100', async () => {
        const g = pick(WORKFLOWS);
        const { header, body } = await client.searchByPeriod('bench', {
          search_date_type: 'END',
          start_date: dayOf(g),
          end_date: dayOf(g + Math.floor(WORKFLOWS / SPAN_DAYS) * 30),
          rows: '100',
          field_list: [{ doc_uid: String(plan.templateA), field_name: 'contract_no' }],
        });
        return { ok: header.result_code === '00', rows: rowsOf(body.wf_list) };
      }),
    );
    results.push(
      await measure('search by period (5009Q), START, 1 day, default rows (≤1000)', async () => {
        const day = dayOf(pick(WORKFLOWS));
        const { header, body } = await client.searchByPeriod('bench', {
          search_date_type: 'START',
          start_date: day,
          end_date: day,
          field_list: [{ doc_uid: String(plan.templateA), field_name: 'customer' }],
        });
        return { ok: header.result_code === '00', rows: rowsOf(body.wf_list) };
      }),
    );
    results.push(
      await measure('worklists (/worklists/new), pages 1-20 of 50', async () => {
        const { header, body } = await client.worklist({ page: pick(20), rows: 50 });
        return { ok: header.result_code === '00', rows: rowsOf(body.workflow_list) };
      }),
    );
    results.push(
      await measure('workflow info (/api/v2/workflows/:id)', async () => {
        let g = pick(WORKFLOWS);
        if (g % 100 === 99) g -= 1; // a truncated one answers "10"
        const { header } = await client.workflow(g);
        return { ok: header.result_code === '00', rows: 1 };
      }),
    );
    results.push(
      await measure('company info (/api/v2/company)', async () => {
        const { header } = await client.company();
        return { ok: header.result_code === '00', rows: 1 };
      }),
    );

    const dbh = dojang.ctx.db;
    const day = dayOf(Math.floor(WORKFLOWS / 2));
    const span = { from: startOfDay(day, '+09:00'), until: endOfDay(day, '+09:00') };
    const plans = [
      await explain(
        kind,
        dbh,
        '5008Q unique value',
        fieldValueQuery(dbh, plan.companyId, { templateId: plan.templateA, fieldName: 'contract_no', fieldValue: 'C-12345' }).limit(1001),
      ),
      await explain(
        kind,
        dbh,
        '5008Q common value, page 3 of 50',
        fieldValueQuery(dbh, plan.companyId, { templateId: plan.templateA, fieldName: 'agree', fieldValue: 'Y' }).limit(151),
      ),
      await explain(
        kind,
        dbh,
        '5009Q START, one template',
        periodQuery(
          dbh,
          plan.companyId,
          { dateType: 'START', ...span, targets: [{ templateId: plan.templateA, fieldName: 'customer' }] },
          { page: 1, rows: 100 },
        ),
      ),
      await explain(
        kind,
        dbh,
        '5009Q END, one template',
        periodQuery(dbh, plan.companyId, { dateType: 'END', ...span, targets: [{ templateId: plan.templateA, fieldName: '' }] }, { page: 1, rows: 100 }),
      ),
      await explain(kind, dbh, 'worklist count', worklistQueries(dbh, plan.companyId, { page: 1, rows: 50 }).count),
      await explain(kind, dbh, 'worklist page 20', worklistQueries(dbh, plan.companyId, { page: 20, rows: 50 }).page),
      await explain(
        kind,
        dbh,
        'company usage: started this month',
        usageCountQueries(dbh, plan.companyId, toTimestamp(new Date(now - 30 * 86_400_000)), toTimestamp(new Date(now))).started,
      ),
      await explain(
        kind,
        dbh,
        'company usage: completed this month',
        usageCountQueries(dbh, plan.companyId, toTimestamp(new Date(now - 30 * 86_400_000)), toTimestamp(new Date(now))).completed,
      ),
    ].join('\n');
    return { seedSeconds, results, plans };
  } finally {
    await dojang?.close();
    await db.drop();
  }
}

function table(kind: DatabaseKind, seedSeconds: number, results: Measured[]): string {
  const width = Math.max(...results.map((r) => r.name.length));
  const lines = [
    `${kind}: ${WORKFLOWS.toLocaleString()} workflows seeded in ${seedSeconds.toFixed(0)} s; ${CALLS} calls each over HTTP, one at a time`,
    `  ${'call'.padEnd(width)}   p50 ms   p95 ms   max ms   p95/target   rows/answer`,
    ...results.map(
      (r) =>
        `  ${r.name.padEnd(width)}  ${r.p50.toFixed(1).padStart(7)}  ${r.p95.toFixed(1).padStart(7)}  ${r.max.toFixed(1).padStart(7)}   ${(r.p95 / TARGET_P95_MS).toFixed(2).padStart(10)}   ${r.rows.padStart(11)}${r.p95 > TARGET_P95_MS ? '  over the target' : ''}`,
    ),
  ];
  return lines.join('\n');
}

const kinds: DatabaseKind[] = ['sqlite'];
if (await postgresAnswers()) kinds.push('postgres');
else console.log(`PostgreSQL at ${POSTGRES_ADMIN_URL} did not answer: SQLite only.`);
console.log(`Target: p95 < ${TARGET_P95_MS} ms.`);
for (const kind of kinds) {
  const { seedSeconds, results, plans } = await runOn(kind);
  console.log(`\n${table(kind, seedSeconds, results)}\n\n${kind} query plans:\n${plans}`);
}
