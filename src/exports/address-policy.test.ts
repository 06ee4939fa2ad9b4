import { describe, expect, it } from 'vitest';
import { checkAddress, createAddressPolicy, isAllowedAddress, parseAllowNetworks } from './address-policy.ts';
import { ExportConfigError } from './export-errors.ts';

const closed = createAddressPolicy({ allowLoopback: false });

describe('parseAllowNetworks', () => {
  it('reads comma-separated IPv4 and IPv6 CIDRs, spaces and empty entries ignored', () => {
    const networks = parseAllowNetworks(' 10.0.0.0/8, fd00::/8,,192.168.1.7 ');
    expect(networks.map((n) => n.cidr)).toEqual(['10.0.0.0/8', 'fd00::/8', '192.168.1.7']);
    expect(networks[2]?.range[1]).toBe(32);
  });

  it('is empty when unset or blank', () => {
    expect(parseAllowNetworks(undefined)).toEqual([]);
    expect(parseAllowNetworks('')).toEqual([]);
  });

  it.each(['10.0.0.0/33', 'fd00::/129', 'example.com', '10.0.0/8', '0177.0.0.0/8', '10.0.0.0/', '10.0.0.0/x', 'fe80::%eth0/64'])(
    'refuses %j naming the variable',
    (entry) => {
      let error: unknown;
      try {
        parseAllowNetworks(`10.0.0.0/8,${entry}`);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ExportConfigError);
      const configError = error as ExportConfigError;
      expect(configError.code).toBe('EXPORT_CONFIG_INVALID');
      expect(configError.variable).toBe('DOJANG_EXPORT_ALLOW_NETWORKS');
      expect(configError.message).toContain('DOJANG_EXPORT_ALLOW_NETWORKS');
      expect(configError.message).toContain(entry);
    },
  );
});

describe('checkAddress', () => {
  it('allows public addresses and refuses the rest with the reason', () => {
    expect(isAllowedAddress('8.8.8.8', closed)).toBe(true);
    expect(checkAddress('10.0.0.5', closed)).toEqual({
      allowed: false,
      address: '10.0.0.5',
      classification: { range: 'private' },
    });
  });

  it('opens loopback, and only loopback, with allowLoopback', () => {
    const dev = createAddressPolicy({ allowLoopback: true });
    for (const ip of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1', '::ffff:7f00:1']) {
      expect(isAllowedAddress(ip, dev)).toBe(true);
      expect(isAllowedAddress(ip, closed)).toBe(false);
    }
    for (const ip of ['10.0.0.1', '::ffff:10.0.0.1', 'fd00::1', '64:ff9b::7f00:1', '::7f00:1', '0.0.0.0', '::']) {
      expect(isAllowedAddress(ip, dev)).toBe(false);
    }
  });

  it('opens the listed networks, IPv4-mapped forms included', () => {
    const policy = createAddressPolicy({
      allowLoopback: false,
      allowNetworks: '10.1.0.0/16,fd12::/16,127.0.0.0/8',
    });
    expect(isAllowedAddress('10.1.2.3', policy)).toBe(true);
    expect(isAllowedAddress('::ffff:10.1.2.3', policy)).toBe(true);
    expect(isAllowedAddress('10.2.0.1', policy)).toBe(false);
    expect(isAllowedAddress('fd12::5', policy)).toBe(true);
    expect(isAllowedAddress('fd13::5', policy)).toBe(false);
    expect(isAllowedAddress('127.0.0.1', policy)).toBe(true);
    expect(isAllowedAddress('::1', policy)).toBe(false);
  });

  it('reads an IPv4-mapped CIDR as its IPv4 network', () => {
    const policy = createAddressPolicy({
      allowLoopback: false,
      allowNetworks: '::ffff:10.0.0.0/104',
    });
    expect(isAllowedAddress('10.9.9.9', policy)).toBe(true);
  });

  it('refuses zone ids and non-canonical forms even inside an allowed network', () => {
    const policy = createAddressPolicy({ allowLoopback: true, allowNetworks: 'fe80::/10' });
    expect(isAllowedAddress('fe80::1', policy)).toBe(true);
    expect(isAllowedAddress('fe80::1%eth0', policy)).toBe(false);
    expect(isAllowedAddress('127.1', policy)).toBe(false);
  });
});
