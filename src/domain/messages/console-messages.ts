// What Dojang says about the operator's console services: members, tokens, templates saved, redelivery (console/, accounts/).
export const consoleMessages = {
  /** `action` is AdminAction's English words (accounts/permissions.ts). */
  adminOnly: { ko: '회사 관리자만 할 수 있습니다', en: 'only a company admin may {action}', ja: '会社の管理者のみ実行できます' },

  // Templates saved from the editor (console/save-template.ts).
  templateReplaced: {
    ko: '서식 {id}은(는) 서식 {newId}(으)로 바뀌었습니다. 그 서식을 수정하세요',
    en: 'template {id} was replaced by template {newId}; edit that one',
    ja: 'テンプレート {id} はテンプレート {newId} に置き換えられました。そちらを編集してください',
  },
  templatePdfMissing: { ko: '서식 {id}의 PDF 파일이 없습니다', en: 'the PDF of template {id} is missing', ja: 'テンプレート {id} の PDF ファイルがありません' },

  // A contract's PDF (console/contract-document.ts).
  // "no contract {id}" and "no template {id}" are apiMessages' noContract and noTemplate, said by the console's routes too.
  contractDisposed: {
    ko: '계약 {id}은(는) 폐기되어 문서를 더 이상 제공하지 않습니다',
    en: 'contract {id} was disposed of: its documents are no longer served',
    ja: '契約 {id} は廃棄されたため、文書は提供されません',
  },
  contractTemplatePdfMissing: {
    ko: '계약 {id}의 서식 PDF 파일이 없습니다',
    en: 'the template PDF of contract {id} is missing',
    ja: '契約 {id} のテンプレート PDF ファイルがありません',
  },

  // Export events sent again (console/redeliver-exports.ts).
  noExportEvent: { ko: 'Export 이벤트 {id}을(를) 찾을 수 없습니다', en: 'no export event {id}', ja: 'Export イベント {id} が見つかりません' },
  exportEventCleared: {
    ko: 'Export 이벤트 {id}의 내용은 {clearedAt}에 보관 기간(DOJANG_RETENTION_DAYS)이 지나 지워졌으므로 다시 보낼 수 없습니다',
    en: 'export event {id} was cleared on {clearedAt} (DOJANG_RETENTION_DAYS): its payload is no longer kept, so it cannot be sent again',
    ja: 'Export イベント {id} の内容は {clearedAt} に保存期間（DOJANG_RETENTION_DAYS）を過ぎて削除されたため、再送信できません',
  },
  exportEventInFlight: {
    ko: 'Export 이벤트 {id}을(를) 지금 보내는 중입니다. 이번 시도가 끝난 뒤 다시 시도하세요',
    en: 'export event {id} is being delivered right now; try again when the attempt is over',
    ja: 'Export イベント {id} は現在送信中です。今回の送信が終わってから再度お試しください',
  },

  // Named API tokens and members (console/api-tokens.ts, company-members.ts).
  nameLength: { ko: '이름은 1~100자입니다', en: 'a name of 1-100 characters', ja: '名前は1～100文字で入力してください' },
  tokenDaysChoice: { ko: '{choices} 중 하나여야 합니다', en: 'days must be one of {choices}', ja: '{choices} のいずれかを指定してください' },
  noApiToken: { ko: '해당 API 토큰이 없습니다', en: 'no such API token', ja: '該当する API トークンがありません' },
  memberEmailInvalid: { ko: '이메일 주소가 아닙니다', en: 'not an email address: {email}', ja: 'メールアドレスではありません' },
  memberPasswordTooShort: { ko: '비밀번호는 8자 이상입니다', en: 'a password needs at least 8 characters', ja: 'パスワードは8文字以上にしてください' },
  alreadyMember: {
    ko: '이미 이 회사의 구성원입니다',
    en: '{email} is already a member of this company',
    ja: 'すでにこの会社のメンバーです',
  },
  alreadyMemberEmail: { ko: '이미 이 회사의 구성원입니다', en: '{email} is already a member', ja: 'すでにこの会社のメンバーです' },
  cannotRemoveSelf: {
    ko: '자기 자신은 삭제할 수 없습니다. 다른 관리자에게 요청하세요',
    en: 'an admin cannot remove themself: ask another admin',
    ja: '自分自身は削除できません。ほかの管理者に依頼してください',
  },
  noMember: { ko: '해당 구성원이 없습니다', en: 'no such member', ja: '該当するメンバーがいません' },
  lastAdminDemote: {
    ko: '마지막 관리자는 멤버로 바꿀 수 없습니다. 먼저 다른 관리자를 지정하세요',
    en: 'the last admin cannot be made a member: make another admin first',
    ja: '最後の管理者はメンバーに変更できません。先にほかの管理者を指定してください',
  },
  lastAdminRemove: {
    ko: '마지막 관리자는 삭제할 수 없습니다. 먼저 다른 관리자를 지정하세요',
    en: 'the last admin cannot be removed: make another admin first',
    ja: '最後の管理者は削除できません。先にほかの管理者を指定してください',
  },
} as const;
