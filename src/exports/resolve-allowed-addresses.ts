// Resolve a host name and check every address it has: one refused address refuses the
// host, since the connection could go to any of them.

import { promises as dns } from 'node:dns';
import { ALLOW_NETWORKS_VARIABLE, checkAddress, type AddressPolicy } from './address-policy.ts';
import { ExportUrlError } from './export-errors.ts';
import { describeClassification, type AddressClassification } from './is-public-address.ts';

export interface ResolvedAddress {
  address: string;
  /** 4 or 6. */
  family: number;
}

/** Resolves a host name to all its addresses; `dns.promises.lookup(host, { all: true })` by default. */
export type ResolveHost = (hostname: string) => Promise<readonly ResolvedAddress[]>;

export const resolveHostWithDns: ResolveHost = (hostname) => dns.lookup(hostname, { all: true });

function howToAllow(classification: AddressClassification): string {
  return classification.range === 'invalid' ? '' : `; allow it with ${ALLOW_NETWORKS_VARIABLE}`;
}

/** Throws unless the IP literal `address` (a URL host) is allowed. */
export function assertAllowedLiteral(address: string, policy: AddressPolicy): void {
  const check = checkAddress(address, policy);
  if (check.allowed) return;
  throw new ExportUrlError('EXPORT_ADDRESS_REFUSED', `host ${address} is ${describeClassification(check.classification)}${howToAllow(check.classification)}`);
}

/** Resolves `hostname` and returns its addresses if every one of them is allowed. */
export async function resolveAllowedAddresses(hostname: string, policy: AddressPolicy, resolve: ResolveHost = resolveHostWithDns): Promise<ResolvedAddress[]> {
  let resolved: readonly ResolvedAddress[];
  try {
    resolved = await resolve(hostname);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const why = typeof code === 'string' ? ` (${code})` : '';
    throw new ExportUrlError('EXPORT_URL_UNRESOLVABLE', `host ${hostname} could not be resolved${why}`);
  }
  if (resolved.length === 0) {
    throw new ExportUrlError('EXPORT_URL_UNRESOLVABLE', `host ${hostname} has no addresses`);
  }
  for (const { address } of resolved) {
    const check = checkAddress(address, policy);
    if (!check.allowed) {
      throw new ExportUrlError(
        'EXPORT_ADDRESS_REFUSED',
        `host ${hostname} resolves to ${address}, ${describeClassification(check.classification)}${howToAllow(check.classification)}`,
      );
    }
  }
  return [...resolved];
}
