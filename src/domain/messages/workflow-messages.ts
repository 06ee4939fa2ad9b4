// What Dojang says about starting, acting on and changing workflows (services in workflows/).
export const workflowMessages = {
  // The lifecycle's refusals (domain/workflow-machine.ts).
  notPlaying: {
    ko: '진행 중인 문서가 아닙니다 (상태: {status})',
    en: 'the workflow is {status}, not Playing',
    ja: '進行中の文書ではありません（状態: {status}）',
  },
  notCurrentStep: {
    ko: '현재 작성 단계는 {current}입니다',
    en: 'step {step} is not the current step {current}',
    ja: '現在の作成ステップは {current} です',
  },
  commandNeedsStatus: {
    ko: '{command}는 {from} 상태의 문서에만 할 수 있습니다 (현재 {status})',
    en: '{command} needs a {from} workflow; this one is {status}',
    ja: '{command} は {from} 状態の文書にのみ実行できます（現在 {status}）',
  },

  noWorkflow: { ko: '문서를 찾을 수 없습니다 (문서 ID {id})', en: 'no workflow {id}', ja: '文書が見つかりません（文書ID {id}）' },
  /** startsimple's doc_id, in the words of eSignon's page (the console says apiMessages.noTemplate). */
  noTemplateToStart: { ko: '존재하지 않는 서식입니다 (서식아이디:{id})', en: 'no template {id}', ja: '存在しないテンプレートです（テンプレートID: {id}）' },
  noTemplateInCompany: {
    ko: '존재하지 않는 서식입니다 (서식아이디:{id})',
    en: 'no template {id} in this company',
    ja: '存在しないテンプレートです（テンプレートID: {id}）',
  },
  noSuchField: { ko: '서식에 "{name}" 필드가 없습니다', en: 'the template has no field "{name}"', ja: 'テンプレートに「{name}」フィールドがありません' },

  // A signer's action (workflows/act-on-workflow.ts).
  fieldOfAnotherStep: {
    ko: '{step}단계 서명자가 입력할 수 없는 필드입니다',
    en: 'field "{name}" belongs to {owner, plural, =0 {no step} other {step #}}, not step {step}',
    ja: 'ステップ{step}の署名者が入力できないフィールドです',
  },
  requiredFieldsEmpty: {
    ko: '필수항목이 남아있어 진행할 수 없습니다: {fields}',
    en: 'required fields are empty: {fields}',
    ja: '必須項目が未入力のため進めません: {fields}',
  },
  stepActedFirst: {
    ko: '다른 요청이 이 단계를 먼저 처리했습니다',
    en: 'another action on this step was applied first',
    ja: '別のリクエストがこのステップを先に処理しました',
  },

  // startsimple's input (workflows/start-request.ts).
  languageChoice: {
    ko: 'ko-KR, en-US, ja-JP 중 하나여야 합니다',
    en: 'language must be ko-KR, en-US or ja-JP',
    ja: 'ko-KR、en-US、ja-JP のいずれかを指定してください',
  },
  workflowNameLength: { ko: '문서명은 1~128자로 입력해주세요', en: 'workflow_name must be 1-128 characters', ja: '文書名は1～128文字で入力してください' },
  workflowNameForbidden: {
    ko: '문서이름에 특수문자를 포함할 수 없습니다',
    en: `workflow_name may not contain ' " \\ / : | < > . ?`,
    ja: '文書名に特殊文字は使えません',
  },
  docIdRequired: { ko: '시작할 서식 ID가 필요합니다', en: 'doc_id is required', ja: '開始するテンプレートのIDが必要です' },
  commentTooLong: {
    ko: '메세지 글자수를 초과했습니다 (250자 제한)',
    en: 'comment: at most 250 characters',
    ja: 'メッセージの文字数が上限（250文字）を超えています',
  },
  timezoneOffsetFormat: {
    ko: 'timezone_offset의 형식이 잘못되었습니다 ( +XX:XX or -XX:XX )',
    en: 'timezone_offset must look like +09:00',
    ja: 'timezone_offset の形式が正しくありません（+XX:XX または -XX:XX）',
  },
  /** A list that is not one, named in English (field_list, customer_list). */
  listMustBeArray: { ko: '배열이어야 합니다', en: '{list} must be an array', ja: '配列を指定してください' },
  fieldListEntryShape: {
    ko: '{field_name, field_value} 객체여야 합니다',
    en: 'must be {field_name, field_value}',
    ja: '{field_name, field_value} のオブジェクトを指定してください',
  },
  fieldValueMustBeString: { ko: '문자열이어야 합니다', en: 'field_value must be a string', ja: '文字列を指定してください' },
  fieldNameRequired: { ko: '필드명이 필요합니다', en: 'field_name is required', ja: 'フィールド名が必要です' },
  playerListRequired: {
    ko: '서명하는 고객의 정보가 필요합니다',
    en: 'player_list is required: one player per step',
    ja: '署名する人の情報が必要です',
  },
  fieldOwnerNotStep: { ko: '단계 번호여야 합니다', en: 'field_owner must be a step number, got {got}', ja: 'ステップ番号を指定してください' },
  playerIdentityRequired: {
    ko: '이메일 또는 휴대폰 번호가 필요합니다',
    en: 'email is required: an email address or a mobile number',
    ja: 'メールアドレスまたは携帯電話番号が必要です',
  },
  notKoreanMobileExample: {
    ko: '휴대폰 형식이 맞지 않습니다 ( - 유무 상관없음 )',
    en: 'not a Korean mobile number, e.g. 010-1234-5678',
    ja: '携帯電話番号の形式が正しくありません（例: 010-1234-5678）',
  },
  notKoreanMobile: { ko: '휴대폰 형식이 맞지 않습니다 ( - 유무 상관없음 )', en: 'not a Korean mobile number', ja: '携帯電話番号の形式が正しくありません' },
  notEmailAddress: { ko: '이메일 형식이 맞지 않습니다', en: 'not an email address', ja: 'メールアドレスの形式が正しくありません' },
  playerNameRequired: { ko: 'player_list의 name 값은 필수로 입력하셔야 합니다', en: 'name is required', ja: 'player_list の name は必須です' },
  playerNameForbidden: {
    ko: '이름에 특수문자를 포함할 수 없습니다',
    en: `name: at most 64 characters, none of ' " \\ / : | < > . ?`,
    ja: '名前に特殊文字は使えません（64文字以内）',
  },
  mobileCertNeedsNumber: {
    ko: '휴대폰 인증에는 휴대폰 번호가 필요합니다',
    en: 'enable_mobile_cert is "true": mobile_number is required',
    ja: '携帯電話認証には携帯電話番号が必要です',
  },
  passwordCertNeedsPassword: {
    ko: '비밀번호 인증에는 비밀번호가 필요합니다',
    en: 'enable_password_cert is "true": password is required',
    ja: 'パスワード認証にはパスワードが必要です',
  },
  passwordLength: {
    ko: '비밀번호인증 비밀번호(password)는 4~15자로 입력해주세요',
    en: 'password: 4-15 characters',
    ja: '認証パスワード（password）は4～15文字で入力してください',
  },
  passwordHangul: { ko: '비밀번호에 한글은 입력할 수 없습니다', en: 'password may not contain Hangul', ja: 'パスワードにハングルは使えません' },
  passwordQuotes: { ko: `비밀번호에 특수문자[' "]를 입력할 수 없습니다`, en: `password may not contain ' or "`, ja: `パスワードに特殊文字［' "］は使えません` },
  passwordHintTooLong: {
    ko: '비밀번호인증 힌트는 50자 이하로 입력해주세요',
    en: 'password_hint: at most 50 characters',
    ja: 'パスワードのヒントは50文字以内で入力してください',
  },
  refererIdentity: {
    ko: '이메일 또는 휴대폰 번호여야 합니다',
    en: 'an email address or a Korean mobile number',
    ja: 'メールアドレスまたは携帯電話番号を指定してください',
  },
  refererNameRequired: { ko: '참조자 이름이 필요합니다', en: 'name is required', ja: '参照者の名前が必要です' },
  playerCountMismatch: {
    ko: '설정한 문서작성자 수( {players} )와 서식의 문서작성자 수( {steps} )가 일치하지 않습니다',
    en: 'the template has {steps, plural, one {# step} other {# steps}}; player_list has {players, plural, one {# player} other {# players}}',
    ja: '指定した作成者の数（{players}）とテンプレートの作成者の数（{steps}）が一致しません',
  },
  fieldOwnersNotEachStep: {
    ko: 'field_owner는 1부터 {steps}까지 한 번씩이어야 합니다 ({got})',
    en: 'field_owner must be 1..{steps}, each once; got {got}',
    ja: 'field_owner は1から{steps}まで1回ずつ指定してください（{got}）',
  },
  signBoxNotPrefilled: { ko: '서명은 미리 입력할 수 없습니다', en: 'a SignBox is signed by its signer, not prefilled', ja: '署名は事前に入力できません' },

  // Starting (workflows/start-workflow.ts).
  templateChangedWhileStarting: {
    ko: '서식이 방금 수정되었습니다. 다시 요청하세요',
    en: 'template {id} was changed while this contract was being started; send the request again',
    ja: 'テンプレートが変更されたところです。もう一度送信してください',
  },
  /** The export address guard's reason (exports/assert-export-url.ts) is in English only. */
  exportUrlRefused: {
    ko: 'Export API 주소로 보낼 수 없습니다: {reason}',
    en: '{reason}',
    ja: 'Export API の送信先に送信できません: {reason}',
  },
  expiryFormat: {
    ko: '날짜형식이 잘못되었습니다',
    en: 'expireddate must be YYYY-MM-DD, got "{expireddate}"',
    ja: '日付の形式が正しくありません（YYYY-MM-DD）',
  },
  expiryPast: {
    ko: '지난 날짜를 만료일로 설정할 수 없습니다 ({expireddate})',
    en: 'expireddate {expireddate} is in the past',
    ja: '過去の日付は有効期限に設定できません（{expireddate}）',
  },
  starterNotMember: {
    ko: '시작하는 사람(memb_email:{email})은 회사에 가입된 사람이여야 합니다',
    en: 'the starter ({email}) must be a member of the company',
    ja: '開始する人（memb_email: {email}）は会社のメンバーである必要があります',
  },

  // 대량전송 (workflows/bulk-start-workflows.ts).
  bulkEntriesRequired: {
    ko: '서명하는 고객의 정보가 필요합니다',
    en: 'unset_player_list: one entry per workflow to start',
    ja: '署名する人の情報が必要です',
  },
  bulkTooManyEntries: {
    ko: '한 번에 {max}건까지 보낼 수 있습니다',
    en: 'at most {max, plural, one {# entry} other {# entries}} per call',
    ja: '一度に送信できるのは{max}件までです',
  },
  bulkTemplateRequired: {
    ko: '서식의 lib_id가 필요합니다',
    en: 'workflow_lib_id is required: file_workflow_library_id of 1123Q',
    ja: 'テンプレートの lib_id が必要です',
  },

  // 재전송, cancel, disposal, downloads.
  resendComplete: { ko: '완료 상태의 문서는 재전송을 할 수 없습니다.', en: 'the workflow is complete', ja: '完了した文書は再送信できません。' },
  resendCanceled: { ko: '취소 상태의 문서는 재전송을 할 수 없습니다.', en: 'the workflow is canceled', ja: '取り消された文書は再送信できません。' },
  embedSendsNothing: {
    ko: 'embed 모드에서는 알림을 보내지 않습니다',
    en: 'embed mode: Dojang sends no messages; hand the signer the play_url yourself',
    ja: 'embed モードでは通知を送りません（play_url を署名者に渡してください）',
  },
  disposalNeedsReason: { ko: '폐기 사유가 필요합니다', en: 'DISPOSAL needs a description: the reason', ja: '廃棄の理由が必要です' },
  workflowChangedFirst: {
    ko: '다른 요청이 먼저 처리되었습니다',
    en: 'another change to this workflow was applied first',
    ja: '別のリクエストが先に処理されました',
  },
  workflowDisposed: { ko: '폐기된 문서입니다', en: 'the workflow was disposed of: its documents are no longer served', ja: '廃棄された文書です' },
  workflowNotComplete: {
    ko: '완료된 문서가 아닙니다 (상태: {status})',
    en: 'the workflow is {status}: only a complete workflow has documents',
    ja: '完了した文書ではありません（状態: {status}）',
  },
  previewNeedsTemplate: {
    ko: '미리보기는 저장된 서식으로만 만들 수 있습니다 (POST /api/v1/templates 후 startsimple)',
    en: 'a preview needs a stored template: create it with POST /api/v1/templates, then preview it with startsimple',
    ja: 'プレビューは保存済みのテンプレートでのみ作成できます（POST /api/v1/templates の後 startsimple）',
  },
} as const;
