import { describe, expect, it } from 'vitest';
import { said, sayBilingual, sayIn, sayTo } from '../said.ts';
import { MESSAGE_GROUPS, MESSAGES } from './catalogue.ts';

const PLACEHOLDER = /\{(\w+)(?:, plural,|\})/g;
const placeholders = (text: string) => new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]));

describe('the message catalogue', () => {
  it('has each key in one group only', () => {
    const keys = Object.values(MESSAGE_GROUPS).flatMap((group) => Object.keys(group));
    expect(keys.length).toBe(new Set(keys).size);
    expect(Object.keys(MESSAGES).length).toBe(keys.length);
  });

  it('writes each language, and names in Korean and Japanese only values the English names', () => {
    // A shorter Korean or Japanese text may leave a value out; one the English lacks is a typo.
    for (const [key, message] of Object.entries(MESSAGES)) {
      const en = placeholders(message.en);
      for (const name of [...placeholders(message.ko), ...placeholders(message.ja)])
        expect(`${key}: {${name}}`).toBe(en.has(name) ? `${key}: {${name}}` : 'in English too');
      for (const language of ['ko', 'en', 'ja'] as const) expect(message[language].trim(), `${key}.${language}`).not.toBe('');
    }
  });
});

describe('said', () => {
  it('puts the values in, in the language asked, and says both when none was asked', () => {
    const tooLong = said('textTooLong', { max: 4000 });
    expect(sayIn(tooLong, 'ko')).toBe('4000자 이하여야 합니다');
    expect(sayIn(tooLong, 'en')).toBe('at most 4000 characters');
    expect(sayIn(tooLong, 'ja')).toBe('4000文字以内で入力してください');
    expect(sayBilingual(tooLong)).toBe('4000자 이하여야 합니다 (at most 4000 characters)');
    expect(sayTo(tooLong, null)).toBe(sayBilingual(tooLong));
  });

  it('says a message named as a value in the same language', () => {
    const inner = said('textTooLong', { max: 10 });
    expect(sayIn(said('schemaRule', { rule: inner }), 'ja')).toBe('10文字以内で入力してください');
  });

  it('checks the values against the messages at compile time', () => {
    // @ts-expect-error textTooLong names {max}
    said('textTooLong');
    // @ts-expect-error required names no value
    said('required', { max: 1 });
    expect(said('required').values).toEqual({});
  });
});
