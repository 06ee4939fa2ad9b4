// What Dojang says about templates: uploading, checking boxes, text tags (templates/, domain/text-tags.ts).
export const templateMessages = {
  // A template as uploaded (templates/create-template.ts).
  templateNameLength: { ko: '서식명은 1~128자입니다', en: 'a name of 1-128 characters', ja: 'テンプレート名は1〜128文字です' },
  stepsRange: { ko: '단계 수는 1~{max}입니다', en: 'steps must be 1-{max}', ja: 'ステップ数は1〜{max}です' },
  tooManyFields: {
    ko: '필드는 {max}개까지입니다',
    en: 'at most {max, plural, one {# field} other {# fields}}',
    ja: 'フィールドは{max}個までです',
  },
  fieldNameLength: { ko: '1~100자의 이름이 필요합니다', en: 'needs a name of 1-100 characters', ja: '1〜100文字の名前が必要です' },
  duplicateFieldName: { ko: '"{name}" 이름이 중복되었습니다', en: 'duplicate field name "{name}"', ja: '名前「{name}」が重複しています' },
  labelTooLong: { ko: '100자 이하의 글이어야 합니다', en: 'label: text of at most 100 characters', ja: '100文字以内の文字列にしてください' },
  labelBoxNoOwner: {
    ko: 'LabelBox는 서명자가 없습니다: owner는 0이거나 생략합니다',
    en: 'a LabelBox belongs to no step: owner 0 or absent',
    ja: 'LabelBox には署名者がいません。owner は0にするか省略してください',
  },
  ownerStepRange: { ko: '1~{steps} 사이의 단계여야 합니다', en: 'must be a step from 1 to {steps}', ja: '1〜{steps}のステップを指定してください' },
  pageRange: { ko: '1~{pages} 사이의 페이지여야 합니다', en: 'must be a page from 1 to {pages}', ja: '1〜{pages}のページを指定してください' },
  mustBePoints: { ko: '숫자여야 합니다', en: 'must be a number, in PDF points', ja: '数値（PDF のポイント）を指定してください' },
  boxSizePositive: { ko: '너비와 높이는 0보다 커야 합니다', en: 'width and height must be positive', ja: '幅と高さは0より大きくしてください' },
  boxOutsidePage: {
    ko: '상자가 {page}쪽 밖으로 나갑니다',
    en: 'the box {x},{y} {width}×{height} falls outside page {page}, which is {pageWidth}×{pageHeight} points',
    ja: 'ボックスが{page}ページの外にはみ出します（ページは {pageWidth}×{pageHeight} ポイント）',
  },
  mustBeTrueOrFalse: { ko: 'true 또는 false여야 합니다', en: 'must be true or false', ja: 'true または false を指定してください' },

  // Text tags (domain/text-tags.ts, templates/read-text-tags.ts).
  tagUnclosed: {
    ko: '태그가 }}로 닫히지 않았습니다. 태그는 한 줄 안에 써야 합니다',
    en: 'the tag is not closed with }}; a tag must stay on one line',
    ja: 'タグが }} で閉じられていません。タグは1行に収めてください',
  },
  tagNoName: { ko: '태그에 이름이 없습니다: {{이름;옵션…}}', en: 'the tag has no name: {{name;options…}}', ja: 'タグに名前がありません: {{名前;オプション…}}' },
  tagBadName: {
    ko: '이름은 {max}자 이하이고 { } = 를 쓸 수 없습니다',
    en: 'a name has at most {max} characters and no { } =',
    ja: '名前は{max}文字以内で、{ } = は使えません',
  },
  tagUnknownOption: {
    ko: '알 수 없는 옵션 "{key}" ({options} 중 하나)',
    en: 'unknown option "{key}"; the options are {options}',
    ja: '不明なオプション「{key}」（{options} のいずれか）',
  },
  tagRepeatedOption: { ko: '옵션 "{key}"이(가) 두 번 있습니다', en: 'option "{key}" is given twice', ja: 'オプション「{key}」が2回指定されています' },
  tagNeedsValue: {
    ko: '옵션 "{key}"에 값이 없습니다 ({key}=…)',
    en: 'option "{key}" needs a value ({key}=…)',
    ja: 'オプション「{key}」に値がありません（{key}=…）',
  },
  tagUnknownType: {
    ko: '알 수 없는 종류 "{value}" (text, check, radio, date, picture, sign, label 중 하나)',
    en: 'unknown type "{value}"; use text, check, radio, date, picture, sign or label',
    ja: '不明な種類「{value}」（text, check, radio, date, picture, sign, label のいずれか）',
  },
  tagBadStep: {
    ko: '단계 "{value}"는 1~{steps} 사이의 정수여야 합니다',
    en: `step "{value}" must be a whole number from 1 to {steps}, the template's steps`,
    ja: 'ステップ「{value}」は1〜{steps}の整数にしてください',
  },
  tagLabelStep: {
    ko: 'label 상자는 서명자가 채우지 않으므로 step을 쓰지 않습니다',
    en: 'a label box is filled by no signer: it takes no step',
    ja: 'label ボックスは署名者が入力しないため step は指定できません',
  },
  tagLabelRequired: { ko: 'label 상자는 필수일 수 없습니다', en: 'a label box cannot be required', ja: 'label ボックスは必須にできません' },
  tagBadFlag: {
    ko: 'required 값 "{value}"는 true 또는 false여야 합니다',
    en: 'required "{value}" must be true or false',
    ja: 'required「{value}」は true か false にしてください',
  },
  tagBadNumber: {
    ko: '{key} "{value}"는 0보다 크고 {max} 이하인 숫자(포인트)여야 합니다',
    en: '{key} "{value}" must be a number of points above 0 and at most {max}',
    ja: '{key}「{value}」は0より大きく{max}以下の数（ポイント）にしてください',
  },
  tagLongLabel: { ko: 'label은 {max}자 이하여야 합니다', en: 'a label has at most {max} characters', ja: 'label は{max}文字以内にしてください' },
  tagGroupNotRadio: { ko: 'group은 radio 상자에만 씁니다', en: 'group is for radio boxes only', ja: 'group は radio ボックスにだけ指定します' },
  tagBadDefault: { ko: 'default 값: {reason}', en: 'default: {reason}', ja: 'default の値: {reason}' },
  tagOutsidePage: {
    ko: '상자가 {page}쪽 밖으로 나갑니다: width와 height를 줄이세요',
    en: 'the box falls outside page {page}: make width or height smaller',
    ja: 'ボックスが{page}ページの外にはみ出します。width か height を小さくしてください',
  },
  tagSameNameOtherType: {
    ko: '이름 "{name}"이(가) {page}쪽에서 {type}로 이미 쓰였습니다: 한 이름은 한 종류의 상자 하나입니다',
    en: 'the name "{name}" is already a {type} on page {page}; a name is one box of one type',
    ja: '名前「{name}」は{page}ページで {type} として使われています。1つの名前は1つのボックスです',
  },
  tagSameName: {
    ko: '이름 "{name}"이(가) {page}쪽에 이미 있습니다: 자리마다 다른 이름을 쓰세요 (라디오는 선택지마다 이름을 주고 group으로 묶습니다)',
    en: 'the name "{name}" is already used on page {page}; give each place its own name (radio options each have a name and share a group)',
    ja: '名前「{name}」は{page}ページで使われています。場所ごとに別の名前にしてください（ラジオは選択肢ごとに名前を付け group でまとめます）',
  },
  tagUnplaced: {
    ko: '태그가 글에 보이지만 글자의 자리를 읽을 수 없습니다: 글꼴에 유니코드 표가 없거나, 글이 세로쓰기이거나 돌아가 있습니다. 다른 글꼴로, 가로로 쓰세요',
    en: 'the tag is in the text but its glyphs cannot be placed: the font has no Unicode map Dojang reads, or the text is vertical or turned; write it horizontally in another font',
    ja: 'タグは本文にありますが文字の位置を読めません。フォントに Unicode の対応表がないか、縦書きか回転した文字です。別のフォントで横書きにしてください',
  },

  // Templates and contracts from a PDF's text tags (templates/create-template.ts, POST /api/v1/contracts).
  tagProblem: { ko: '{tag}: {problem}', en: '{tag}: {problem}', ja: '{tag}: {problem}' },
  noTextTags: {
    ko: '텍스트 태그가 없습니다: 문서에 {{이름;type=sign;step=1}} 같은 태그를 쓰거나, fields로 상자를 보내세요 (스캔한 PDF에는 글자가 없습니다)',
    en: 'no text tags found: write tags such as {{name;type=sign;step=1}} in the document, or send the boxes as fields (a scanned PDF has no text)',
    ja: 'テキストタグがありません。文書に {{名前;type=sign;step=1}} のようなタグを書くか、fields でボックスを送ってください（スキャンした PDF には文字がありません）',
  },
  stepsRequiredWithFields: {
    ko: '상자를 보낼 때는 단계 수(steps)가 필요합니다',
    en: 'steps is required when the boxes are sent as fields',
    ja: 'ボックスを送るときはステップ数（steps）が必要です',
  },
} as const;
