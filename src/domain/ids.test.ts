import { describe, expect, it } from 'vitest';
import { toTimestamp, type Timestamp } from './time.ts';
import { ID_PATTERN, MAX_ID, parseId, toCompanyId, toTemplateId, toWorkflowId, type CompanyId, type TemplateId, type WorkflowId } from './ids.ts';

// The brands are checked by `tsc` (npm test runs it first): each @ts-expect-error line must not compile.
describe('branded ids and timestamps', () => {
  it('are the plain values at run time', () => {
    expect(toWorkflowId(7)).toBe(7);
    expect(toCompanyId('acme')).toBe('acme');
    expect(toTimestamp(new Date(Date.UTC(2026, 11, 1, 0, 30, 5, 250)))).toBe('2026-12-01T00:30:05.250Z');
  });

  it('are not mixed up by the compiler', () => {
    const workflow = (id: WorkflowId) => id;
    const template = (id: TemplateId) => id;
    const company = (id: CompanyId) => id;
    const stored = (at: Timestamp) => at;
    // @ts-expect-error a template id is not a workflow id
    workflow(toTemplateId(1));
    // @ts-expect-error nor is a bare number
    workflow(1);
    // @ts-expect-error a workflow id is not a template id
    template(toWorkflowId(1));
    // @ts-expect-error a bare string is not a company id
    company('acme');
    // @ts-expect-error a bare string is not a stored timestamp
    stored(new Date(0).toISOString());
    // An id is still a number where a number is meant (in a message, in arithmetic).
    expect(`workflow ${workflow(toWorkflowId(2)) + 1}`).toBe('workflow 3');
  });

  it('are read from text only up to the largest a row can have, by parseId and ID_PATTERN alike', () => {
    const pattern = new RegExp(ID_PATTERN);
    const cases: [string, number | null][] = [
      ['0', 0],
      ['7', 7],
      ['0000000001', 1],
      ['999999999', 999_999_999],
      ['1999999999', 1_999_999_999],
      ['2147483647', MAX_ID],
      ['2147483648', null],
      ['2147483650', null],
      ['2200000000', null],
      ['9999999999', null],
      ['10000000000', null],
      ['-1', null],
      ['1.5', null],
      ['', null],
      [' 1', null],
      ['1e3', null],
    ];
    for (const [text, id] of cases) {
      expect(parseId(text), text).toBe(id);
      expect(pattern.test(text), text).toBe(id !== null);
    }
    // Every boundary of the pattern's alternatives.
    for (let n = MAX_ID - 2000; n <= MAX_ID + 2000; n += 7) expect(pattern.test(String(n)), String(n)).toBe(n <= MAX_ID);
    for (const n of [
      1_000_000_000, 2_000_000_000, 2_099_999_999, 2_139_999_999, 2_146_999_999, 2_147_399_999, 2_147_479_999, 2_147_482_999, 2_147_483_599, 2_147_483_639,
    ]) {
      expect(pattern.test(String(n)), String(n)).toBe(true);
      expect(pattern.test(String(n + 1)), String(n + 1)).toBe(n + 1 <= MAX_ID);
    }
  });
});
