// A company (tenant) with its first member, an admin. Used by bootstrap, the demo and the CLI.
import type { Context } from '../context.ts';
import { isEmail } from '../domain/identity.ts';
import { hashPassword } from '../security/hash-password.ts';
import { generateWebhookSecret } from '../exports/webhook-signature.ts';
import { toTimestamp } from '../domain/time.ts';
import { type CompanyId, type MemberId, toCompanyId } from '../domain/ids.ts';

export const COMPANY_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{1,63}$/;

export class AccountError extends Error {
  constructor(
    readonly code: 'invalid' | 'exists',
    message: string,
  ) {
    super(message);
  }
}

export interface NewCompany {
  id: string;
  name: string;
  email: string;
  password: string;
  memberName?: string;
  utcOffset?: string;
}

export async function createCompany(ctx: Pick<Context, 'db' | 'clock'>, company: NewCompany): Promise<void> {
  if (!COMPANY_ID.test(company.id)) throw new AccountError('invalid', 'a company id is 2-64 letters, digits, "-" or "_"');
  if (!isEmail(company.email)) throw new AccountError('invalid', `not an email address: ${company.email}`);
  if (company.password.length < 8) throw new AccountError('invalid', 'a password needs at least 8 characters');
  const id = toCompanyId(company.id);
  const passwordHash = await hashPassword(company.password);
  const now = toTimestamp(ctx.clock());
  await ctx.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('companies').select('id').where('id', '=', id).executeTakeFirst();
    if (existing) throw new AccountError('exists', `company ${company.id} already exists`);
    await trx
      .insertInto('companies')
      .values({
        id,
        name: company.name,
        utc_offset: company.utcOffset ?? '+09:00',
        webhook_secret: generateWebhookSecret(),
        webhook_secret_previous: null,
        webhook_secret_previous_until: null,
        created_at: now,
      })
      .execute();
    await trx
      .insertInto('members')
      .values({
        company_id: id,
        email: company.email.toLowerCase(),
        name: company.memberName ?? company.email.split('@')[0]!,
        password_hash: passwordHash,
        role: 'admin',
        created_at: now,
        removed_at: null,
      })
      .execute();
  });
}

export interface NewMember {
  companyId: CompanyId;
  email: string;
  password: string;
  name?: string;
  role?: 'admin' | 'member';
}

/** What is wrong with a new member's email and password, each by its field. */
export function newMemberProblems(member: Pick<NewMember, 'email' | 'password'>): { field: 'email' | 'password'; message: string }[] {
  const problems: { field: 'email' | 'password'; message: string }[] = [];
  if (!isEmail(member.email)) problems.push({ field: 'email', message: `not an email address: ${member.email}` });
  if (member.password.length < 8) problems.push({ field: 'password', message: 'a password needs at least 8 characters' });
  return problems;
}

/**
 * A member of an existing company. An email removed from the company (removed_at) is added
 * again on the same row, so the contracts and templates it started stay attributed to it.
 */
export async function addMember(ctx: Pick<Context, 'db' | 'clock'>, member: NewMember): Promise<MemberId> {
  const problem = newMemberProblems(member)[0];
  if (problem) throw new AccountError('invalid', problem.message);
  const company = await ctx.db.selectFrom('companies').select('id').where('id', '=', member.companyId).executeTakeFirst();
  if (!company) throw new AccountError('invalid', `no company ${member.companyId}`);
  const email = member.email.toLowerCase();
  const values = {
    name: member.name ?? email.split('@')[0]!,
    password_hash: await hashPassword(member.password),
    role: member.role ?? 'member',
    created_at: toTimestamp(ctx.clock()),
  };
  // Conditional writes rather than a look first: two adds of one email cannot both succeed.
  const readded = await ctx.db
    .updateTable('members')
    .set({ ...values, removed_at: null })
    .where('company_id', '=', member.companyId)
    .where('email', '=', email)
    .where('removed_at', 'is not', null)
    .returning('id')
    .executeTakeFirst();
  if (readded) return readded.id;
  const added = await ctx.db
    .insertInto('members')
    .values({ company_id: member.companyId, email, ...values, removed_at: null })
    .onConflict((oc) => oc.columns(['company_id', 'email']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!added) throw new AccountError('exists', `${member.email} is already a member of ${member.companyId}`);
  return added.id;
}
