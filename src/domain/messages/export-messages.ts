// What Dojang says about export_api_info as a caller sends it (domain/export-config.ts).
export const exportMessages = {
  exportApiTypeChoice: {
    ko: '"ALL" 또는 "StartAndEnd"여야 합니다',
    en: 'must be "ALL" or "StartAndEnd", got {got}',
    ja: '"ALL" または "StartAndEnd" を指定してください',
  },
  exportUrlRequired: { ko: '필수 값입니다', en: 'required: the URL that receives the exports', ja: '必須の値です（エクスポートを受け取る URL）' },
  exportLinkTypeChoice: {
    ko: '"download" 또는 "viewer"여야 합니다',
    en: 'must be "download" or "viewer"',
    ja: '"download" または "viewer" を指定してください',
  },
  noLineBreaks: { ko: '줄바꿈을 포함할 수 없습니다', en: 'may not contain line breaks', ja: '改行は使えません' },
  reservedParamId: {
    ko: '"{paramId}"는 export 본문이 쓰는 키라 사용할 수 없습니다',
    en: 'reserved: the payload itself uses "{paramId}"',
    ja: '"{paramId}" はエクスポートの本文が使うキーのため使えません',
  },
  duplicateParamId: { ko: '"{paramId}"가 중복되었습니다', en: 'duplicate param_id "{paramId}"', ja: '"{paramId}" が重複しています' },
  paramValueRequired: { ko: '필수 값입니다', en: 'required: the default value, may be ""', ja: '必須の値です（既定値。"" でもかまいません）' },
  paramFieldsMustBeArray: {
    ko: '필드 이름 또는 {doc_id, field_name}의 배열이어야 합니다',
    en: 'must be an array of field names or {doc_id, field_name}',
    ja: 'フィールド名または {doc_id, field_name} の配列を指定してください',
  },
  paramFieldNeedsName: {
    ko: '필드 이름이 없습니다',
    en: 'needs a field name, or an object with field_name',
    ja: 'フィールド名がありません（フィールド名、または field_name を持つオブジェクトを指定してください）',
  },
} as const;
