// The HTTP agents every export goes through. They resolve the host themselves, check every
// address against the policy, and hand the socket only the checked addresses, so a DNS answer
// that changes between assertExportUrl and the connection (rebinding) gains nothing. The
// request keeps the original host name: Host header, TLS SNI and certificate check. Node's
// HTTP client never follows redirects.
//
// Node's own agents rather than undici's: undici writes a request on a kept-alive socket only
// in the event loop's check phase after it was asked to (so that bytes the server sent
// unasked are seen first), and on a loop busy with approvals that is the rest of a long turn.
// Under the exports bench's burst an export waited 6 ms on average for its socket that way,
// the 8 exports a receiver may have in flight fell behind the approvals, and 1% of exports
// reached the receiver over 1.0-1.5 s after their approval (0.3-0.5 s through these agents).
// Bytes a receiver sends unasked, with an answer or on an idle connection, are not taken for
// the next answer either (deliver-export.test.ts sends both), and a connection goes to one
// origin only. Node's client costs more CPU per request (~50 us here, the headers given as a
// list, against undici's ~35).

import type { LookupAddress, LookupOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import type { AddressPolicy } from './address-policy.ts';
import { ipLiteralHost } from './assert-export-url.ts';
import { assertAllowedLiteral, resolveAllowedAddresses, resolveHostWithDns, type ResolveHost, type ResolvedAddress } from './resolve-allowed-addresses.ts';

export interface GuardedAgentOptions {
  policy: AddressPolicy;
  /** Injectable for tests; the system resolver by default. */
  resolve?: ResolveHost;
  /** Sockets per origin (scheme, host, port); further requests wait for one. Default 8. */
  connectionsPerOrigin?: number;
  /** How long an idle kept-alive socket stays open. Default 4 s. */
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

/** Node's HTTP and HTTPS agents, kept alive, connecting only to addresses the policy allows. */
export class GuardedAgent {
  private readonly policy: AddressPolicy;
  /** Per URL scheme: the request function and the agent of its sockets. */
  private readonly schemes: ReadonlyMap<string, { request: typeof http.request; agent: http.Agent }>;

  constructor(options: GuardedAgentOptions) {
    this.policy = options.policy;
    const common = {
      keepAlive: true,
      maxSockets: options.connectionsPerOrigin ?? DEFAULT_CONNECTIONS_PER_ORIGIN,
      // An agent's timeout is its sockets' idle time: a free socket past it is closed.
      timeout: options.keepAliveTimeoutMs ?? 4_000,
      // The socket used last is warm, and one the receiver has not closed yet.
      scheduling: 'lifo' as const,
      lookup: guardedLookup(options.policy, options.resolve ?? resolveHostWithDns),
    };
    this.schemes = new Map([
      ['http:', { request: http.request, agent: new http.Agent(common) }],
      ['https:', { request: https.request, agent: new https.Agent({ ...common, ...options.tls }) }],
    ]);
  }

  /**
   * Starts a request to `url` (http or https) through the agent for its scheme, with Host and
   * `headers` (names and values in turn, checked by Node as an object's would be, at less than
   * half the cost); the caller writes the body and ends it. IP literals never reach a lookup,
   * so they are checked here: a refused one throws ExportUrlError before anything is sent, as a
   * header Node refuses throws.
   */
  request(url: URL, method: string, headers: readonly string[]): http.ClientRequest {
    const scheme = this.schemes.get(url.protocol);
    if (!scheme) throw new Error(`not an http or https URL: ${url.protocol}`);
    const literal = ipLiteralHost(url);
    if (literal !== null) assertAllowedLiteral(literal, this.policy);
    return scheme.request({
      host: literal ?? url.hostname,
      ...(url.port === '' ? {} : { port: Number(url.port) }),
      path: `${url.pathname}${url.search}`,
      method,
      headers: ['host', url.host, ...headers],
      agent: scheme.agent,
    });
  }

  /** Closes every socket, idle or in use. */
  async close(): Promise<void> {
    for (const { agent } of this.schemes.values()) agent.destroy();
  }
}
