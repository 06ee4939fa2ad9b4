// Versioned migrations, run at start by Kysely's Migrator. One schema for both databases;
// the only dialect differences are how an auto-increment id and a byte column are spelled.
import type { ColumnDefinitionBuilder, Kysely, Migration, MigrationProvider, SqlBool } from 'kysely';
import { sql } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

function idColumn(dialect: Dialect) {
  return {
    type: dialect === 'postgres' ? ('serial' as const) : ('integer' as const),
    build: (c: ColumnDefinitionBuilder) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()),
  };
}

const bytes = (dialect: Dialect) => (dialect === 'postgres' ? 'bytea' : 'blob');

function initial(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const id = idColumn(dialect);
      await db.schema
        .createTable('companies')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('utc_offset', 'text', (c) => c.notNull().defaultTo('+09:00'))
        .addColumn('webhook_secret', 'text', (c) => c.notNull())
        .addColumn('webhook_secret_previous', 'text')
        .addColumn('webhook_secret_previous_until', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('members')
        .addColumn('id', id.type, id.build)
        .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('members_company_email', ['company_id', 'email'])
        .execute();

      await db.schema
        .createTable('access_tokens')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
        .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
        .addColumn('label', 'text')
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();

      await db.schema
        .createTable('templates')
        .addColumn('id', id.type, id.build)
        .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('steps', 'integer', (c) => c.notNull())
        .addColumn('fields', 'text', (c) => c.notNull())
        .addColumn('pages', 'text', (c) => c.notNull())
        .addColumn('pdf_key', 'text', (c) => c.notNull())
        .addColumn('pdf_sha256', 'text', (c) => c.notNull())
        .addColumn('creator_member_id', 'integer', (c) => c.notNull().references('members.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('templates_company').on('templates').columns(['company_id', 'id']).execute();

      await db.schema
        .createTable('workflows')
        .addColumn('id', id.type, id.build)
        .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
        .addColumn('template_id', 'integer', (c) => c.notNull().references('templates.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('current_step', 'integer', (c) => c.notNull())
        .addColumn('total_steps', 'integer', (c) => c.notNull())
        .addColumn('starter_member_id', 'integer', (c) => c.notNull().references('members.id'))
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('comment', 'text', (c) => c.notNull())
        .addColumn('expires_on', 'text')
        .addColumn('expires_at', 'text')
        .addColumn('embed', 'integer', (c) => c.notNull())
        .addColumn('export_config', 'text')
        .addColumn('referers', 'text', (c) => c.notNull())
        .addColumn('export_seq', 'integer', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('documents_state', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('completed_at', 'text')
        .execute();
      await db.schema.createIndex('workflows_company_created').on('workflows').columns(['company_id', 'created_at']).execute();
      await db.schema.createIndex('workflows_company_status').on('workflows').columns(['company_id', 'status', 'id']).execute();
      await db.schema.createIndex('workflows_expiry').on('workflows').columns(['status', 'expires_at']).execute();

      await db.schema
        .createTable('players')
        .addColumn('workflow_id', 'integer', (c) => c.notNull().references('workflows.id'))
        .addColumn('step', 'integer', (c) => c.notNull())
        .addColumn('identity', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('mobile_number', 'text')
        .addColumn('password_hash', 'text')
        .addColumn('password_hint', 'text')
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('acted_at', 'text')
        .addPrimaryKeyConstraint('players_pk', ['workflow_id', 'step'])
        .execute();
      await db.schema.createIndex('players_identity').on('players').columns(['identity', 'workflow_id']).execute();

      await db.schema
        .createTable('field_values')
        .addColumn('workflow_id', 'integer', (c) => c.notNull().references('workflows.id'))
        .addColumn('field_name', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('step', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('field_values_pk', ['workflow_id', 'field_name'])
        .execute();

      await db.schema
        .createTable('history')
        .addColumn('id', id.type, id.build)
        .addColumn('workflow_id', 'integer', (c) => c.notNull().references('workflows.id'))
        .addColumn('step_code', 'text', (c) => c.notNull())
        .addColumn('action_id', 'integer')
        .addColumn('actor_name', 'text', (c) => c.notNull())
        .addColumn('actor_identity', 'text', (c) => c.notNull())
        .addColumn('comment', 'text', (c) => c.notNull())
        .addColumn('ip', 'text')
        .addColumn('user_agent', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('history_workflow').on('history').columns(['workflow_id', 'id']).execute();

      await db.schema
        .createTable('sign_tokens')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('workflow_id', 'integer', (c) => c.notNull().references('workflows.id'))
        .addColumn('step', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('closed_at', 'text')
        .execute();
      await db.schema.createIndex('sign_tokens_workflow').on('sign_tokens').columns(['workflow_id', 'step']).execute();

      await db.schema
        .createTable('jobs')
        .addColumn('id', id.type, id.build)
        .addColumn('queue', 'text', (c) => c.notNull())
        .addColumn('company_id', 'text', (c) => c.notNull())
        .addColumn('workflow_id', 'integer')
        .addColumn('ordering_key', 'text')
        .addColumn('target', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('run_at', 'text', (c) => c.notNull())
        .addColumn('lease_owner', 'text')
        .addColumn('lease_expires_at', 'text')
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .execute();
      // The claim query walks open jobs by queue and time; finished jobs stay out of these indexes.
      await db.schema
        .createIndex('jobs_claim')
        .on('jobs')
        .columns(['queue', 'status', 'run_at'])
        .where(sql.ref('status'), 'in', ['pending', 'running'])
        .execute();
      await db.schema.createIndex('jobs_ordering').on('jobs').columns(['ordering_key', 'id']).where(sql.ref('status'), 'in', ['pending', 'running']).execute();
      await db.schema.createIndex('jobs_workflow').on('jobs').columns(['workflow_id', 'queue', 'id']).execute();

      await db.schema
        .createTable('job_attempts')
        .addColumn('id', id.type, id.build)
        .addColumn('job_id', 'integer', (c) => c.notNull().references('jobs.id'))
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('duration_ms', 'integer', (c) => c.notNull())
        .addColumn('ok', 'integer', (c) => c.notNull())
        .addColumn('channel', 'text')
        .addColumn('status_code', 'integer')
        .addColumn('error', 'text')
        .addColumn('response_excerpt', 'text')
        .execute();
      await db.schema.createIndex('job_attempts_job').on('job_attempts').columns(['job_id', 'id']).execute();

      await db.schema
        .createTable('files')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('content', bytes(dialect), (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('documents')
        .addColumn('workflow_id', 'integer', (c) => c.primaryKey().references('workflows.id'))
        .addColumn('document_key', 'text', (c) => c.notNull())
        .addColumn('document_sha256', 'text', (c) => c.notNull())
        .addColumn('certificate_key', 'text', (c) => c.notNull())
        .addColumn('certificate_sha256', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('documents_sha').on('documents').column('document_sha256').execute();

      await db.schema
        .createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
  };
}

/** The signer's side: verified sessions, attempt limits, one-time codes, once-per-link history marks. */
function signing(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('sign_sessions')
        .addColumn('session_hash', 'text', (c) => c.primaryKey())
        .addColumn('token_hash', 'text', (c) => c.notNull())
        .addColumn('workflow_id', 'integer', (c) => c.notNull().references('workflows.id'))
        .addColumn('step', 'integer', (c) => c.notNull())
        .addColumn('methods', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sign_sessions_token').on('sign_sessions').column('token_hash').execute();

      await db.schema
        .createTable('sign_guards')
        .addColumn('workflow_id', 'integer', (c) => c.notNull().references('workflows.id'))
        .addColumn('step', 'integer', (c) => c.notNull())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('locked_until', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('sign_guards_pk', ['workflow_id', 'step'])
        .execute();

      await db.schema
        .createTable('sign_codes')
        .addColumn('id', idColumn(dialect).type, idColumn(dialect).build)
        .addColumn('workflow_id', 'integer', (c) => c.notNull().references('workflows.id'))
        .addColumn('step', 'integer', (c) => c.notNull())
        .addColumn('code_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .execute();
      await db.schema.createIndex('sign_codes_step').on('sign_codes').columns(['workflow_id', 'step', 'id']).execute();

      await db.schema
        .createTable('sign_link_marks')
        .addColumn('token_hash', 'text', (c) => c.notNull())
        .addColumn('mark', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('sign_link_marks_pk', ['token_hash', 'mark'])
        .execute();
    },
  };
}

/**
 * Search and lists over a million workflows (5008Q, 5009Q, /worklists/new, company usage).
 * Field values are indexed by a 200-character prefix: a whole value (a base64 image) can be
 * larger than a PostgreSQL index entry may be; the query compares the prefix, then the value.
 */
export const SEARCH_VALUE_PREFIX = 200;

/**
 * /worklists/new answers a total; counting a million rows takes 100-200 ms, so the count of a
 * company's visible (not Truncate) workflows is kept by triggers, in WORKFLOW_COUNT_SLOTS rows
 * per company (slot = id % slots) so that concurrent starts rarely wait for the same row.
 */
export const WORKFLOW_COUNT_SLOTS = 8;

function searchIndexes(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await sql`create index field_values_search on field_values (field_name, substr(value, 1, ${sql.lit(SEARCH_VALUE_PREFIX)}), workflow_id)`.execute(db);
      await db.schema.createIndex('workflows_company_id').on('workflows').columns(['company_id', 'id']).execute();
      await db.schema.createIndex('workflows_company_completed').on('workflows').columns(['company_id', 'completed_at', 'id']).execute();
      await db.schema.createIndex('workflows_template_created').on('workflows').columns(['company_id', 'template_id', 'created_at', 'id']).execute();
      await db.schema.createIndex('workflows_template_completed').on('workflows').columns(['company_id', 'template_id', 'completed_at', 'id']).execute();

      await db.schema
        .createTable('workflow_counts')
        .addColumn('company_id', 'text', (c) => c.notNull())
        .addColumn('slot', 'integer', (c) => c.notNull())
        .addColumn('visible', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('workflow_counts_pk', ['company_id', 'slot'])
        .execute();
      const slots = sql.lit(WORKFLOW_COUNT_SLOTS);
      await sql`insert into workflow_counts (company_id, slot, visible)
                select company_id, id % ${slots}, count(*) from workflows where status <> 'Truncate' group by company_id, id % ${slots}`.execute(db);
      const add = (row: 'NEW' | 'OLD', delta: ReturnType<typeof sql.raw>) =>
        sql`insert into workflow_counts (company_id, slot, visible) values (${sql.raw(row)}.company_id, ${sql.raw(row)}.id % ${slots}, ${delta})
            on conflict (company_id, slot) do update set visible = workflow_counts.visible + excluded.visible`;
      if (dialect === 'sqlite') {
        await sql`create trigger workflow_counts_insert after insert on workflows when NEW.status <> 'Truncate'
                  begin ${add('NEW', sql.raw('1'))}; end`.execute(db);
        await sql`create trigger workflow_counts_status after update of status on workflows
                  when (OLD.status = 'Truncate') <> (NEW.status = 'Truncate')
                  begin ${add('NEW', sql.raw("case when NEW.status = 'Truncate' then -1 else 1 end"))}; end`.execute(db);
        await sql`create trigger workflow_counts_delete after delete on workflows when OLD.status <> 'Truncate'
                  begin ${add('OLD', sql.raw('-1'))}; end`.execute(db);
      } else {
        await sql`create function workflow_counts_keep() returns trigger language plpgsql as $$
                  begin
                    if tg_op in ('INSERT', 'UPDATE') and NEW.status <> 'Truncate' and (tg_op = 'INSERT' or OLD.status = 'Truncate') then
                      ${add('NEW', sql.raw('1'))};
                    end if;
                    if tg_op in ('DELETE', 'UPDATE') and OLD.status <> 'Truncate' and (tg_op = 'DELETE' or NEW.status = 'Truncate') then
                      ${add('OLD', sql.raw('-1'))};
                    end if;
                    return null;
                  end $$`.execute(db);
        await sql`create trigger workflow_counts_keep after insert or update of status or delete on workflows
                  for each row execute function workflow_counts_keep()`.execute(db);
      }
    },
  };
}

/**
 * `jobs.blocked`: 1 while an earlier job with the same ordering key is still open, so the claim
 * query walks only jobs that may run (index `jobs_due`) instead of probing every job queued
 * behind a failing receiver on every poll. Kept by jobs/outbox.ts; existing rows are set here.
 */
const jobsBlocked: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('jobs')
      .addColumn('blocked', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await sql`update jobs set blocked = 1
      where status in ('pending', 'running') and ordering_key is not null
        and exists (select 1 from jobs p where p.ordering_key = jobs.ordering_key and p.id < jobs.id and p.status in ('pending', 'running'))`.execute(db);
    await db.schema
      .createIndex('jobs_due')
      .on('jobs')
      .columns(['queue', 'run_at', 'id'])
      .where(sql<SqlBool>`${sql.ref('status')} = 'pending' and ${sql.ref('blocked')} = 0`)
      .execute();
  },
};

/**
 * The operator's console (0005): members' sessions and their login guard, which template a new
 * version replaced, and indexes for the console's contract and export lists.
 */
/** The console's lockout counts wrong passwords of 1001Q too (accounts/login-guard.ts). */
const loginGuards: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('console_login_guards').renameTo('login_guards').execute();
  },
};

function consoleMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('console_sessions')
        .addColumn('session_hash', 'text', (c) => c.primaryKey())
        .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
        .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('ip', 'text')
        .addColumn('user_agent', 'text')
        .execute();
      await db.schema.createIndex('console_sessions_expiry').on('console_sessions').column('expires_at').execute();

      await db.schema
        .createTable('console_login_guards')
        .addColumn('company_id', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('locked_until', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('console_login_guards_pk', ['company_id', 'email'])
        .execute();

      await db.schema
        .createTable('template_replacements')
        .addColumn('old_template_id', 'integer', (c) => c.primaryKey().references('templates.id'))
        .addColumn('new_template_id', 'integer', (c) => c.notNull().unique().references('templates.id'))
        .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      // The console's lists: a company's contracts newest first, by template; its export events.
      // workflows(company_id, id) is 0003's workflows_company_id.
      await db.schema.createIndex('workflows_template').on('workflows').columns(['template_id', 'id']).execute();
      await db.schema.createIndex('jobs_company_queue').on('jobs').columns(['company_id', 'queue', 'id']).execute();
      // Search by signer and by a field's exact value. Values can be images of a megabyte, too
      // big for a B-tree entry, so the value index holds its first 100 characters.
      await db.schema.createIndex('players_name').on('players').columns(['name', 'workflow_id']).execute();
      await db.schema.createIndex('field_values_value_prefix').on('field_values').expression(sql`substr(value, 1, 100)`).execute();
    },
  };
}

/**
 * Members are removed softly (0007): workflows, templates and template replacements keep
 * pointing at who started or made them, so the row stays and `removed_at` says since when it
 * can no longer log in or act.
 */
const memberRemoval: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('members').addColumn('removed_at', 'text').execute();
  },
};

/** Login counts per client address as well as per email (accounts/login-guard.ts); counts are transient, so the table starts empty. */
const loginGuardClients: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.dropTable('login_guards').execute();
    await db.schema
      .createTable('login_guards')
      .addColumn('company_id', 'text', (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('client', 'text', (c) => c.notNull())
      .addColumn('failures', 'integer', (c) => c.notNull())
      .addColumn('locked_until', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('login_guards_pk', ['company_id', 'email', 'client'])
      .execute();
    await db.schema.createIndex('login_guards_updated').on('login_guards').column('updated_at').execute();
  },
};

/** Requests counted per key in a time window (security/count-in-window.ts): public endpoints' rate limits. */
const rateLimits: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('rate_limits')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addColumn('window_ends', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('rate_limits_window_ends').on('rate_limits').column('window_ends').execute();
  },
};

/** What a signer typed before approving, kept per signing link (signing/sign-drafts.ts). */
const signDrafts: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('sign_drafts')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('workflow_id', 'integer', (c) => c.notNull().references('workflows.id'))
      .addColumn('field_values', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('sign_drafts_updated').on('sign_drafts').column('updated_at').execute();
  },
};

/**
 * Retention: a finished export event's or message's content is cleared after the configured
 * period (jobs/retention.ts); cleared_at says when. The sweep walks the finished jobs not yet
 * cleared, oldest first.
 */
const retention: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('jobs').addColumn('cleared_at', 'text').execute();
    await db.schema
      .createIndex('jobs_retention')
      .on('jobs')
      .columns(['finished_at'])
      .where(sql<SqlBool>`${sql.ref('cleared_at')} is null and ${sql.ref('status')} in ('succeeded', 'dead')`)
      .execute();
  },
};

/**
 * Console sign-in through an OpenID provider (console/oidc-sign-in.ts): a member is bound to the
 * provider's issuer and subject at their first sign-in and found by them afterwards, so that an
 * email changed or reused at the provider does not move the console account.
 */
const memberOidc: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('members').addColumn('oidc_issuer', 'text').execute();
    await db.schema.alterTable('members').addColumn('oidc_subject', 'text').execute();
    await db.schema.createIndex('members_oidc').on('members').columns(['oidc_issuer', 'oidc_subject']).unique().execute();
  },
};

/**
 * One-off templates: made by POST /api/v1/contracts from a tagged PDF for one contract. They
 * are templates like any other (the workflow, its documents and exports read them the same
 * way) but listed apart from the reusable ones the company keeps.
 */
const oneOffTemplates: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('templates')
      .addColumn('one_off', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  },
};

export function migrationProvider(dialect: Dialect): MigrationProvider {
  return {
    async getMigrations() {
      return {
        '0001_initial': initial(dialect),
        '0002_signing': signing(dialect),
        '0003_search_indexes': searchIndexes(dialect),
        '0004_jobs_blocked': jobsBlocked,
        '0005_console': consoleMigration(),
        '0006_login_guards': loginGuards,
        '0007_member_removal': memberRemoval,
        '0008_login_guard_clients': loginGuardClients,
        '0009_rate_limits': rateLimits,
        '0010_sign_drafts': signDrafts,
        '0011_retention': retention,
        '0012_member_oidc': memberOidc,
        '0013_one_off_templates': oneOffTemplates,
      };
    },
  };
}
