import { describe, expect, it } from 'vitest';
import { isSmsEncodable, smsByteLength, toSmsEncodable, truncateToSmsBytes } from './sms-encoding.ts';

describe('smsByteLength', () => {
  it('counts ASCII as one byte and everything else as two, as EUC-KR does', () => {
    expect(smsByteLength('hello')).toBe(5);
    expect(smsByteLength('가나다')).toBe(6);
    expect(smsByteLength('[도장상사] 123')).toBe(1 + 8 + 1 + 1 + 3);
    expect(smsByteLength('署名')).toBe(4);
    expect(smsByteLength('')).toBe(0);
  });
});

describe('isSmsEncodable', () => {
  it('accepts ASCII, every Hangul syllable, and KS X 1001 symbols, kana and hanja', () => {
    expect(isSmsEncodable('Hello, world! ~')).toBe(true);
    expect(isSmsEncodable('똠방각하 쀍 햏')).toBe(true); // CP949 extended syllables
    expect(isSmsEncodable('▶ 【】「」：…※')).toBe(true);
    expect(isSmsEncodable('署名のお願い 期限')).toBe(true);
  });

  it('refuses emoji and Japanese characters outside KS X 1001', () => {
    expect(isSmsEncodable('서명 부탁해요 🙏')).toBe(false);
    expect(isSmsEncodable('山田様')).toBe(false); // 様 is not in KS X 1001 (Korean writes 樣)
    expect(isSmsEncodable('コード')).toBe(false); // nor is the long-vowel mark ー
  });
});

describe('toSmsEncodable', () => {
  it('replaces what carriers cannot carry', () => {
    expect(toSmsEncodable('서명 🙏 山田様')).toBe('서명 ? 山田?');
  });
});

describe('truncateToSmsBytes', () => {
  it('keeps within the limit and marks the cut', () => {
    expect(truncateToSmsBytes('short', 10)).toBe('short');
    const cut = truncateToSmsBytes('가나다라마바사아자차', 10);
    expect(cut).toBe('가나다라…');
    expect(smsByteLength(cut)).toBeLessThanOrEqual(10);
  });
});
