// A workflow's state read in one statement, its template kept in memory: on both databases, and
// never a template that a rolled-back transaction read (SQLite gives its id to the next one).
import { afterEach, describe, expect, it } from 'vitest';
import { scratchStores, testDatabases } from '../../test/support/databases.ts';
import { createCompany } from '../accounts/create-company.ts';
import type { TemplateField } from '../domain/fields.ts';
import { toCompanyId, type TemplateId } from '../domain/ids.ts';
import type { Timestamp } from '../domain/time.ts';
import type { Store } from '../store/open-database.ts';
import { loadWorkflowState } from './workflow-state.ts';

const AT = '2026-12-07T00:00:00.000Z' as Timestamp;
const company = toCompanyId('acme');
const field = (name: string): TemplateField =>
  ({ name, type: 'TextBox', owner: 1, page: 1, x: 10, y: 10, width: 100, height: 20, required: false }) as TemplateField;

/** A template and a two-step workflow of it, in `db` (a transaction or not). */
async function writeContract(db: Store['db'], fieldName: string) {
  const member = await db.selectFrom('members').select('id').where('company_id', '=', company).executeTakeFirstOrThrow();
  const template = await db
    .insertInto('templates')
    .values({
      company_id: company,
      name: '계약서',
      steps: 2,
      fields: JSON.stringify([field(fieldName)]),
      pages: '[]',
      pdf_key: 'k',
      pdf_sha256: 's',
      creator_member_id: member.id,
      created_at: AT,
      updated_at: AT,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const workflow = await db
    .insertInto('workflows')
    .values({
      company_id: company,
      template_id: template.id,
      name: '근로계약',
      status: 'Playing',
      type: 'WEBTYPE',
      current_step: 1,
      total_steps: 2,
      starter_member_id: member.id,
      language: 'ko-KR',
      comment: '',
      expires_on: null,
      expires_at: null,
      embed: 0,
      export_config: null,
      referers: '[]',
      export_seq: 0,
      version: 1,
      documents_state: 'none',
      created_at: AT,
      updated_at: AT,
      completed_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const step of [2, 1]) {
    await db
      .insertInto('players')
      .values({
        workflow_id: workflow.id,
        step,
        identity: `p${step}@example.com`,
        name: `서명자${step}`,
        mobile_number: null,
        password_hash: null,
        password_hint: null,
        language: 'ko',
        acted_at: null,
      })
      .execute();
  }
  await db.insertInto('field_values').values({ workflow_id: workflow.id, field_name: fieldName, value: '홍길동', step: 0, updated_at: AT }).execute();
  return { templateId: template.id as TemplateId, workflowId: workflow.id };
}

describe.each(testDatabases())('a workflow state on %s', (kind) => {
  const stores = scratchStores(kind);
  afterEach(() => stores.closeAll());

  it('holds the workflow, its company, players in step order, values and fields', async () => {
    const { store } = await stores.open();
    await createCompany(
      { db: store.db, clock: () => new Date(AT) },
      { id: company, name: '도장 주식회사', email: 'admin@example.com', password: 'password-1' },
    );
    const { workflowId, templateId } = await writeContract(store.db, '성명');
    const state = await loadWorkflowState(store.db, company, workflowId);
    expect(state?.company.name).toBe('도장 주식회사');
    expect(state?.template.id).toBe(templateId);
    expect(state?.players.map((p) => [p.step, p.name, p.acted_at])).toEqual([
      [1, '서명자1', null],
      [2, '서명자2', null],
    ]);
    expect(state?.values).toEqual({ 성명: '홍길동' });
    expect(state?.fields.map((f) => f.name)).toEqual(['성명']);
    expect(await loadWorkflowState(store.db, toCompanyId('other'), workflowId)).toBeNull();
  });

  it('never answers a template read in a transaction that was rolled back', async () => {
    const { store } = await stores.open();
    await createCompany({ db: store.db, clock: () => new Date(AT) }, { id: company, name: '도장', email: 'admin@example.com', password: 'password-1' });
    const rolledBack = new Error('rolled back');
    let first: TemplateId | null = null;
    await expect(
      store.db.transaction().execute(async (trx) => {
        const written = await writeContract(trx, '처음');
        first = written.templateId;
        expect((await loadWorkflowState(trx, company, written.workflowId))?.fields[0]?.name).toBe('처음');
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
    const { workflowId, templateId } = await writeContract(store.db, '다음');
    // SQLite hands the rolled-back id out again, with the same updated_at here.
    if (kind === 'sqlite') expect(templateId).toBe(first);
    expect((await loadWorkflowState(store.db, company, workflowId))?.fields[0]?.name).toBe('다음');
  });
});
