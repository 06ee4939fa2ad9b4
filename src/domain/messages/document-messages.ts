// What Dojang says about documents and PDFs: stored PDFs, page images, downloads, verification (documents/, pdf/).
export const documentMessages = {
  pdfBusy: {
    ko: 'PDF 처리가 밀려 있습니다. 잠시 후 다시 시도하세요',
    en: 'too many PDFs are being processed; try again shortly',
    ja: 'PDF の処理が混み合っています。しばらくしてから再度お試しください',
  },

  // The bounds a PDF is held to (pdf/pdf-limits.ts); sizes come as "20 MB".
  pdfFileTooLarge: { ko: 'PDF는 {max} 이하여야 합니다', en: 'the PDF is over the {max} file size bound', ja: 'PDF は {max} 以下にしてください' },
  pdfInflatesTooMuch: {
    ko: 'PDF의 압축을 풀면 {max}를 넘습니다',
    en: 'its streams inflate past the {max} bound on their total',
    ja: 'PDF を展開すると {max} を超えます',
  },
  pdfStreamTooLarge: {
    ko: 'PDF 객체 {object}의 스트림이 {max}를 넘습니다',
    en: 'the stream of object {object} inflates past the {max} bound on one stream',
    ja: 'PDF オブジェクト {object} のストリームが {max} を超えます',
  },
  pdfTooManyObjects: {
    ko: 'PDF 객체가 {max}개를 넘습니다',
    en: 'more than {max, plural, one {# object} other {# objects}}',
    ja: 'PDF のオブジェクトが {max} 個を超えています',
  },
  pdfCountClaimsTooMuch: {
    ko: 'PDF {what}의 개수가 실제 내용보다 많습니다',
    en: 'the {what} claims more entries than the stream holds',
    ja: 'PDF の{what}が示す個数が実際の内容より多くなっています',
  },
  pdfObjectStream: { ko: '객체 스트림', en: 'object stream', ja: 'オブジェクトストリーム' },
  pdfCrossReferenceStream: { ko: '상호 참조 스트림', en: 'cross-reference stream', ja: '相互参照ストリーム' },
  pdfNestedTooDeep: {
    ko: 'PDF의 중첩이 {max}단계보다 깊습니다',
    en: 'arrays and dictionaries nested deeper than {max}',
    ja: 'PDF の入れ子が {max} 段階より深くなっています',
  },
  pdfTooManyPages: {
    ko: 'PDF는 {max}쪽 이하여야 합니다',
    en: 'more than {max, plural, one {# page} other {# pages}}',
    ja: 'PDF は {max} ページ以下にしてください',
  },
  /** `detail` is what was wrong, in English. */
  pdfPageTreeBroken: {
    ko: 'PDF의 페이지 구조가 잘못되었습니다',
    en: 'the page tree is broken: {detail}',
    ja: 'PDF のページ構造が正しくありません',
  },
  pdfPageSizeUnusable: {
    ko: 'PDF {page}쪽의 크기가 올바르지 않습니다',
    en: 'page {page} has no usable size',
    ja: 'PDF の {page} ページ目のサイズが正しくありません',
  },
  pdfEncrypted: {
    ko: '암호화된 PDF는 사용할 수 없습니다',
    en: 'the PDF is encrypted; upload an unencrypted copy',
    ja: '暗号化された PDF は使用できません',
  },
  /** `detail` is the parser's words, in English. */
  pdfUnreadable: { ko: 'PDF를 읽을 수 없습니다', en: 'the PDF could not be read: {detail}', ja: 'PDF を読み込めません' },
  notPdf: { ko: 'PDF 파일이 아닙니다', en: 'not a PDF file: no %PDF- header', ja: 'PDF ファイルではありません' },
  pdfTooSlow: {
    ko: 'PDF 처리가 {seconds}초를 넘었습니다',
    en: 'working on the PDF took longer than the {seconds} s bound',
    ja: 'PDF の処理が {seconds} 秒を超えました',
  },
  pdfNeedsTooMuchMemory: {
    ko: 'PDF 처리에 메모리가 {mb} MB보다 많이 필요합니다',
    en: 'reading the PDF needs more than the {mb} MB memory bound',
    ja: 'PDF の処理に {mb} MB を超えるメモリーが必要です',
  },
} as const;
