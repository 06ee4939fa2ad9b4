// The check of an export URL at start (startsimple answers its message with result_code
// "-1"). The same address check runs again at every connection, in guarded-agent.ts.

import { isIP } from 'node:net';
import type { AddressPolicy } from './address-policy.ts';
import { ExportUrlError } from './export-errors.ts';
import { assertAllowedLiteral, resolveAllowedAddresses, resolveHostWithDns, type ResolveHost } from './resolve-allowed-addresses.ts';

export const MAX_EXPORT_URL_LENGTH = 2048;

export interface CheckedExportUrl {
  url: URL;
  /** Every address the host had when checked. */
  addresses: string[];
}

/**
 * Checks the URL's form only: http(s), no credentials, no IPv6 zone id. The WHATWG parser
 * turns decimal, octal, hex and short IPv4 hosts (`2130706433`, `0177.0.0.1`, `0x7f.1`,
 * `127.1`) into dotted quads, so the address check sees what a connection would use.
 */
export function parseExportUrl(raw: string): URL {
  if (raw.length > MAX_EXPORT_URL_LENGTH) {
    throw new ExportUrlError('EXPORT_URL_INVALID', `is longer than ${MAX_EXPORT_URL_LENGTH} characters`);
  }
  if (/\[[^\]]*%/.test(raw)) {
    throw new ExportUrlError('EXPORT_URL_ZONE_ID', 'IPv6 zone identifiers (%…) are not allowed');
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ExportUrlError('EXPORT_URL_INVALID', 'is not a valid absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ExportUrlError('EXPORT_URL_SCHEME', `must be an http or https URL, not ${url.protocol}`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new ExportUrlError('EXPORT_URL_CREDENTIALS', 'must not contain a user name or password; send credentials with export_api_info.authorization');
  }
  return url;
}

/** The host of a parsed URL as an IP address, or null when it is a name. */
export function ipLiteralHost(url: URL): string | null {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return isIP(host) === 0 ? null : host;
}

/** Checks an export URL and every address its host resolves to; throws ExportUrlError. */
export async function assertExportUrl(raw: string, policy: AddressPolicy, resolve: ResolveHost = resolveHostWithDns): Promise<CheckedExportUrl> {
  const url = parseExportUrl(raw);
  const literal = ipLiteralHost(url);
  if (literal !== null) {
    assertAllowedLiteral(literal, policy);
    return { url, addresses: [literal] };
  }
  const resolved = await resolveAllowedAddresses(url.hostname, policy, resolve);
  return { url, addresses: resolved.map((r) => r.address) };
}
