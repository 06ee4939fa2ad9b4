import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('reads DOJANG_CORS_ORIGINS: origins separated by commas or spaces, or "*"; none by default', () => {
    expect(loadConfig({}).corsOrigins).toBeNull();
    expect(loadConfig({ DOJANG_CORS_ORIGINS: 'https://app.example.com, http://127.0.0.1:8080 https://b.example.com/' }).corsOrigins).toEqual([
      'https://app.example.com',
      'http://127.0.0.1:8080',
      'https://b.example.com',
    ]);
    expect(loadConfig({ DOJANG_CORS_ORIGINS: '*' }).corsOrigins).toBe('*');
  });

  it('stops at a DOJANG_CORS_ORIGINS entry that is no origin, naming the variable', () => {
    for (const bad of ['app.example.com', 'https://app.example.com/path', 'ftp://files.example.com', '*, https://a.example.com']) {
      expect(() => loadConfig({ DOJANG_CORS_ORIGINS: bad }), bad).toThrow(ConfigError);
      expect(() => loadConfig({ DOJANG_CORS_ORIGINS: bad }), bad).toThrow(/DOJANG_CORS_ORIGINS/);
    }
  });

  it('reads the PDF bounds, and refuses one out of range', () => {
    expect(loadConfig({ DOJANG_PDF_MAX_PAGES: '20', DOJANG_PDF_MAX_INFLATED_MB: '100' }).pdf.limits).toMatchObject({
      maxPages: 20,
      maxInflatedBytes: 100 * 1024 * 1024,
    });
    expect(() => loadConfig({ DOJANG_PDF_MAX_DEPTH: '2' })).toThrow(/DOJANG_PDF_MAX_DEPTH/);
  });

  it("reads the console's OpenID provider: all of issuer, client and company or none; https unless on this machine", () => {
    const oidc = { DOJANG_OIDC_ISSUER: 'https://login.example.com/realms/acme', DOJANG_OIDC_CLIENT_ID: 'dojang', DOJANG_OIDC_COMPANY: 'acme' };
    expect(loadConfig({}).oidc).toBeNull();
    expect(loadConfig({ ...oidc, DOJANG_OIDC_ALLOWED_DOMAINS: '@Acme.example.com, acme.co.kr' }).oidc).toMatchObject({
      clientId: 'dojang',
      company: 'acme',
      allowedDomains: ['acme.example.com', 'acme.co.kr'],
      label: 'SSO',
    });
    expect(loadConfig({ ...oidc, DOJANG_OIDC_ISSUER: 'http://127.0.0.1:9000' }).oidc?.issuer.href).toBe('http://127.0.0.1:9000/');
    expect(() => loadConfig({ ...oidc, DOJANG_OIDC_ISSUER: 'http://login.example.com' })).toThrow(/DOJANG_OIDC_ISSUER/);
    expect(() => loadConfig({ DOJANG_OIDC_ISSUER: oidc.DOJANG_OIDC_ISSUER, DOJANG_OIDC_CLIENT_ID: 'dojang' })).toThrow(/DOJANG_OIDC_COMPANY/);
    expect(() => loadConfig({ DOJANG_OIDC_CLIENT_SECRET: 'secret' })).toThrow(/DOJANG_OIDC_CLIENT_SECRET/);
    // Nobody could log in to the console without passwords and without a provider.
    expect(() => loadConfig({ DOJANG_CONSOLE_PASSWORD_LOGIN: 'false' })).toThrow(/DOJANG_CONSOLE_PASSWORD_LOGIN/);
    expect(loadConfig({ ...oidc, DOJANG_CONSOLE_PASSWORD_LOGIN: 'false' }).consolePasswordLogin).toBe(false);
  });
});
