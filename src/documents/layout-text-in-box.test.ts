import { describe, expect, it } from 'vitest';
import { layoutTextInBox, wrapText } from './layout-text-in-box.ts';

// Every character 0.5 em wide: easy arithmetic.
const measure = (text: string) => Array.from(text).length * 0.5;

describe('layoutTextInBox', () => {
  it('keeps short text on one line at the largest size the box height allows', () => {
    const layout = layoutTextInBox('홍길동', { width: 100, height: 12, measure, maxFontSize: 12, minFontSize: 4 });
    expect(layout.lines).toEqual(['홍길동']);
    expect(layout.fontSize).toBe(10); // 12 / 1.2 line height
    expect(layout.truncated).toBe(false);
  });

  it('shrinks a long line in a one-line box', () => {
    const text = 'A'.repeat(40); // 20 em wide
    const layout = layoutTextInBox(text, { width: 100, height: 14, measure, maxFontSize: 12, minFontSize: 4 });
    expect(layout.lines).toEqual([text]);
    expect(layout.fontSize).toBe(5);
  });

  it('wraps at spaces when the box is tall enough for several lines', () => {
    const text = '서울특별시 중구 세종대로 110 도장빌딩 3층';
    const layout = layoutTextInBox(text, { width: 60, height: 60, measure, maxFontSize: 12, minFontSize: 4 });
    expect(layout.lines.length).toBeGreaterThan(1);
    expect(layout.lines.join(' ')).toBe(text);
    for (const line of layout.lines) expect(measure(line) * layout.fontSize).toBeLessThanOrEqual(60);
    expect(layout.lines.length * layout.lineHeight).toBeLessThanOrEqual(60);
  });

  it('breaks a word longer than the box between characters', () => {
    expect(wrapText('가나다라마바사아', 2, measure)).toEqual(['가나다라', '마바사아']);
  });

  it('keeps explicit line breaks', () => {
    expect(wrapText('첫째 줄\n둘째 줄', 100, measure)).toEqual(['첫째 줄', '둘째 줄']);
  });

  it('cuts off with an ellipsis only when even the smallest size cannot hold it', () => {
    const layout = layoutTextInBox('가'.repeat(500), { width: 20, height: 5, measure, maxFontSize: 12, minFontSize: 4 });
    expect(layout.truncated).toBe(true);
    expect(layout.fontSize).toBe(4);
    expect(layout.lines).toHaveLength(1);
    expect(layout.lines[0]?.endsWith('…')).toBe(true);
    expect(measure(layout.lines[0] ?? '') * 4).toBeLessThanOrEqual(20);
  });
});
