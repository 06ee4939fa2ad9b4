import { describe, expect, it } from 'vitest';
import { forEachOperation, formatNumber, nameToken, OperandDict, OperandName, type Operation } from './content-stream.ts';
import { CMap, codeSplitter } from './read-cmap.ts';

const operations = (text: string): Operation[] => {
  const found: Operation[] = [];
  forEachOperation(Buffer.from(text, 'latin1'), (op) => found.push(op));
  return found;
};

describe('reading a content stream', () => {
  it('gives each operation its operands and the bytes it occupies', () => {
    const text = 'q 1 0 0 1 50.5 -.25 cm BT /F1 12 Tf [<0012> -120 (a\\(b\\)\\101) ] TJ ET Q';
    const ops = operations(text);
    expect(ops.map((op) => op.operator)).toEqual(['q', 'cm', 'BT', 'Tf', 'TJ', 'ET', 'Q']);
    expect(ops[1]?.operands).toEqual([1, 0, 0, 1, 50.5, -0.25]);
    expect(ops[3]?.operands).toEqual([new OperandName('F1'), 12]);
    const tj = ops[4]!;
    expect(tj.operands).toEqual([[Uint8Array.of(0x00, 0x12), -120, Uint8Array.from(Buffer.from('a(b)A', 'latin1'))]]);
    expect(text.slice(tj.start, tj.end)).toBe('[<0012> -120 (a\\(b\\)\\101) ] TJ');
  });

  it('reads marked content properties, comments, names with # escapes, nested strings', () => {
    const ops = operations('/Span <</ActualText (\\376\\377\\000 )>> BDC % a comment (not a string\n/F#231 1 Tf ((nested) string) Tj EMC');
    expect(ops.map((op) => op.operator)).toEqual(['BDC', 'Tf', 'Tj', 'EMC']);
    expect(ops[0]?.operands[1]).toEqual(new OperandDict([new OperandName('ActualText'), Uint8Array.of(0xfe, 0xff, 0x00, 0x20)]));
    expect(ops[1]?.operands[0]).toEqual(new OperandName('F#1'));
    expect(Buffer.from(ops[2]?.operands[0] as Uint8Array).toString('latin1')).toBe('(nested) string');
  });

  it("skips an inline image's data, even when it holds bytes that look like operators", () => {
    const ops = operations('q BI /W 2 /H 1 /BPC 8 /CS /G ID \x00Tj) EI\xff\xfe EI Q (after) Tj');
    expect(ops.map((op) => op.operator)).toEqual(['q', 'BI', 'Q', 'Tj']);
  });

  it('writes numbers and names as a content stream reads them', () => {
    expect([1, -0.5, 1234.56789, 1e-9, -1e-9].map(formatNumber)).toEqual(['1', '-0.5', '1234.5679', '0', '0']);
    expect(nameToken('Span')).toBe('/Span');
    const written = nameToken('A B#(x)');
    expect(written).toBe('/A#20B#23#28x#29');
    expect(operations(`${written} BMC`)[0]?.operands).toEqual([new OperandName('A B#(x)')]);
  });
});

describe('reading a CMap', () => {
  it('maps codes to text by bfchar and bfrange (counting up, or one text each), and splits codes by codespace', () => {
    const cmap = CMap.parse(`1 begincodespacerange <00> <80> <8140> <FEFE> endcodespacerange
      2 beginbfchar <01> <0041> <8141> <D55CAE00> endbfchar
      2 beginbfrange <10> <12> <AC00> <20> <21> [<0058> <00590059>] endbfrange`);
    expect([0x01, 0x10, 0x12, 0x20, 0x21].map((code) => cmap.unicode(code, 1))).toEqual(['A', '가', '갂', 'X', 'YY']);
    expect(cmap.unicode(0x8141, 2)).toBe('한글');
    expect(cmap.unicode(0x02, 1)).toBeUndefined();
    const split = codeSplitter(cmap.codespaces)(Uint8Array.of(0x01, 0x81, 0x41, 0x10));
    expect(split.map((c) => [c.code, c.bytes])).toEqual([
      [0x01, 1],
      [0x8141, 2],
      [0x10, 1],
    ]);
  });
});
