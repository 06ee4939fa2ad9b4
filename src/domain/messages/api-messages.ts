// What Dojang says about Dojang's own API, the signer's API and the console's routes (http/v1, http/sign, http/console).
export const apiMessages = {
  // Any door.
  mustBeOneOf: { ko: '{choices} 중 하나여야 합니다', en: 'must be one of {choices}', ja: '{choices} のいずれかを指定してください' },
  tooManyRequests: {
    ko: '요청이 너무 많습니다. {seconds}초 후에 다시 시도하세요',
    en: 'too many requests: try again in {seconds} s',
    ja: 'リクエストが多すぎます。{seconds}秒後にもう一度お試しください',
  },

  // Dojang's own API (http/v1).
  bearerTokenRequired: {
    ko: 'Authorization: Bearer <token> (또는 esignon <token>)으로 로그인(1001Q)에서 받은 토큰을 보내세요.',
    en: 'Send Authorization: Bearer <token> (or esignon <token>) with a token from login (1001Q).',
    ja: 'ログイン（1001Q）で受け取ったトークンを Authorization: Bearer <token>（または esignon <token>）で送ってください。',
  },
  notJsonText: { ko: 'JSON 형식이 올바르지 않습니다', en: 'not valid JSON', ja: 'JSON の形式が正しくありません' },
  noFileInUpload: { ko: 'PDF 파일이 없습니다', en: 'no file in the upload', ja: 'PDF ファイルがありません' },
  verifyNeedsPdf: {
    ko: 'application/pdf 본문, multipart의 pdf 파일, 또는 {"pdf": base64}가 필요합니다',
    en: 'send the PDF as the body, a multipart file, or {"pdf": base64}',
    ja: 'application/pdf の本文、multipart の pdf ファイル、または {"pdf": base64} で PDF を送ってください',
  },

  // The signer's API and the preview (http/sign).
  noSuchPage: { ko: '{page}쪽이 없습니다', en: 'the document has no page {page}', ja: '{page}ページはありません' },
  previewLinkInvalid: {
    ko: '미리보기 링크가 잘못되었거나 만료되었습니다',
    en: 'the preview link is wrong or has expired',
    ja: 'プレビューのリンクが正しくないか、期限が切れています',
  },
  passwordOrOtp: {
    ko: 'password 또는 otp 중 하나를 보내세요',
    en: 'send exactly one of password and otp',
    ja: 'password または otp のどちらか一方を送ってください',
  },

  // The console's routes (http/console).
  noContract: { ko: '계약을 찾을 수 없습니다 (계약 번호 {id})', en: 'no contract {id}', ja: '契約が見つかりません（契約番号 {id}）' },
  noTemplate: { ko: '서식을 찾을 수 없습니다 (서식 ID {id})', en: 'no template {id}', ja: 'テンプレートが見つかりません（テンプレートID {id}）' },
  notADate: { ko: 'YYYY-MM-DD 형식의 날짜가 아닙니다: {value}', en: 'not a date: {value}', ja: 'YYYY-MM-DD 形式の日付ではありません: {value}' },
  newTemplateNeedsPdf: { ko: 'PDF가 필요합니다', en: 'a new template needs its PDF', ja: '新しいテンプレートには PDF が必要です' },
  notAConsoleRoute: {
    ko: '{method} {path}는 콘솔의 경로가 아닙니다',
    en: '{method} {path} is not a console route',
    ja: '{method} {path} はコンソールのルートではありません',
  },
  crossSiteRefused: {
    ko: '다른 사이트에서 온 요청은 받지 않습니다: Origin이 이 콘솔이 아닙니다',
    en: 'cross-site request refused: the Origin is not this console',
    ja: '他のサイトからのリクエストは受け付けません。Origin がこのコンソールではありません',
  },
  consoleLogInFirst: { ko: '먼저 콘솔에 로그인하세요', en: 'log in to the console first', ja: '先にコンソールにログインしてください' },
  csrfTokenRequired: {
    ko: '세션의 CSRF 토큰을 {header} 헤더로 보내세요 (GET /console/api/session에서 받습니다)',
    en: "send the session's CSRF token as {header} (from GET /console/api/session)",
    ja: 'セッションの CSRF トークンを {header} ヘッダーで送ってください（GET /console/api/session で取得できます）',
  },
  consolePasswordLoginOff: {
    ko: '이 콘솔은 비밀번호로 로그인하지 않습니다: 회사의 ID 공급자로 로그인하세요 (GET /console/api/login-methods)',
    en: "the console takes no passwords here: sign in through the company's identity provider (GET /console/api/login-methods)",
    ja: 'このコンソールはパスワードでのログインを受け付けません。会社の ID プロバイダーでログインしてください（GET /console/api/login-methods）',
  },
  consoleLoginLocked: {
    ko: '비밀번호가 여러 번 틀렸습니다: {until} 이후에 다시 시도하세요',
    en: 'too many wrong passwords: try again after {until}',
    ja: 'パスワードの誤りが多すぎます。{until} 以降にもう一度お試しください',
  },
  consoleLoginRefused: {
    ko: '회사, 이메일 또는 비밀번호가 올바르지 않습니다',
    en: 'wrong company, email or password',
    ja: '会社、メールアドレスまたはパスワードが正しくありません',
  },
} as const;
