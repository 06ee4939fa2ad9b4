// `page` and `rows` as eSignon's list calls take them: strings or numbers, 1-based, defaults.
import { fieldProblem, type FieldProblem } from '../../domain/field-values.ts';
import { said } from '../../domain/said.ts';
import type { PageRequest } from '../../workflows/search-workflows.ts';

export function parsePaging(
  raw: { page?: unknown; rows?: unknown },
  limits: { defaultRows: number; maxRows: number },
): { paging: PageRequest; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const number = (value: unknown, name: string, fallback: number, max: number) => {
    const text = value === undefined || value === null ? '' : String(value).trim();
    if (text === '') return fallback;
    if (!/^\d{1,9}$/.test(text) || Number(text) < 1 || Number(text) > max) {
      problems.push(fieldProblem(name, said('numberFromOneTo', { name, max })));
      return fallback;
    }
    return Number(text);
  };
  return {
    paging: { page: number(raw.page, 'page', 1, 1_000_000), rows: number(raw.rows, 'rows', limits.defaultRows, limits.maxRows) },
    problems,
  };
}
