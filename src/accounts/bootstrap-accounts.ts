// Companies that exist because the configuration says so: DOJANG_BOOTSTRAP_COMPANY with its
// first member, created at start when absent.
import type { Context } from '../context.ts';
import { createCompany } from './create-company.ts';

export async function bootstrapAccounts(ctx: Context): Promise<void> {
  const wanted = ctx.config.bootstrap;
  if (!wanted) return;
  const exists = async () => (await ctx.db.selectFrom('companies').select('id').where('id', '=', wanted.company).executeTakeFirst()) !== undefined;
  if (await exists()) return;
  try {
    await createCompany(ctx, { id: wanted.company, name: wanted.companyName ?? wanted.company, email: wanted.email, password: wanted.password });
  } catch (error) {
    // Several processes starting together on a new database: one of them made it first.
    if (await exists()) return;
    throw error;
  }
  ctx.logger.info({ company: wanted.company, email: wanted.email }, 'bootstrap company created');
}
