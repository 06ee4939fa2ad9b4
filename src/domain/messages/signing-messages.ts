// What Dojang says about the signer's side: links, verification, drafts, completing (signing/).
export const signingMessages = {
  noSigningLink: { ko: '서명 링크를 찾을 수 없습니다', en: 'no signing link with this token', ja: '署名リンクが見つかりません' },
  signingLinkExpired: { ko: '서명 링크의 유효기간이 지났습니다', en: 'this signing link has expired', ja: '署名リンクの有効期限が切れています' },
  signingLinkClosed: { ko: '이미 처리된 서명 링크입니다', en: 'this signing link no longer permits actions', ja: 'この署名リンクはすでに処理されています' },
  documentFileMissing: { ko: '문서 파일을 찾을 수 없습니다', en: 'the document file is missing', ja: '文書ファイルが見つかりません' },

  // Verification (signing/verify-signer.ts, send-sign-code.ts, sign-guard.ts).
  verificationRequired: { ko: '본인 인증이 필요합니다', en: 'verify with the password or the code first', ja: '本人認証が必要です' },
  noMobileToVerify: {
    ko: '이 서명자는 휴대폰 인증이 없습니다',
    en: 'this signer has no mobile number to verify',
    ja: 'この署名者には携帯電話認証がありません',
  },
  noPasswordToVerify: { ko: '이 서명자는 비밀번호 인증이 없습니다', en: 'this signer has no password', ja: 'この署名者にはパスワード認証がありません' },
  noActiveCode: {
    ko: '유효한 인증번호가 없습니다. 인증번호를 다시 받으세요',
    en: 'no code is active: send a new one',
    ja: '有効な認証番号がありません。認証番号をもう一度受け取ってください',
  },
  codeResendWait: {
    ko: '인증번호는 {seconds}초 후에 다시 받을 수 있습니다',
    en: 'a new code can be sent in {seconds} s',
    ja: '認証番号は{seconds}秒後に再度受け取れます',
  },
  wrongPassword: {
    ko: '비밀번호가 맞지 않습니다',
    en: 'wrong password; {attemptsLeft, plural, one {# try left} other {# tries left}}',
    ja: 'パスワードが正しくありません（残り{attemptsLeft}回）',
  },
  wrongCode: {
    ko: '인증번호가 맞지 않습니다',
    en: 'wrong code; {attemptsLeft, plural, one {# try left} other {# tries left}}',
    ja: '認証番号が正しくありません（残り{attemptsLeft}回）',
  },
  lockedAfterTries: {
    ko: '입력 횟수를 초과하여 {minutes}분간 잠겼습니다',
    en: 'too many wrong tries: locked for {minutes, plural, one {# minute} other {# minutes}}, until {until}',
    ja: '入力回数の上限を超えたため、{minutes}分間ロックされました',
  },

  // Completing and drafts (signing/complete-signing.ts, sign-drafts.ts).
  returnNeedsReason: { ko: '반려 사유를 입력하세요', en: 'a return needs a reason', ja: '差し戻しの理由を入力してください' },
  notSignersBox: { ko: '이 서명자가 채우는 칸이 아닙니다', en: '"{name}" is not a box of this signer', ja: 'この署名者が入力する欄ではありません' },
} as const;
