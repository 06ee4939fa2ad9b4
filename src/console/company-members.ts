// A company's members, managed in the console: every member sees the list; admins add one
// (through accounts/create-company.ts's addMember, as the CLI does), change a role, remove one.
// A company always keeps an admin, and an admin does not remove themself (another admin does),
// so nobody locks a company out of its own console by mistake. Removal is soft (members.removed_at,
// migration 0007): contracts and templates keep who started or made them; the member can no
// longer log in, their API tokens are revoked and their console sessions end at once.
import type { Transaction } from 'kysely';
import { AccountError, addMember, newMemberProblems } from '../accounts/create-company.ts';
import type { Caller } from '../accounts/access-tokens.ts';
import type { Context } from '../context.ts';
import { fieldProblem, type FieldProblem } from '../domain/field-values.ts';
import type { CompanyId, MemberId } from '../domain/ids.ts';
import { said } from '../domain/said.ts';
import { toTimestamp } from '../domain/time.ts';
import { DojangError } from '../errors.ts';
import type { Database } from '../store/schema.ts';
import { assertMay } from '../accounts/permissions.ts';
import type { CompanyMember, MemberRole } from './console-answers.ts';

export const MEMBER_ROLES = ['admin', 'member'] as const;

const COLUMNS = ['id', 'email', 'name', 'role', 'created_at'] as const;

/** The company's current members, oldest first (never their password hashes). */
export async function listCompanyMembers(ctx: Pick<Context, 'db'>, caller: Caller): Promise<CompanyMember[]> {
  return ctx.db.selectFrom('members').select(COLUMNS).where('company_id', '=', caller.companyId).where('removed_at', 'is', null).orderBy('id').execute();
}

export async function addCompanyMember(
  ctx: Pick<Context, 'db' | 'clock'>,
  caller: Caller,
  input: { email: string; name: string; role: MemberRole; password: string },
): Promise<CompanyMember> {
  assertMay(caller, 'manage members');
  const email = input.email.trim().toLowerCase();
  const name = input.name.trim();
  const problems: FieldProblem[] = newMemberProblems({ email, password: input.password }).map((p) =>
    fieldProblem(p.field, p.field === 'email' ? said('memberEmailInvalid', { email }) : said('memberPasswordTooShort')),
  );
  if (name === '' || name.length > 100) problems.push(fieldProblem('name', said('nameLength')));
  if (problems.length > 0) throw DojangError.invalid(problems);
  let id: MemberId;
  try {
    id = await addMember(ctx, { companyId: caller.companyId, email, name, role: input.role, password: input.password });
  } catch (error) {
    if (error instanceof AccountError && error.code === 'exists') {
      throw new DojangError('conflict', said('alreadyMember', { email }), [fieldProblem('email', said('alreadyMemberEmail', { email }))]);
    }
    throw error;
  }
  return ctx.db.selectFrom('members').select(COLUMNS).where('id', '=', id).executeTakeFirstOrThrow();
}

export async function changeMemberRole(ctx: Pick<Context, 'db' | 'dialect'>, caller: Caller, memberId: MemberId, role: MemberRole): Promise<CompanyMember> {
  assertMay(caller, 'manage members');
  return ctx.db.transaction().execute(async (trx) => {
    const member = await lockedMember(trx, ctx.dialect, caller.companyId, memberId);
    if (member.role === 'admin' && role !== 'admin') await assertAnotherAdmin(trx, caller.companyId, memberId, 'demote');
    if (member.role !== role) await trx.updateTable('members').set({ role }).where('id', '=', memberId).execute();
    return { ...member, role };
  });
}

export async function removeCompanyMember(ctx: Pick<Context, 'db' | 'dialect' | 'clock'>, caller: Caller, memberId: MemberId): Promise<void> {
  assertMay(caller, 'manage members');
  const now = toTimestamp(ctx.clock());
  await ctx.db.transaction().execute(async (trx) => {
    const member = await lockedMember(trx, ctx.dialect, caller.companyId, memberId);
    if (member.id === caller.memberId) {
      throw new DojangError('state', said('cannotRemoveSelf'));
    }
    if (member.role === 'admin') await assertAnotherAdmin(trx, caller.companyId, memberId, 'remove');
    await trx.updateTable('members').set({ removed_at: now }).where('id', '=', memberId).execute();
    await trx.updateTable('access_tokens').set({ revoked_at: now }).where('member_id', '=', memberId).where('revoked_at', 'is', null).execute();
    await trx.deleteFrom('console_sessions').where('member_id', '=', memberId).execute();
  });
}

/**
 * A current member of the caller's company, after taking the company's row: on PostgreSQL two
 * admins demoting each other at once are served one after the other, so one of them stays admin.
 * (SQLite runs one transaction at a time anyway.)
 */
async function lockedMember(trx: Transaction<Database>, dialect: Context['dialect'], companyId: CompanyId, memberId: MemberId): Promise<CompanyMember> {
  await trx
    .selectFrom('companies')
    .select('id')
    .where('id', '=', companyId)
    .$if(dialect === 'postgres', (q) => q.forUpdate())
    .executeTakeFirst();
  const member = await trx
    .selectFrom('members')
    .select(COLUMNS)
    .where('id', '=', memberId)
    .where('company_id', '=', companyId)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  if (!member) throw new DojangError('not-found', said('noMember'));
  return member;
}

async function assertAnotherAdmin(trx: Transaction<Database>, companyId: CompanyId, memberId: MemberId, what: 'demote' | 'remove'): Promise<void> {
  const other = await trx
    .selectFrom('members')
    .select('id')
    .where('company_id', '=', companyId)
    .where('role', '=', 'admin')
    .where('removed_at', 'is', null)
    .where('id', '!=', memberId)
    .executeTakeFirst();
  if (other) return;
  throw new DojangError('state', said(what === 'demote' ? 'lastAdminDemote' : 'lastAdminRemove'));
}
