import { describe, expect, it } from 'vitest';
import { DojangError } from '../errors.ts';
import { assertReadableText } from './refuse-unreadable-text.ts';

function problemOf(value: unknown): string | null {
  try {
    assertReadableText(value, 'body');
    return null;
  } catch (error) {
    if (!(error instanceof DojangError)) throw error;
    return error.problems.map((p) => `${p.field}: ${p.said.key}`).join('; ');
  }
}

describe('text a request carries', () => {
  it('passes readable text, Korean included, at any depth', () => {
    expect(problemOf({ header: { request_code: '5010Q' }, body: { field_list: [{ field_name: '성명', field_value: '홍길동 😀' }] } })).toBeNull();
  });

  it('names the first value or key holding a NUL or a lone surrogate', () => {
    expect(problemOf({ body: { field_list: [{ field_value: 'a\u0000b' }] } })).toBe('body.body.field_list[0].field_value: noNulCharacter');
    expect(problemOf({ body: ['ok', '\ud800'] })).toBe('body.body[1]: loneSurrogate');
    expect(problemOf({ body: { 'na\u0000me': 'x' } })).toBe('body.body.na\\u0000me: noNulCharacter');
    expect(problemOf('\udfff')).toBe('body: loneSurrogate');
  });
});
