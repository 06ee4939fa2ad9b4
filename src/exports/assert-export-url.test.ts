import { describe, expect, it } from 'vitest';
import { createAddressPolicy } from './address-policy.ts';
import { assertExportUrl } from './assert-export-url.ts';
import { ExportUrlError, type ExportUrlErrorCode } from './export-errors.ts';
import { resolveHostWithDns, type ResolveHost } from './resolve-allowed-addresses.ts';
import { resolverOf } from './test-support/resolver-of.ts';

const production = createAddressPolicy({ allowLoopback: false });
const development = createAddressPolicy({ allowLoopback: true });

const publicResolver = resolverOf({
  'hooks.example.com': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
});

async function refusal(url: string, policy = production, resolve: ResolveHost = publicResolver): Promise<ExportUrlError> {
  const error: unknown = await assertExportUrl(url, policy, resolve).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ExportUrlError)) throw new Error(`${url} was not refused`);
  return error;
}

async function expectRefused(url: string, code: ExportUrlErrorCode, policy = production, resolve?: ResolveHost): Promise<ExportUrlError> {
  const error = await refusal(url, policy, resolve);
  expect(error.code).toBe(code);
  expect(error.message.startsWith('export_api_info.url: ')).toBe(true);
  return error;
}

describe('assertExportUrl', () => {
  it('accepts a public https URL and returns every resolved address', async () => {
    const checked = await assertExportUrl('https://hooks.example.com/dojang?x=1', production, publicResolver);
    expect(checked.url.href).toBe('https://hooks.example.com/dojang?x=1');
    expect(checked.addresses).toEqual(['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c']);
  });

  it('accepts a public IP literal without resolving it', async () => {
    const checked = await assertExportUrl('http://8.8.8.8:8080/x', production, resolverOf({}));
    expect(checked.addresses).toEqual(['8.8.8.8']);
  });

  it.each(['ftp://hooks.example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'ws://hooks.example.com/'])('refuses the scheme of %s', async (url) => {
    await expectRefused(url, 'EXPORT_URL_SCHEME');
  });

  it.each(['not a url', '/relative/path', 'http://', 'http://256.1.1.1/', `https://hooks.example.com/${'a'.repeat(2100)}`])(
    'refuses the malformed %j',
    async (url) => {
      await expectRefused(url, 'EXPORT_URL_INVALID');
    },
  );

  it.each(['https://user:pass@hooks.example.com/', 'https://user@hooks.example.com/', 'https://:pw@hooks.example.com/'])(
    'refuses credentials in %s',
    async (url) => {
      await expectRefused(url, 'EXPORT_URL_CREDENTIALS');
    },
  );

  it('names the address, its range and the variable that opens it', async () => {
    const error = await expectRefused('http://10.0.0.5/hook', 'EXPORT_ADDRESS_REFUSED');
    expect(error.message).toBe('export_api_info.url: host 10.0.0.5 is a private address; allow it with DOJANG_EXPORT_ALLOW_NETWORKS');
  });

  it.each([
    ['http://127.0.0.1/', 'loopback'],
    ['http://10.1.2.3/', 'private'],
    ['http://172.16.5.4/', 'private'],
    ['http://192.168.0.1/', 'private'],
    ['http://169.254.169.254/latest/meta-data/', 'link-local'],
    ['http://100.64.0.1/', 'carrier-grade NAT'],
    ['http://0.0.0.0/', 'unspecified'],
    ['http://0/', 'unspecified'],
    ['http://224.0.0.1/', 'multicast'],
    ['http://255.255.255.255/', 'broadcast'],
    ['http://192.0.2.1/', 'documentation'],
    ['http://198.18.0.1/', 'benchmarking'],
    ['http://240.0.0.1/', 'reserved'],
    // Numeric IPv4 forms, normalised by the URL parser.
    ['http://2130706433/', 'host 127.0.0.1 is a loopback'],
    ['http://0177.0.0.1/', 'host 127.0.0.1 is a loopback'],
    ['http://0x7f.1/', 'host 127.0.0.1 is a loopback'],
    ['http://0x7f000001/', 'host 127.0.0.1 is a loopback'],
    ['http://127.1/', 'host 127.0.0.1 is a loopback'],
    ['http://017700000001/', 'host 127.0.0.1 is a loopback'],
    ['http://%31%32%37.0.0.1/', 'host 127.0.0.1 is a loopback'],
    ['http://１２７.０.０.１/', 'host 127.0.0.1 is a loopback'],
    ['http://10.1/', 'host 10.0.0.1 is a private'],
    ['http://167772161/', 'host 10.0.0.1 is a private'],
    // IPv6 forms.
    ['http://[::1]/', 'host ::1 is a loopback'],
    ['http://[0:0:0:0:0:0:0:1]:8080/', 'host ::1 is a loopback'],
    ['http://[fd00::1]/', 'unique-local'],
    ['http://[fe80::1]/', 'link-local'],
    ['http://[::ffff:127.0.0.1]/', 'host ::ffff:7f00:1 is a loopback address (IPv4-mapped for 127.0.0.1)'],
    ['http://[::ffff:7f00:1]/', 'IPv4-mapped for 127.0.0.1'],
    ['http://[::ffff:10.0.0.1]/', 'a private address (IPv4-mapped for 10.0.0.1)'],
    ['http://[::127.0.0.1]/', 'IPv4-compatible'],
    ['http://[64:ff9b::10.0.0.1]/', 'NAT64 for 10.0.0.1'],
    ['http://[2002:a9fe:a9fe::1]/', '6to4 for 169.254.169.254'],
    ['http://[::]/', 'unspecified'],
  ])('refuses %s (%s)', async (url, expected) => {
    const error = await expectRefused(url, 'EXPORT_ADDRESS_REFUSED');
    expect(error.message).toContain(expected);
  });

  it('refuses IPv6 zone ids', async () => {
    await expectRefused('http://[fe80::1%25eth0]/', 'EXPORT_URL_ZONE_ID', development);
    await expectRefused('http://[fe80::1%eth0]:80/', 'EXPORT_URL_ZONE_ID', development);
  });

  it.each([['127.0.0.1'], ['10.0.0.9'], ['::ffff:10.0.0.1'], ['::1'], ['fd00::7']])('refuses a host name that resolves to %s', async (address) => {
    const error = await expectRefused('https://sneaky.example.net/hook', 'EXPORT_ADDRESS_REFUSED', production, resolverOf({ 'sneaky.example.net': [address] }));
    expect(error.message).toContain(`host sneaky.example.net resolves to ${address}, a`);
    expect(error.message).toContain('DOJANG_EXPORT_ALLOW_NETWORKS');
  });

  it('refuses a host name when any one of its addresses is refused', async () => {
    const resolve = resolverOf({ 'mixed.example.net': ['93.184.215.14', '10.0.0.1'] });
    const error = await expectRefused('https://mixed.example.net/', 'EXPORT_ADDRESS_REFUSED', production, resolve);
    expect(error.message).toContain('10.0.0.1');
  });

  it('refuses a host name that does not resolve', async () => {
    const error = await expectRefused('https://nowhere.example.net/', 'EXPORT_URL_UNRESOLVABLE');
    expect(error.message).toBe('export_api_info.url: host nowhere.example.net could not be resolved (ENOTFOUND)');
    await expectRefused('https://empty.example.net/', 'EXPORT_URL_UNRESOLVABLE', production, resolverOf({ 'empty.example.net': [] }));
  });

  it('refuses localhost, resolved by the system, when loopback is not allowed', async () => {
    const error = await expectRefused('http://localhost:4000/hook', 'EXPORT_ADDRESS_REFUSED', production, resolveHostWithDns);
    expect(error.message).toMatch(/host localhost resolves to (127\.0\.0\.1|::1), a loopback address/);
  });

  it('accepts localhost and loopback literals when loopback is allowed', async () => {
    const checked = await assertExportUrl('http://localhost:4000/hook', development);
    expect(checked.addresses.length).toBeGreaterThan(0);
    await expect(assertExportUrl('http://[::1]:4000/', development)).resolves.toMatchObject({
      addresses: ['::1'],
    });
    await expect(assertExportUrl('http://2130706433/', development)).resolves.toMatchObject({
      addresses: ['127.0.0.1'],
    });
  });

  it('opens loopback when 127.0.0.0/8 is an allowed network, and only loopback', async () => {
    const policy = createAddressPolicy({ allowLoopback: false, allowNetworks: '127.0.0.0/8' });
    await expect(assertExportUrl('http://127.0.0.1:4000/', policy)).resolves.toMatchObject({
      addresses: ['127.0.0.1'],
    });
    await expect(assertExportUrl('http://0177.0.0.2/', policy)).resolves.toMatchObject({
      addresses: ['127.0.0.2'],
    });
    await expectRefused('http://10.0.0.1/', 'EXPORT_ADDRESS_REFUSED', policy);
  });

  it('opens a private network listed in the policy', async () => {
    const policy = createAddressPolicy({
      allowLoopback: false,
      allowNetworks: '10.20.0.0/16,fd00:1::/32',
    });
    const resolve = resolverOf({ 'erp.corp': ['10.20.3.4', 'fd00:1::4'] });
    await expect(assertExportUrl('https://erp.corp/hook', policy, resolve)).resolves.toMatchObject({
      addresses: ['10.20.3.4', 'fd00:1::4'],
    });
    await expectRefused('http://10.21.0.1/', 'EXPORT_ADDRESS_REFUSED', policy);
  });
});
