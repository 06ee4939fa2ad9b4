// Which addresses an export may be sent to: only public unicast ones, so that an integrator's URL
// cannot reach into the server's own network.
// ipaddr.js's range() does most of the work; the explicit lists below pin the ranges we
// care about so that a library upgrade cannot quietly open one, and cover what range()
// calls 'unicast' but is not public (IPv4-compatible IPv6, anything outside 2000::/3).

import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

export type AddressRange =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'unique-local'
  | 'site-local'
  | 'carrier-grade-nat'
  | 'multicast'
  | 'broadcast'
  | 'unspecified'
  | 'documentation'
  | 'benchmarking'
  | 'ipv4-compatible'
  | 'reserved'
  | 'invalid';

/** How an IPv6 address carries an IPv4 address that the packets finally reach. */
export type EmbeddingForm = 'IPv4-mapped' | 'NAT64' | '6to4' | 'Teredo';

export interface AddressClassification {
  range: AddressRange;
  /** Set when the verdict comes from an IPv4 address embedded in an IPv6 one. */
  embedded?: { form: EmbeddingForm; address: string };
}

type Cidr = readonly [string, AddressRange];

// Order matters where ranges nest: the first match names the range.
const IPV4_REFUSED: readonly Cidr[] = [
  ['255.255.255.255/32', 'broadcast'],
  ['0.0.0.0/8', 'unspecified'],
  ['10.0.0.0/8', 'private'],
  ['100.64.0.0/10', 'carrier-grade-nat'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['172.16.0.0/12', 'private'],
  ['192.0.0.0/24', 'reserved'],
  ['192.0.2.0/24', 'documentation'],
  ['192.88.99.0/24', 'reserved'],
  ['192.168.0.0/16', 'private'],
  ['198.18.0.0/15', 'benchmarking'],
  ['198.51.100.0/24', 'documentation'],
  ['203.0.113.0/24', 'documentation'],
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved'],
];

const IPV6_REFUSED: readonly Cidr[] = [
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  // Deprecated IPv4-compatible addresses (::a.b.c.d), never a real destination.
  ['::/96', 'ipv4-compatible'],
  ['::ffff:0:0:0/96', 'reserved'],
  ['64:ff9b:1::/48', 'reserved'],
  ['100::/64', 'reserved'],
  ['2001:2::/48', 'benchmarking'],
  ['2001:db8::/32', 'documentation'],
  ['3fff::/20', 'documentation'],
  ['5f00::/16', 'reserved'],
  ['fc00::/7', 'unique-local'],
  ['fe80::/10', 'link-local'],
  ['fec0::/10', 'site-local'],
  ['ff00::/8', 'multicast'],
];

const IPV6_GLOBAL_UNICAST = ipaddr.IPv6.parseCIDR('2000::/3');

const IPV4_RANGE_NAMES: Partial<Record<ReturnType<ipaddr.IPv4['range']>, AddressRange>> = {
  unspecified: 'unspecified',
  broadcast: 'broadcast',
  multicast: 'multicast',
  linkLocal: 'link-local',
  loopback: 'loopback',
  carrierGradeNat: 'carrier-grade-nat',
  private: 'private',
  benchmarking: 'benchmarking',
};

const IPV6_RANGE_NAMES: Partial<Record<ReturnType<ipaddr.IPv6['range']>, AddressRange>> = {
  unspecified: 'unspecified',
  linkLocal: 'link-local',
  multicast: 'multicast',
  loopback: 'loopback',
  uniqueLocal: 'unique-local',
  benchmarking: 'benchmarking',
};

function parseCidrs<T extends ipaddr.IPv4 | ipaddr.IPv6>(
  list: readonly Cidr[],
  parse: (cidr: string) => [T, number],
): ReadonlyArray<{ range: [T, number]; name: AddressRange }> {
  return list.map(([cidr, name]) => ({ range: parse(cidr), name }));
}

const IPV4_REFUSED_RANGES = parseCidrs(IPV4_REFUSED, (c) => ipaddr.IPv4.parseCIDR(c));
const IPV6_REFUSED_RANGES = parseCidrs(IPV6_REFUSED, (c) => ipaddr.IPv6.parseCIDR(c));

/**
 * Parses an address as the resolver or a URL's host gives it: canonical dotted-quad IPv4
 * or IPv6 without a zone id. Shorthand forms like `127.1` are not addresses here (the
 * WHATWG URL parser has already turned them into dotted quads).
 */
export function parseIpAddress(ip: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const bare = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
  if (bare.includes('%')) return null;
  const version = isIP(bare);
  if (version === 4) return ipaddr.IPv4.parse(bare);
  if (version !== 6) return null;
  // ipaddr.js reads `::a.b.c.d` as IPv4-mapped; the URL parser's canonical form (`::808:808`)
  // keeps IPv4-compatible and IPv4-mapped addresses apart.
  return ipaddr.IPv6.parse(new URL(`http://[${bare}]/`).hostname.slice(1, -1));
}

/** An IPv4-mapped IPv6 address (`::ffff:a.b.c.d`) is that IPv4 address on the wire. */
export function unmapIpAddress(address: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | ipaddr.IPv6 {
  return address instanceof ipaddr.IPv6 && address.isIPv4MappedAddress() ? address.toIPv4Address() : address;
}

function classifyIpv4(address: ipaddr.IPv4): AddressRange {
  for (const { range, name } of IPV4_REFUSED_RANGES) {
    if (address.match(range)) return name;
  }
  const range = address.range();
  if (range === 'unicast') return 'public';
  return IPV4_RANGE_NAMES[range] ?? 'reserved';
}

function ipv4FromParts(high: number, low: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

/** The IPv4 addresses an IPv6 transition address leads to, if it is one. */
function embeddedIpv4(address: ipaddr.IPv6): { form: EmbeddingForm; addresses: ipaddr.IPv4[] } | null {
  const p = address.parts;
  const part = (i: number): number => p[i] ?? 0;
  switch (address.range()) {
    case 'rfc6052':
      // Only the well-known prefix 64:ff9b::/96 reaches here; 64:ff9b:1::/48 is refused above.
      return { form: 'NAT64', addresses: [ipv4FromParts(part(6), part(7))] };
    case '6to4':
      return { form: '6to4', addresses: [ipv4FromParts(part(1), part(2))] };
    case 'teredo':
      // Server address in bits 32..63, client address obfuscated (inverted) in bits 96..127.
      return {
        form: 'Teredo',
        addresses: [ipv4FromParts(part(2), part(3)), ipv4FromParts(part(6) ^ 0xffff, part(7) ^ 0xffff)],
      };
    default:
      return null;
  }
}

function classifyIpv6(address: ipaddr.IPv6): AddressClassification {
  if (address.isIPv4MappedAddress()) {
    const v4 = address.toIPv4Address();
    return { range: classifyIpv4(v4), embedded: { form: 'IPv4-mapped', address: v4.toString() } };
  }
  for (const { range, name } of IPV6_REFUSED_RANGES) {
    if (address.match(range)) return { range: name };
  }
  const embedding = embeddedIpv4(address);
  if (embedding) {
    for (const v4 of embedding.addresses) {
      const range = classifyIpv4(v4);
      if (range !== 'public') {
        return { range, embedded: { form: embedding.form, address: v4.toString() } };
      }
    }
    return { range: 'public' };
  }
  const range = address.range();
  if (range !== 'unicast') return { range: IPV6_RANGE_NAMES[range] ?? 'reserved' };
  return { range: address.match(IPV6_GLOBAL_UNICAST) ? 'public' : 'reserved' };
}

export function classifyIpAddress(address: ipaddr.IPv4 | ipaddr.IPv6): AddressClassification {
  return address instanceof ipaddr.IPv4 ? { range: classifyIpv4(address) } : classifyIpv6(address);
}

/** Classifies an address string; anything that is not a plain IPv4/IPv6 address is 'invalid'. */
export function classifyAddress(ip: string): AddressClassification {
  const address = parseIpAddress(ip);
  return address ? classifyIpAddress(address) : { range: 'invalid' };
}

export function isPublicAddress(ip: string): boolean {
  return classifyAddress(ip).range === 'public';
}

const RANGE_DESCRIPTIONS: Record<AddressRange, string> = {
  public: 'a public address',
  loopback: 'a loopback address',
  private: 'a private address',
  'link-local': 'a link-local address',
  'unique-local': 'a unique-local address',
  'site-local': 'a (deprecated) site-local address',
  'carrier-grade-nat': 'a carrier-grade NAT (100.64.0.0/10) address',
  multicast: 'a multicast address',
  broadcast: 'the broadcast address',
  unspecified: 'an unspecified address',
  documentation: 'a documentation address',
  benchmarking: 'a benchmarking address',
  'ipv4-compatible': 'a deprecated IPv4-compatible IPv6 address',
  reserved: 'a reserved, non-public address',
  invalid: 'not a valid IP address',
};

/** "a private address", or "a private address (NAT64 for 10.0.0.1)" for an embedded one. */
export function describeClassification(classification: AddressClassification): string {
  const description = RANGE_DESCRIPTIONS[classification.range];
  const { embedded } = classification;
  return embedded ? `${description} (${embedded.form} for ${embedded.address})` : description;
}
