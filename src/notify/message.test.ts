import { describe, expect, it } from 'vitest';
import { InvalidNotificationMessageError, LANGUAGES, parseNotificationMessage, primaryLink } from './message.ts';
import { SAMPLE_DOCUMENT_URL, SAMPLE_SIGNING_URL, sampleMessages } from './sample-messages.ts';

describe('parseNotificationMessage', () => {
  it('accepts every sample message, in every language, after a JSON round trip', () => {
    for (const language of LANGUAGES) {
      for (const message of sampleMessages(language)) {
        expect(parseNotificationMessage(JSON.parse(JSON.stringify(message)))).toEqual(message);
      }
    }
  });

  it('accepts a mobile identity', () => {
    const [message] = sampleMessages('ko-KR', { name: '이영희', identity: '010-2345-6789' });
    expect(() => parseNotificationMessage(message)).not.toThrow();
  });

  it('names what is wrong', () => {
    const [message] = sampleMessages('ko-KR');
    const broken = { ...message, signingUrl: 'javascript:alert(1)', expiresOn: '2026-13-01', language: 'fr-FR' };
    let error: unknown;
    try {
      parseNotificationMessage(broken);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidNotificationMessageError);
    const problems = (error as InvalidNotificationMessageError).problems.join('\n');
    expect(problems).toContain('/signingUrl');
    expect(problems).toContain('/expiresOn');
    expect(problems).toContain('/language');
    expect((error as InvalidNotificationMessageError).code).toBe('INVALID_NOTIFICATION_MESSAGE');
  });

  it('refuses an unknown kind, a bad code, and an identity that is neither email nor mobile', () => {
    expect(() => parseNotificationMessage({ kind: 'hello' })).toThrow(/kind must be one of/);
    expect(() => parseNotificationMessage(null)).toThrow(InvalidNotificationMessageError);
    const otp = sampleMessages('ko-KR').find((message) => message.kind === 'otp');
    expect(() => parseNotificationMessage({ ...otp, code: '12345' })).toThrow(/code/);
    expect(() => parseNotificationMessage({ ...otp, to: { name: 'x', identity: '02-930-2266' } })).toThrow(/identity/);
  });
});

describe('primaryLink', () => {
  it('is the signing link or the document link', () => {
    const links = sampleMessages('ko-KR').map((message) => [message.kind, primaryLink(message)]);
    expect(links).toContainEqual(['sign-request', SAMPLE_SIGNING_URL]);
    expect(links).toContainEqual(['completed', SAMPLE_DOCUMENT_URL]);
    expect(links).toContainEqual(['otp', null]);
    expect(links).toContainEqual(['canceled', null]);
  });
});
