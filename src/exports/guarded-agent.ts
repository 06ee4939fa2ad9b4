// The HTTP dispatcher every export goes through. It resolves the host itself, checks every
// address against the policy, and hands the socket only the checked addresses, so a DNS
// answer that changes between assertExportUrl and the connection (rebinding) gains nothing.
// The request keeps the original host name: Host header, TLS SNI and certificate check.
// undici dispatchers never follow redirects unless given a redirect interceptor; this one has none.

import type { LookupAddress, LookupOptions } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import { Agent, buildConnector } from 'undici';
import type { AddressPolicy } from './address-policy.ts';
import { assertAllowedLiteral, resolveAllowedAddresses, resolveHostWithDns, type ResolveHost, type ResolvedAddress } from './resolve-allowed-addresses.ts';

export interface GuardedAgentOptions {
  policy: AddressPolicy;
  /** Injectable for tests; the system resolver by default. */
  resolve?: ResolveHost;
  /** Sockets per origin (scheme, host, port); further requests wait for one. Default 8. */
  connectionsPerOrigin?: number;
  /** Default 10 s. */
  connectTimeoutMs?: number;
  /** Default 4 s. */
  keepAliveTimeoutMs?: number;
  /** Extra TLS options, e.g. `ca` to trust a private certificate authority. */
  tls?: Pick<ConnectionOptions, 'ca' | 'rejectUnauthorized' | 'minVersion'>;
}

export const DEFAULT_CONNECTIONS_PER_ORIGIN = 8;

function errnoError(message: string, code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

function lookupFamily(options: LookupOptions): number {
  return options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : (options.family ?? 0);
}

/** A `net.connect` lookup that answers only addresses the policy allows. */
function guardedLookup(policy: AddressPolicy, resolve: ResolveHost): LookupFunction {
  return (hostname, options, callback) => {
    const family = lookupFamily(options);
    resolveAllowedAddresses(hostname, policy, resolve).then(
      (resolved: ResolvedAddress[]) => {
        const usable = family === 0 ? resolved : resolved.filter((r) => r.family === family);
        const first = usable[0];
        if (!first) {
          callback(errnoError(`host ${hostname} has no IPv${family} address`, 'ENOTFOUND'), '', 0);
        } else if (options.all) {
          const all: LookupAddress[] = usable.map(({ address, family: f }) => ({
            address,
            family: f,
          }));
          callback(null, all);
        } else {
          callback(null, first.address, first.family);
        }
      },
      (error: Error) => callback(error, '', 0),
    );
  };
}

/** Literal IP hosts never reach a lookup function, so they are checked before connecting. */
function guardedConnector(policy: AddressPolicy, connect: buildConnector.connector): buildConnector.connector {
  return (options, callback) => {
    const host = options.hostname.replace(/^\[(.*)\]$/, '$1');
    if (isIP(host) !== 0) {
      try {
        assertAllowedLiteral(host, policy);
      } catch (error) {
        callback(error as Error, null);
        return;
      }
    }
    connect(options, callback);
  };
}

/** An undici Agent that connects only to addresses the policy allows. */
export class GuardedAgent extends Agent {
  readonly policy: AddressPolicy;

  constructor(options: GuardedAgentOptions) {
    const connect = buildConnector({
      ...options.tls,
      timeout: options.connectTimeoutMs ?? 10_000,
      lookup: guardedLookup(options.policy, options.resolve ?? resolveHostWithDns),
    });
    super({
      connect: guardedConnector(options.policy, connect),
      connections: options.connectionsPerOrigin ?? DEFAULT_CONNECTIONS_PER_ORIGIN,
      pipelining: 1,
      keepAliveTimeout: options.keepAliveTimeoutMs ?? 4_000,
    });
    this.policy = options.policy;
  }
}
