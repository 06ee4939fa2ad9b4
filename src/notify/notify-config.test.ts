import { describe, expect, it } from 'vitest';
import { NotifyConfigError, parseNotifyConfig, templateVariable } from './notify-config.ts';

function errorOf(env: Record<string, string>): NotifyConfigError {
  try {
    parseNotifyConfig(env);
  } catch (error) {
    if (error instanceof NotifyConfigError) return error;
    throw error;
  }
  throw new Error('expected a NotifyConfigError');
}

const solapi = { SOLAPI_API_KEY: 'NCSAYU7YDBXYORXC', SOLAPI_API_SECRET: 'secret', SOLAPI_SENDER: '02-930-2266' };

describe('parseNotifyConfig', () => {
  it('is all null when nothing is set (the development channel)', () => {
    expect(parseNotifyConfig({})).toEqual({ smtp: null, solapi: null });
    expect(parseNotifyConfig({ SMTP_URL: '  ', SOLAPI_API_KEY: '' })).toEqual({ smtp: null, solapi: null });
  });

  it('reads SMTP', () => {
    expect(parseNotifyConfig({ SMTP_URL: 'smtps://user:pass@mail.example.com:465', SMTP_FROM: '"Dojang" <no-reply@example.com>' }).smtp).toEqual({
      url: 'smtps://user:pass@mail.example.com:465',
      from: '"Dojang" <no-reply@example.com>',
    });
  });

  it('names the SMTP variable that is wrong', () => {
    expect(errorOf({ SMTP_URL: 'smtp://localhost:25' }).variable).toBe('SMTP_FROM');
    expect(errorOf({ SMTP_FROM: 'no-reply@example.com' }).variable).toBe('SMTP_URL');
    expect(errorOf({ SMTP_URL: 'http://mail.example.com', SMTP_FROM: 'a@b.c' }).message).toMatch(/^SMTP_URL: must start with smtp/);
    expect(errorOf({ SMTP_URL: 'not a url', SMTP_FROM: 'a@b.c' }).variable).toBe('SMTP_URL');
    expect(errorOf({ SMTP_URL: 'smtp://localhost', SMTP_FROM: 'Dojang' }).variable).toBe('SMTP_FROM');
    expect(errorOf({ SMTP_URL: 'smtp://localhost', SMTP_FROM: 'Dojang' }).code).toBe('NOTIFY_CONFIG_INVALID');
  });

  it('reads SOLAPI with defaults', () => {
    expect(parseNotifyConfig(solapi).solapi).toEqual({
      apiKey: 'NCSAYU7YDBXYORXC',
      apiSecret: 'secret',
      sender: '029302266',
      pfId: null,
      templates: {},
      baseUrl: 'https://api.solapi.com',
    });
  });

  it('reads the KakaoTalk channel and templates', () => {
    const config = parseNotifyConfig({
      ...solapi,
      SOLAPI_PFID: 'KA01PF190326003355',
      SOLAPI_TEMPLATE_SIGN_REQUEST: 'KA01TP1',
      SOLAPI_TEMPLATE_SIGN_RETURNED: 'KA01TP2',
      SOLAPI_TEMPLATE_EXPIRY_REMINDER: 'KA01TP3',
      SOLAPI_BASE_URL: 'http://127.0.0.1:4010/',
    }).solapi;
    expect(config?.pfId).toBe('KA01PF190326003355');
    expect(config?.templates).toEqual({ 'sign-request': 'KA01TP1', 'sign-returned': 'KA01TP2', 'expiry-reminder': 'KA01TP3' });
    expect(config?.baseUrl).toBe('http://127.0.0.1:4010');
    expect(templateVariable('expiry-reminder')).toBe('SOLAPI_TEMPLATE_EXPIRY_REMINDER');
  });

  it('names the SOLAPI variable that is missing or wrong', () => {
    expect(errorOf({ SOLAPI_API_KEY: 'k', SOLAPI_SENDER: '01012345678' }).variable).toBe('SOLAPI_API_SECRET');
    expect(errorOf({ ...solapi, SOLAPI_SENDER: 'Dojang' }).variable).toBe('SOLAPI_SENDER');
    expect(errorOf({ ...solapi, SOLAPI_BASE_URL: 'ftp://x' }).variable).toBe('SOLAPI_BASE_URL');
    expect(errorOf({ ...solapi, SOLAPI_TEMPLATE_OTP: 'KA01TP9' }).message).toBe('SOLAPI_TEMPLATE_OTP: is set but SOLAPI_PFID (the KakaoTalk channel) is not');
    expect(errorOf({ SOLAPI_PFID: 'KA01PF' }).variable).toBe('SOLAPI_PFID');
  });
});
