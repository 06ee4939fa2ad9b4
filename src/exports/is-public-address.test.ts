import { describe, expect, it } from 'vitest';
import { classifyAddress, describeClassification, isPublicAddress } from './is-public-address.ts';

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.5', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'carrier-grade-nat'],
    ['100.127.255.255', 'carrier-grade-nat'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['192.0.2.10', 'documentation'],
    ['198.51.100.10', 'documentation'],
    ['203.0.113.10', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
    ['198.19.255.255', 'benchmarking'],
    ['240.0.0.1', 'reserved'],
    ['192.0.0.8', 'reserved'],
    ['192.88.99.1', 'reserved'],
    ['192.175.48.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['fc00::1', 'unique-local'],
    ['fd00::1', 'unique-local'],
    ['fec0::1', 'site-local'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['3fff::1', 'documentation'],
    ['2001:2::1', 'benchmarking'],
    ['100::1', 'reserved'],
    ['::7f00:1', 'ipv4-compatible'],
    ['::8.8.8.8', 'ipv4-compatible'],
    ['::ffff:0:a00:1', 'reserved'],
    ['64:ff9b:1::1', 'reserved'],
    ['4000::1', 'reserved'],
    ['2620:4f:8000::1', 'reserved'],
  ])('%s is %s', (ip, range) => {
    expect(classifyAddress(ip).range).toBe(range);
    expect(isPublicAddress(ip)).toBe(false);
  });

  it.each([
    ['::ffff:127.0.0.1', 'loopback', 'IPv4-mapped', '127.0.0.1'],
    ['::ffff:7f00:1', 'loopback', 'IPv4-mapped', '127.0.0.1'],
    ['::ffff:10.0.0.1', 'private', 'IPv4-mapped', '10.0.0.1'],
    ['::ffff:169.254.169.254', 'link-local', 'IPv4-mapped', '169.254.169.254'],
    ['64:ff9b::10.0.0.1', 'private', 'NAT64', '10.0.0.1'],
    ['64:ff9b::7f00:1', 'loopback', 'NAT64', '127.0.0.1'],
    ['2002:a00:1::1', 'private', '6to4', '10.0.0.1'],
    ['2002:7f00:1::', 'loopback', '6to4', '127.0.0.1'],
    // Teredo server 10.0.0.1, client obfuscated.
    ['2001:0:a00:1::f7f7:f7f7', 'private', 'Teredo', '10.0.0.1'],
    // Teredo server public, client 127.0.0.1 (inverted: 80ff:fffe).
    ['2001:0:808:808::80ff:fffe', 'loopback', 'Teredo', '127.0.0.1'],
  ])('%s embeds a %s address', (ip, range, form, embedded) => {
    expect(classifyAddress(ip)).toEqual({ range, embedded: { form, address: embedded } });
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '93.184.215.14',
    '172.15.255.255',
    '172.32.0.1',
    '100.63.255.255',
    '100.128.0.1',
    '2606:4700:4700::1111',
    '2a00:1450:4001:82a::200e',
    '64:ff9b::8.8.8.8',
    '2002:808:808::1',
    '::ffff:8.8.8.8',
  ])('%s is public', (ip) => {
    expect(isPublicAddress(ip)).toBe(true);
  });

  it.each(['127.1', '2130706433', '0x7f.0.0.1', 'localhost', 'fe80::1%eth0', '', '1.2.3.4.5'])('%j is not an address', (ip) => {
    expect(classifyAddress(ip).range).toBe('invalid');
  });

  it('accepts a bracketed IPv6 address as a URL hostname gives it', () => {
    expect(classifyAddress('[::1]').range).toBe('loopback');
  });

  it('describes embedded addresses', () => {
    expect(describeClassification(classifyAddress('64:ff9b::10.0.0.1'))).toBe('a private address (NAT64 for 10.0.0.1)');
    expect(describeClassification(classifyAddress('10.0.0.1'))).toBe('a private address');
  });
});
