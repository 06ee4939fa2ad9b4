// Who may do what, decided here and checked by the services, so that every door (eSignon's API,
// Dojang's v1 API, the console) answers the same. A caller is an active member of one company,
// by an access token (1001Q, or a named token, which acts as the admin who made it) or by a
// console session. Every call of the APIs and the console is open to any member of the company,
// except what only its admins may do, below. Signers act through their signing link alone
// (signing/), and nobody anonymous reaches more than login, the signing link's page and
// document verification.
import type { Caller } from './access-tokens.ts';
import { said } from '../domain/said.ts';
import { DojangError } from '../errors.ts';

/** What only a company's admins may do, as the refusal says it. */
export type AdminAction = 'dispose of contracts' | 'rotate the webhook secret' | 'manage API tokens' | 'manage members';

export function may(caller: Pick<Caller, 'role'>, _action: AdminAction): boolean {
  return caller.role === 'admin';
}

/** Throws `forbidden` (HTTP 403; eSignon "95") unless the caller may. */
export function assertMay(caller: Pick<Caller, 'role'>, action: AdminAction): void {
  if (!may(caller, action)) throw new DojangError('forbidden', said('adminOnly', { action }));
}
