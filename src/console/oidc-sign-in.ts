// Who a sign-in through the company's OpenID provider is, in Dojang: the member bound to the
// provider's issuer and subject; at a first sign-in, the active member with the ID token's
// verified email (then bound, so that an email changed or reused at the provider later does
// not move the account); or, for an allowed email domain, a new member (role member). Only
// in the one company the provider is configured for.
import { randomBytes } from 'node:crypto';
import { hashPassword } from '../security/hash-password.ts';
import type { OidcConfig } from '../config.ts';
import type { Context } from '../context.ts';
import type { MemberId } from '../domain/ids.ts';
import { toTimestamp } from '../domain/time.ts';
import type { OidcRefusal } from './console-answers.ts';

/** What the provider said about the person, from the ID token (and userinfo for what it lacks). */
export interface OidcIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}

/** Who to let in, or why a sign-in is refused (the console says each in its languages). */
export type OidcMemberOutcome = { kind: 'ok'; memberId: MemberId; created: boolean } | { kind: 'refused'; reason: OidcRefusal };

export async function memberForIdentity(ctx: Pick<Context, 'db' | 'clock'>, oidc: OidcConfig, identity: OidcIdentity): Promise<OidcMemberOutcome> {
  const bound = await ctx.db
    .selectFrom('members')
    .select(['id', 'removed_at'])
    .where('company_id', '=', oidc.company)
    .where('oidc_issuer', '=', identity.issuer)
    .where('oidc_subject', '=', identity.subject)
    .executeTakeFirst();
  if (bound) return bound.removed_at === null ? { kind: 'ok', memberId: bound.id, created: false } : { kind: 'refused', reason: 'member-removed' };

  // A first sign-in: matched by email, which the provider must have verified.
  if (!identity.email || !identity.emailVerified) return { kind: 'refused', reason: 'email-unverified' };
  const email = identity.email.trim().toLowerCase();
  const member = await ctx.db
    .selectFrom('members')
    .select(['id', 'removed_at', 'oidc_subject'])
    .where('company_id', '=', oidc.company)
    .where('email', '=', email)
    .executeTakeFirst();
  if (member) {
    // A member an admin removed stays removed, whatever the provider says.
    if (member.removed_at !== null) return { kind: 'refused', reason: 'member-removed' };
    if (member.oidc_subject !== null) return { kind: 'refused', reason: 'bound-elsewhere' };
    const bind = await ctx.db
      .updateTable('members')
      .set({ oidc_issuer: identity.issuer, oidc_subject: identity.subject })
      .where('id', '=', member.id)
      .where('oidc_subject', 'is', null)
      .executeTakeFirst();
    // Two first sign-ins at once with different subjects: only one binds.
    if (Number(bind.numUpdatedRows) === 0) return { kind: 'refused', reason: 'bound-elsewhere' };
    return { kind: 'ok', memberId: member.id, created: false };
  }

  const domain = email.slice(email.lastIndexOf('@') + 1);
  if (!oidc.allowedDomains.includes(domain)) return { kind: 'refused', reason: 'not-a-member' };
  // DOJANG_OIDC_COMPANY names a company that was never made (or not yet): nobody to join.
  const company = await ctx.db.selectFrom('companies').select('id').where('id', '=', oidc.company).executeTakeFirst();
  if (!company) return { kind: 'refused', reason: 'not-a-member' };
  // A password nobody knows: this member signs in through the provider (an admin may set one for 1001Q).
  const created = await ctx.db
    .insertInto('members')
    .values({
      company_id: oidc.company,
      email,
      name: identity.name?.trim() || email.split('@')[0]!,
      password_hash: await hashPassword(randomBytes(32).toString('base64url')),
      role: 'member',
      created_at: toTimestamp(ctx.clock()),
      removed_at: null,
      oidc_issuer: identity.issuer,
      oidc_subject: identity.subject,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!created) return { kind: 'refused', reason: 'bound-elsewhere' };
  return { kind: 'ok', memberId: created.id, created: true };
}
