import { describe, expect, it } from 'vitest';
import { parseSealReason, sealReason } from './seal-reason.ts';

describe('seal reason', () => {
  it('names the workflow and reads it back', () => {
    expect(sealReason('123')).toBe('Dojang workflow 123 completed');
    expect(parseSealReason(sealReason('wf_9Zx', 'history certificate'))).toEqual({ workflowId: 'wf_9Zx', kind: 'history certificate' });
    expect(parseSealReason('Approved by Kim')).toBeUndefined();
  });

  it('refuses an id that would make the reason ambiguous', () => {
    expect(() => sealReason('12 3')).toThrow(RangeError);
    expect(() => sealReason('')).toThrow(RangeError);
  });
});
