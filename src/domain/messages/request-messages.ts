// What every door says about a request as a whole, or about a value of any kind.
export const requestMessages = {
  invalidInput: { ko: '입력값이 올바르지 않습니다', en: 'the request has invalid values', ja: '入力値が正しくありません' },
  required: { ko: '필수 값입니다', en: 'required', ja: '必須の値です' },
  /** A schema's own complaint (Ajv speaks English only). */
  schemaRule: { ko: '{rule}', en: '{rule}', ja: '{rule}' },
  mustBeObject: { ko: '객체여야 합니다', en: 'must be an object', ja: 'オブジェクトを指定してください' },
  mustBeArray: { ko: '배열이어야 합니다', en: 'must be an array', ja: '配列を指定してください' },
  mustBeString: { ko: '문자열이어야 합니다', en: 'must be a string', ja: '文字列を指定してください' },
  noNulCharacter: {
    ko: 'NUL 문자(\\u0000)는 사용할 수 없습니다',
    en: 'may not contain the NUL character \\u0000',
    ja: 'NUL 文字（\\u0000）は使えません',
  },
  loneSurrogate: {
    ko: '올바른 유니코드 문자열이 아닙니다',
    en: 'not valid Unicode text: a lone surrogate',
    ja: '正しい Unicode の文字列ではありません',
  },
} as const;
