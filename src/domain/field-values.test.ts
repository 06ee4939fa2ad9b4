import { describe, expect, it } from 'vitest';
import type { TemplateField } from './fields.ts';
import { checkFieldValue, missingRequiredFields, radioConflicts } from './field-values.ts';

const box = (name: string, type: TemplateField['type'], owner = 1, extra: Partial<TemplateField> = {}): TemplateField => ({
  name,
  type,
  owner,
  required: false,
  page: 1,
  x: 10,
  y: 10,
  width: 100,
  height: 20,
  ...extra,
});

const PNG_1x1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describe('checkFieldValue', () => {
  it('normalises marks, dates and images', () => {
    expect(checkFieldValue(box('a', 'CheckBox'), 'y')).toEqual({ ok: true, value: 'Y' });
    expect(checkFieldValue(box('a', 'CheckBox'), 'yes').ok).toBe(false);
    expect(checkFieldValue(box('d', 'DatePickerBox'), '2026-12-01')).toEqual({ ok: true, value: '2026-12-01' });
    expect(checkFieldValue(box('d', 'DatePickerBox'), '2026-13-01').ok).toBe(false);
    expect(checkFieldValue(box('p', 'PictureBox'), PNG_1x1)).toEqual({ ok: true, value: `data:image/png;base64,${PNG_1x1}` });
    expect(checkFieldValue(box('p', 'SignBox'), `data:image/png;base64,${PNG_1x1}`).ok).toBe(true);
    expect(checkFieldValue(box('p', 'PictureBox'), Buffer.from('GIF89a....').toString('base64')).ok).toBe(false);
    expect(checkFieldValue(box('p', 'PictureBox'), 'not base64!').ok).toBe(false);
  });

  it('refuses an image over 1 MB', () => {
    const big = Buffer.alloc(1024 * 1024 + 1);
    big.set([0xff, 0xd8, 0xff]);
    const result = checkFieldValue(box('p', 'PictureBox'), big.toString('base64'));
    expect(result.ok).toBe(false);
  });
});

describe('missingRequiredFields', () => {
  const fields = [
    box('name', 'TextBox', 1, { required: true }),
    box('agree', 'CheckBox', 1, { required: true }),
    box('plan_a', 'RadioBox', 1, { required: true, group: 'plan' }),
    box('plan_b', 'RadioBox', 1, { required: true, group: 'plan' }),
    box('memo', 'TextBox', 1),
    box('sign2', 'SignBox', 2, { required: true }),
  ];

  it('lists what step 1 still lacks', () => {
    expect(missingRequiredFields(fields, {}, 1)).toEqual(['name', 'agree', 'plan']);
    expect(missingRequiredFields(fields, { name: '홍길동', agree: 'N', plan_b: 'Y' }, 1)).toEqual(['agree']);
    expect(missingRequiredFields(fields, { name: '홍길동', agree: 'Y', plan_b: 'Y' }, 1)).toEqual([]);
    expect(missingRequiredFields(fields, {}, 2)).toEqual(['sign2']);
  });

  it('finds radio groups with two choices', () => {
    expect(radioConflicts(fields, { plan_a: 'Y', plan_b: 'Y' })).toHaveLength(1);
    expect(radioConflicts(fields, { plan_a: 'Y', plan_b: 'N' })).toHaveLength(0);
  });
});
