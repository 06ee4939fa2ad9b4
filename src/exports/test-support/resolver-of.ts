// A resolver answering from a table, so tests choose what a name resolves to without DNS.

import type { ResolveHost } from '../resolve-allowed-addresses.ts';

export function resolverOf(table: Record<string, string[]>): ResolveHost {
  return async (hostname) => {
    const addresses = table[hostname];
    if (!addresses) {
      throw Object.assign(new Error(`no such host ${hostname}`), { code: 'ENOTFOUND' });
    }
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
}
