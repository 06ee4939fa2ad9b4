// What is wrong with a value a caller sent for a box.
export const fieldMessages = {
  takesYesOrNo: { ko: '"Y" 또는 "N"이어야 합니다', en: 'a {type} takes "Y" or "N"', ja: '"Y" または "N" を指定してください' },
  takesDate: { ko: 'YYYY-MM-DD 형식의 날짜여야 합니다', en: 'a DatePickerBox takes a YYYY-MM-DD date', ja: 'YYYY-MM-DD 形式の日付を指定してください' },
  textTooLong: { ko: '{max}자 이하여야 합니다', en: 'at most {max} characters', ja: '{max}文字以内で入力してください' },
  takesBase64Image: {
    ko: 'base64로 인코딩된 PNG 또는 JPEG 이미지여야 합니다',
    en: 'must be a base64 PNG or JPEG image',
    ja: 'base64 でエンコードした PNG または JPEG 画像を指定してください',
  },
  imageTooLarge: {
    ko: '이미지는 1MB 이하여야 합니다 ({bytes}바이트)',
    en: 'the image is {bytes} bytes; at most 1 MB',
    ja: '画像は1MB以下にしてください（{bytes}バイト）',
  },
  onlyPngOrJpeg: { ko: 'PNG 또는 JPEG 이미지만 사용할 수 있습니다', en: 'only PNG and JPEG images are accepted', ja: 'PNG または JPEG 画像のみ使用できます' },
  oneRadioPerGroup: {
    ko: 'RadioBox 그룹 "{group}"에서는 하나만 선택할 수 있습니다',
    en: 'only one box of radio group "{group}" may be "Y"',
    ja: 'ラジオボタングループ「{group}」で選べるのは1つだけです',
  },
} as const;
