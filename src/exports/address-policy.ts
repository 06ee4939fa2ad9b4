// The operator's say on where exports may go: public addresses always, loopback
// when not in production, and the networks listed in DOJANG_EXPORT_ALLOW_NETWORKS.

import ipaddr from 'ipaddr.js';
import { ExportConfigError } from './export-errors.ts';
import { classifyIpAddress, parseIpAddress, unmapIpAddress, type AddressClassification } from './is-public-address.ts';

export const ALLOW_NETWORKS_VARIABLE = 'DOJANG_EXPORT_ALLOW_NETWORKS';

export interface AllowedNetwork {
  /** As the operator wrote it, for messages. */
  readonly cidr: string;
  readonly range: readonly [ipaddr.IPv4 | ipaddr.IPv6, number];
}

export interface AddressPolicy {
  /** 127.0.0.0/8 and ::1; the server sets it when NODE_ENV !== 'production'. */
  readonly allowLoopback: boolean;
  readonly allowedNetworks: readonly AllowedNetwork[];
}

export type AddressCheck =
  | { readonly allowed: true; readonly address: string }
  | {
      readonly allowed: false;
      readonly address: string;
      readonly classification: AddressClassification;
    };

function parseNetwork(entry: string, variable: string): AllowedNetwork {
  const bad = (why: string): ExportConfigError => new ExportConfigError(variable, `"${entry}" ${why}; expected CIDRs like 10.0.0.0/8,fd00::/8`);
  const slash = entry.indexOf('/');
  const host = slash === -1 ? entry : entry.slice(0, slash);
  const address = parseIpAddress(host);
  if (!address) throw bad('is not an IPv4 or IPv6 network');
  const maxPrefix = address.kind() === 'ipv4' ? 32 : 128;
  const prefixText = slash === -1 ? String(maxPrefix) : entry.slice(slash + 1);
  const prefix = /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : Number.NaN;
  if (!(prefix >= 0 && prefix <= maxPrefix)) {
    throw bad(`has a prefix length outside 0..${maxPrefix}`);
  }
  // ::ffff:a.b.c.d/n+96 means the IPv4 network: addresses are compared unmapped.
  if (address instanceof ipaddr.IPv6 && address.isIPv4MappedAddress() && prefix >= 96) {
    return { cidr: entry, range: [address.toIPv4Address(), prefix - 96] };
  }
  return { cidr: entry, range: [address, prefix] };
}

/** Parses DOJANG_EXPORT_ALLOW_NETWORKS: comma-separated CIDRs (a bare address is one host). */
export function parseAllowNetworks(value: string | undefined, variable: string = ALLOW_NETWORKS_VARIABLE): AllowedNetwork[] {
  if (value === undefined) return [];
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => parseNetwork(entry, variable));
}

export function createAddressPolicy(options: {
  /** The raw value of DOJANG_EXPORT_ALLOW_NETWORKS. */
  allowNetworks?: string | undefined;
  allowLoopback: boolean;
}): AddressPolicy {
  return {
    allowLoopback: options.allowLoopback,
    allowedNetworks: parseAllowNetworks(options.allowNetworks),
  };
}

function inAllowedNetwork(address: ipaddr.IPv4 | ipaddr.IPv6, networks: readonly AllowedNetwork[]): boolean {
  return networks.some(({ range }) => range[0].kind() === address.kind() && address.match([range[0], range[1]]));
}

/** Whether an export may connect to `ip`, and if not, why. */
export function checkAddress(ip: string, policy: AddressPolicy): AddressCheck {
  const parsed = parseIpAddress(ip);
  if (!parsed) return { allowed: false, address: ip, classification: { range: 'invalid' } };
  const address = unmapIpAddress(parsed);
  if (inAllowedNetwork(address, policy.allowedNetworks)) return { allowed: true, address: ip };
  const classification = classifyIpAddress(parsed);
  if (classification.range === 'public') return { allowed: true, address: ip };
  // Loopback via NAT64 or 6to4 is someone else's loopback: only the real one is opened.
  const realLoopback = classification.range === 'loopback' && (!classification.embedded || classification.embedded.form === 'IPv4-mapped');
  if (realLoopback && policy.allowLoopback) return { allowed: true, address: ip };
  return { allowed: false, address: ip, classification };
}

export function isAllowedAddress(ip: string, policy: AddressPolicy): boolean {
  return checkAddress(ip, policy).allowed;
}
