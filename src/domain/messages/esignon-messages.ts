// What Dojang says about eSignon's API: result_msg of each call (http/esignon/); the Korean is the reference pages' words, kept as they are.
export const esignonMessages = {
  // What a call that worked answers.
  esignonSuccess: { ko: 'Success', en: 'Success', ja: '成功しました。' },
  loggedIn: { ko: '성공적으로 로그인되었습니다.', en: 'Logged in.', ja: 'ログインしました。' },
  workflowStarted: { ko: 'Work Flow가 시작됩니다.', en: 'The workflow has started.', ja: 'ワークフローを開始しました。' },
  previewReady: { ko: 'success (preview url)', en: 'success (preview url)', ja: 'success (preview url)' },
  actionDone: { ko: '성공하였습니다.', en: 'Done.', ja: '完了しました。' },
  canceledOrDisposed: { ko: '폐기/취소를 성공했습니다.', en: 'Canceled, disposed of or deleted.', ja: '取消・廃棄しました。' },
  templateListed: { ko: '파일 리스트입니다.', en: 'The template list.', ja: 'テンプレートの一覧です。' },
  signerReminded: { ko: 'Remind를 성공 하었습니다.', en: 'The signer was reminded.', ja: 'リマインドを送信しました。' },
  searchResults: { ko: '필드 상태가 검색되었습니다.', en: 'Search results.', ja: '検索結果です。' },
  bulkStarted: {
    ko: 'Work Flow bulk Sending이 시작됩니다. ({started}/{total})',
    en: 'Bulk sending started: {started} of {total, plural, one {# workflow} other {# workflows}}.',
    ja: '一括送信を開始しました（{started}/{total}件）。',
  },
  bulkNoneStarted: {
    ko: '실패하였습니다. ({total}건 모두 시작하지 못했습니다: workflow_list 참조)',
    en: '{total, plural, one {The # entry did not start} other {None of the # entries started}}: see workflow_list.',
    ja: '{total}件すべて開始できませんでした（workflow_list を参照）。',
  },

  // Refusals of any call.
  badAccessToken: {
    ko: '인증키가 올바르지 않습니다.',
    en: 'The access token is missing, expired or unknown: send Authorization: esignon <token>.',
    ja: '認証キーが正しくありません（Authorization: esignon <token> を送ってください）。',
  },
  tokenOfOtherCompany: {
    ko: 'API를 호출할 수 없는 회사입니다. (이 토큰은 {company} 회사의 것입니다)',
    en: 'This token belongs to company {company}.',
    ja: 'このトークンは会社 {company} のものです。',
  },
  bodyNotJson: {
    ko: '수신 메세지의 Body 정보가 잘못된 형태여서 파싱하지 못했습니다.',
    en: 'The body is not JSON.',
    ja: '受信メッセージのBodyを解析できませんでした（JSONではありません）。',
  },
  unexpectedException: { ko: 'Unexpected exception', en: 'Unexpected exception', ja: 'Unexpected exception' },
  unknownCommonRequestCode: {
    ko: '지원하지 않는 request_code입니다',
    en: 'unknown request_code "{code}"; Common.do answers {known}',
    ja: 'サポートしていない request_code です（"{code}"。Common.do が受け付けるのは {known} です）',
  },
  unknownSearchRequestCode: {
    ko: '지원하지 않는 request_code입니다',
    en: 'search answers 5008Q and 5009Q, not "{code}"',
    ja: 'サポートしていない request_code です（search が受け付けるのは 5008Q と 5009Q で、"{code}" ではありません）',
  },
  numberFromOneTo: { ko: '1~{max} 사이의 숫자여야 합니다', en: '{name} must be a number from 1 to {max}', ja: '1〜{max}の数を指定してください' },
  workflowIdRequired: { ko: '문서 ID가 필요합니다', en: 'workflow_id is required', ja: '文書IDが必要です' },

  // 1001Q login.
  loginRefused: { ko: '로그인 정보가 정확하지 않습니다.', en: 'Wrong company, email or password.', ja: 'ログイン情報が正しくありません。' },
  loginLocked: {
    ko: '로그인 실패가 {failures}번 이어져 {until}(UTC)까지 로그인할 수 없습니다.',
    en: 'Too many wrong passwords for this email ({failures} in a row): locked until {until}.',
    ja: 'ログインに{failures}回失敗したため、{until}(UTC)までログインできません。',
  },

  // The info calls (v2, company).
  workflowLookupFailed: {
    ko: '문서 정보 조회가 실패했습니다. id를 확인하세요.',
    en: 'No such workflow: check the id.',
    ja: '文書情報の照会に失敗しました。IDを確認してください。',
  },
  templateLookupFailed: {
    ko: '문서 정보 조회가 실패했습니다. id를 확인하세요.',
    en: 'No such template: check the id.',
    ja: 'テンプレート情報の照会に失敗しました。IDを確認してください。',
  },
  companyLookupFailed: { ko: '회사 정보 조회가 실패했습니다.', en: 'The company could not be read.', ja: '会社情報の照会に失敗しました。' },

  // 5010Q action.
  commandCfOrRt: { ko: 'CF(승인) 또는 RT(반려)여야 합니다', en: 'command must be CF or RT', ja: 'CF（承認）または RT（差し戻し）を指定してください' },
  actionIdStepNumber: { ko: '단계 번호여야 합니다', en: 'action_id must be a step number', ja: 'ステップ番号を指定してください' },
  mustBeWorkflowId: { ko: '문서 ID여야 합니다', en: 'workflow_id must be a workflow id', ja: '文書IDを指定してください' },
  notSignerOfStep: { ko: '{step}단계 서명자가 아닙니다', en: 'memb_email is not the signer of step {step}', ja: 'ステップ{step}の署名者ではありません' },

  // 1510Q cancel, dispose, delete.
  companyCommandUnknown: {
    ko: 'CANCEL, DISPOSAL, DELETE 중 하나여야 합니다',
    en: 'command must be CANCEL, DISPOSAL or DELETE',
    ja: 'CANCEL、DISPOSAL、DELETE のいずれかを指定してください',
  },

  // 1410Q bulk start.
  bulkTemplateMissing: {
    ko: '해당 Work Flow Library가 존재하지 않습니다.',
    en: 'no template {id} in this company',
    ja: '該当する Work Flow Library が存在しません（テンプレートID: {id}）。',
  },
  bulkTemplateSteps: {
    ko: '작성자 설정이 올바르지 않습니다.',
    en: 'bulk start needs a template of one or two steps; template {id} has {steps}',
    ja: '作成者の設定が正しくありません（一括送信には1〜2ステップのテンプレートが必要です。テンプレート {id} は{steps}ステップです）。',
  },
  bulkCreatorNotMember: {
    ko: '작성자 설정이 올바르지 않습니다.',
    en: 'step 2 of a two-step bulk start without customer_list is the creator, memb_email {email}, who is no active member of this company',
    ja: '作成者の設定が正しくありません（customer_list のない2ステップの一括送信では、ステップ2は作成者 memb_email {email} ですが、この会社の有効なメンバーではありません）。',
  },

  // 5008Q, 5009Q search.
  searchNoConditions: {
    ko: '검색 조건이 없습니다.',
    en: 'field_list is empty: give {doc_uid, field_name, field_value}',
    ja: '検索条件がありません（field_list が空です。{doc_uid, field_name, field_value} を指定してください）。',
  },
  searchConditionIncomplete: {
    ko: '필수 검색 조건이 없습니다.',
    en: 'field_list[{index}] needs field_name and field_value',
    ja: '必須の検索条件がありません（field_list[{index}] には field_name と field_value が必要です）。',
  },
  searchDatesMissing: {
    ko: '필수 검색 조건이 없습니다.',
    en: 'start_date and end_date are required, YYYY-MM-DD',
    ja: '必須の検索条件がありません（start_date と end_date を YYYY-MM-DD で指定してください）。',
  },
  searchBadDates: {
    ko: '날짜 형식이 잘못되었습니다.',
    en: 'start_date and end_date must be YYYY-MM-DD, got "{start}", "{end}"',
    ja: '日付の形式が正しくありません（start_date と end_date は YYYY-MM-DD です。"{start}", "{end}" が指定されました）。',
  },
  searchStartAfterEnd: {
    ko: 'start_date({start})가 end_date({end})보다 늦습니다',
    en: 'start_date ({start}) is after end_date ({end})',
    ja: 'start_date（{start}）が end_date（{end}）より後です',
  },
  mustBeTemplateId: { ko: '서식 ID여야 합니다', en: 'doc_uid must be a template id', ja: 'テンプレートIDを指定してください' },
  searchDateTypeStartOrEnd: { ko: 'START 또는 END여야 합니다', en: 'search_date_type must be START or END', ja: 'START または END を指定してください' },
} as const;
