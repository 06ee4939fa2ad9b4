import { describe, expect, it } from 'vitest';
import { toTimestamp, type Timestamp } from './time.ts';
import { toCompanyId, toTemplateId, toWorkflowId, type CompanyId, type TemplateId, type WorkflowId } from './ids.ts';

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
});
