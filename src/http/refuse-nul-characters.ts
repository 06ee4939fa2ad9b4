// PostgreSQL text cannot hold U+0000, and no legitimate value needs it: a request carrying one
// anywhere in its JSON is refused at the edge, naming where, on both databases alike.
import type { FieldProblem } from '../domain/field-values.ts';
import { DojangError } from '../errors.ts';

function findNul(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (depth > 64 || typeof value !== 'object' || value === null) return null;
  if (Buffer.isBuffer(value)) return null;
  for (const [key, inner] of Object.entries(value)) {
    if (key.includes('\u0000')) return `${path}.${key.replace(/\u0000/g, '\\u0000')}`;
    const found = findNul(inner, Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return null;
}

export function assertNoNulCharacters(body: unknown): void {
  const path = findNul(body, 'body');
  if (path === null) return;
  const problem: FieldProblem = { field: path, message: 'NUL 문자(\\u0000)는 사용할 수 없습니다 (may not contain the NUL character \\u0000)' };
  throw DojangError.invalid([problem]);
}
