import { describe, expect, it } from 'vitest';
import { redactAuthorization } from './redact-authorization.ts';

describe('redactAuthorization', () => {
  it('hides every occurrence', () => {
    expect(redactAuthorization('got Bearer abc123, twice: Bearer abc123.', 'Bearer abc123')).toBe('got [redacted], twice: [redacted].');
  });

  it('hides the start of the value where a text was cut', () => {
    expect(redactAuthorization('{"echo":"Bearer ab', 'Bearer abc123')).toBe('{"echo":"[redacted]');
    expect(redactAuthorization('{"echo":"Bea', 'Bearer abc123')).toBe('{"echo":"Bea');
  });

  it('leaves a text alone when there is no value', () => {
    expect(redactAuthorization('Bearer abc', undefined)).toBe('Bearer abc');
    expect(redactAuthorization('Bearer abc', '')).toBe('Bearer abc');
  });
});
