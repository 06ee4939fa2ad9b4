import { describe, expect, it } from 'vitest';
import { sayBilingual, sayIn } from './said.ts';
import { findTagTexts, parseTagText, textTagFields, type PlacedChar, type TagText } from './text-tags.ts';

const A4 = { width: 595.28, height: 841.89 };

/** A line of text as placed glyphs: each char `advance` points wide, the line's top at `top`. */
function line(text: string, { x = 50, top = 100, advance = 6, height = 12 } = {}): PlacedChar[] {
  return [...text].map((char, i) => ({ text: char, box: { x: x + i * advance, y: top, width: advance, height } }));
}

/** The tags of one-line pages, found and read. */
function read(lines: string[], steps = 2) {
  const tags: TagText[] = [];
  const problems = lines.flatMap((text, i) => {
    const found = findTagTexts(line(text), i + 1);
    tags.push(...found.tags);
    return found.problems;
  });
  const fields = textTagFields(tags, { steps, pages: lines.map(() => A4) });
  return { fields: fields.fields, problems: [...problems, ...fields.problems] };
}

describe('finding tags in a line', () => {
  it('finds each tag with the box of its glyphs, Korean names included', () => {
    const { tags, problems } = findTagTexts(line('서명: {{고객 서명;type=sign}} 금액 {{amount}}'), 3);
    expect(problems).toEqual([]);
    expect(tags.map((t) => t.text)).toEqual(['{{고객 서명;type=sign}}', '{{amount}}']);
    expect(tags[0]).toMatchObject({ page: 3, first: 4, last: 22, box: { x: 50 + 4 * 6, y: 100, width: 19 * 6, height: 12 } });
  });

  it('takes the union of boxes of different sizes (a tag in two fonts)', () => {
    const chars: PlacedChar[] = [...line('{{a', { x: 10, top: 100, height: 10 }), ...line('b}}', { x: 28, top: 98, height: 14 })];
    expect(findTagTexts(chars, 1).tags[0]?.box).toEqual({ x: 10, y: 98, width: 36, height: 14 });
  });

  it('maps a glyph that reads as several characters (a ligature) back to one char', () => {
    const chars: PlacedChar[] = [
      { text: '{{', box: { x: 0, y: 0, width: 8, height: 10 } },
      ...line('ﬁeld', { x: 8, top: 0 }).map((c) => ({ ...c, text: c.text.normalize('NFKC') })),
      ...line('}}', { x: 32, top: 0 }),
    ];
    const [tag] = findTagTexts(chars, 1).tags;
    expect(tag).toMatchObject({ text: '{{field}}', first: 0, last: 6, box: { x: 0, width: 44 } });
  });

  it('counts chars that read as nothing right after a tag as part of it', () => {
    const chars: PlacedChar[] = [...line('{{a}}'), { text: '', box: { x: 80, y: 100, width: 6, height: 12 } }, ...line(' b', { x: 86 })];
    expect(findTagTexts(chars, 1).tags[0]).toMatchObject({ first: 0, last: 5 });
  });

  it('reports a tag left open, and still finds the next one', () => {
    const { tags, problems } = findTagTexts(line('{{서명;type=sign 다음 {{금액}}'), 2);
    expect(tags.map((t) => t.text)).toEqual(['{{금액}}']);
    expect(problems.map((p) => [p.page, p.tag, sayIn(p.said, 'en')])).toEqual([
      [2, '{{서명;type=sign 다음', 'the tag is not closed with }}; a tag must stay on one line'],
    ]);
    expect(findTagTexts(line('끝에 {{열린 태그'), 1).problems[0]?.tag).toBe('{{열린 태그');
  });
});

describe('reading a tag', () => {
  it('splits the name from options, flags and values, trimming spaces', () => {
    expect(parseTagText('{{ 고객 서명 ; Type = sign ;step=1; required ;label=서명해 주세요}}')).toEqual({
      parsed: { name: '고객 서명', options: { type: 'sign', step: '1', required: 'true', label: '서명해 주세요' } },
      problems: [],
    });
  });

  it('reads the examples of the documentation', () => {
    const { fields, problems } = read([
      '{{고객 서명;type=sign;step=1}}',
      '{{amount;step=2;required}}',
      '{{agree;type=check;step=1}}',
      '{{성별;type=radio;group=gender;step=1}}',
      '{{회사명;type=label;default=도장 주식회사}}',
    ]);
    expect(problems).toEqual([]);
    expect(fields.map(({ name, type, owner, required, page, group, default: value }) => ({ name, type, owner, required, page, group, value }))).toEqual([
      { name: '고객 서명', type: 'SignBox', owner: 1, required: false, page: 1, group: undefined, value: undefined },
      { name: 'amount', type: 'TextBox', owner: 2, required: true, page: 2, group: undefined, value: undefined },
      { name: 'agree', type: 'CheckBox', owner: 1, required: false, page: 3, group: undefined, value: undefined },
      { name: '성별', type: 'RadioBox', owner: 1, required: false, page: 4, group: 'gender', value: undefined },
      { name: '회사명', type: 'LabelBox', owner: 0, required: false, page: 5, group: undefined, value: '도장 주식회사' },
    ]);
  });

  it('places the box on the tag, or from its top-left with width and height', () => {
    const [plain, sized, wide] = read(['{{a}}', '{{b;type=sign;width=150;height=50.5}}', '{{c;width=200pt}}']).fields;
    expect(plain).toMatchObject({ x: 50, y: 100, width: 30, height: 12 });
    expect(sized).toMatchObject({ x: 50, y: 100, width: 150, height: 50.5 });
    expect(wide).toMatchObject({ x: 50, y: 100, width: 200, height: 12 });
  });

  it('takes the type by its short, Korean or eSignon name, in any case', () => {
    const words = [
      'text',
      '텍스트',
      'TextBox',
      'check',
      '체크',
      'CheckBox',
      'radio',
      '라디오',
      'date',
      '날짜',
      'DatePickerBox',
      'picture',
      'image',
      '사진',
      'PictureBox',
      'sign',
      '서명',
      'SIGNATURE',
      'SignBox',
      'label',
      '라벨',
      'LabelBox',
    ];
    const { fields, problems } = read(words.map((w, i) => `{{f${i};type=${w}${/label|라벨/i.test(w) ? '' : ';step=1'}}}`));
    expect(problems).toEqual([]);
    expect(fields.map((f) => f.type)).toEqual([
      'TextBox',
      'TextBox',
      'TextBox',
      'CheckBox',
      'CheckBox',
      'CheckBox',
      'RadioBox',
      'RadioBox',
      'DatePickerBox',
      'DatePickerBox',
      'DatePickerBox',
      'PictureBox',
      'PictureBox',
      'PictureBox',
      'PictureBox',
      'SignBox',
      'SignBox',
      'SignBox',
      'SignBox',
      'LabelBox',
      'LabelBox',
      'LabelBox',
    ]);
  });

  it('reads required as a flag or a value, and a radio without a group as a group of its own', () => {
    const { fields } = read(['{{a;required}} {{b;required=false}} {{c;required=yes}} {{d;required=0}} {{e;type=radio}}']);
    expect(fields.map((f) => f.required)).toEqual([true, false, true, false, false]);
    expect(fields[4]).toMatchObject({ type: 'RadioBox', group: 'e' });
  });

  it('checks a default as the box would check a value', () => {
    const { fields, problems } = read(['{{d;type=date;default=2025-01-31}} {{c;type=check;default=y}} {{bad;type=date;default=31/01/2025}}']);
    expect(fields.map((f) => f.default)).toEqual(['2025-01-31', 'Y']);
    expect(problems.map((p) => [p.tag, sayIn(p.said, 'ko')])).toEqual([
      ['{{bad;type=date;default=31/01/2025}}', 'default 값: YYYY-MM-DD 형식의 날짜여야 합니다'],
    ]);
  });
});

describe('problems', () => {
  it('names the page and the tag of each problem, all at once', () => {
    const { fields, problems } = read(
      [
        '{{a;type=stamp}} {{b;colour=red}} {{c;width=wide}} {{d;step=3}}',
        '{{e;step=0}} {{f;step=1.5}} {{g;type=label;step=1}} {{h;group=x}} {{i;required=maybe}} {{;type=sign}} {{j;type}}',
      ],
      2,
    );
    expect(fields).toEqual([]);
    expect(problems.map((p) => [p.page, p.tag, sayIn(p.said, 'en')])).toEqual([
      [1, '{{a;type=stamp}}', 'unknown type "stamp"; use text, check, radio, date, picture, sign or label'],
      [1, '{{b;colour=red}}', 'unknown option "colour"; the options are type, step, required, label, default, group, width, height'],
      [1, '{{c;width=wide}}', 'width "wide" must be a number of points above 0 and at most 14400'],
      [1, '{{d;step=3}}', 'step "3" must be a whole number from 1 to 2, the template\'s steps'],
      [2, '{{e;step=0}}', 'step "0" must be a whole number from 1 to 2, the template\'s steps'],
      [2, '{{f;step=1.5}}', 'step "1.5" must be a whole number from 1 to 2, the template\'s steps'],
      [2, '{{g;type=label;step=1}}', 'a label box is filled by no signer: it takes no step'],
      [2, '{{h;group=x}}', 'group is for radio boxes only'],
      [2, '{{i;required=maybe}}', 'required "maybe" must be true or false'],
      [2, '{{;type=sign}}', 'the tag has no name: {{name;options…}}'],
      [2, '{{j;type}}', 'option "type" needs a value (type=…)'],
    ]);
    expect(sayIn(problems[0]!.said, 'ja')).toContain('stamp');
    expect(sayBilingual(problems[0]!.said)).toMatch(/^알 수 없는 종류 "stamp"/);
  });

  it('refuses a name used twice, saying whether the types differ', () => {
    const { fields, problems } = read([
      '{{서명;type=sign}} {{금액}}',
      '{{서명;type=sign}} {{금액;type=date}} {{남;type=radio;group=성별}} {{남;type=radio;group=성별}}',
    ]);
    expect(fields.map((f) => f.name)).toEqual(['서명', '금액', '남']);
    expect(problems.map((p) => [p.page, p.tag])).toEqual([
      [2, '{{서명;type=sign}}'],
      [2, '{{금액;type=date}}'],
      [2, '{{남;type=radio;group=성별}}'],
    ]);
    expect(sayIn(problems[0]!.said, 'en')).toContain('already used on page 1; give each place its own name');
    expect(sayIn(problems[1]!.said, 'en')).toContain('already a TextBox on page 1');
    expect(sayIn(problems[2]!.said, 'en')).toContain('radio options each have a name and share a group');
  });

  it('refuses a box that width or height push off the page', () => {
    const { problems } = read(['{{a;width=600}}']);
    expect(problems.map((p) => [p.page, sayIn(p.said, 'en')])).toEqual([[1, 'the box falls outside page 1: make width or height smaller']]);
  });
});
