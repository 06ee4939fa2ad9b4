// What eSignon's API says in result_msg, in Korean (the reference pages' words, kept as they are),
// English and Japanese; envelope() picks the request's language.
import { localized } from '../../domain/localized.ts';

export const SAID = {
  success: localized('Success', 'Success', '成功しました。'),
  loggedIn: localized('성공적으로 로그인되었습니다.', 'Logged in.', 'ログインしました。'),
  started: localized('Work Flow가 시작됩니다.', 'The workflow has started.', 'ワークフローを開始しました。'),
  preview: localized('success (preview url)', 'success (preview url)', 'success (preview url)'),
  acted: localized('성공하였습니다.', 'Done.', '完了しました。'),
  canceledOrDisposed: localized('폐기/취소를 성공했습니다.', 'Canceled, disposed of or deleted.', '取消・廃棄しました。'),
  templateList: localized('파일 리스트입니다.', 'The template list.', 'テンプレートの一覧です。'),
  reminded: localized('Remind를 성공 하었습니다.', 'The signer was reminded.', 'リマインドを送信しました。'),
  searched: localized('필드 상태가 검색되었습니다.', 'Search results.', '検索結果です。'),
  bulkStarted: (started: number, total: number) =>
    localized(
      `Work Flow bulk Sending이 시작됩니다. (${started}/${total})`,
      `Bulk sending started: ${started} of ${total} workflows.`,
      `一括送信を開始しました（${started}/${total}件）。`,
    ),
  bulkNoneStarted: (total: number) =>
    localized(
      `실패하였습니다. (${total}건 모두 시작하지 못했습니다: workflow_list 참조)`,
      `None of the ${total} entries started: see workflow_list.`,
      `${total}件すべて開始できませんでした（workflow_list を参照）。`,
    ),

  badToken: localized(
    '인증키가 올바르지 않습니다.',
    'The access token is missing, expired or unknown: send Authorization: esignon <token>.',
    '認証キーが正しくありません（Authorization: esignon <token> を送ってください）。',
  ),
  otherCompany: (company: string) =>
    localized(
      `API를 호출할 수 없는 회사입니다. (이 토큰은 ${company} 회사의 것입니다)`,
      `This token belongs to company ${company}.`,
      `このトークンは会社 ${company} のものです。`,
    ),
  notJson: localized(
    '수신 메세지의 Body 정보가 잘못된 형태여서 파싱하지 못했습니다.',
    'The body is not JSON.',
    '受信メッセージのBodyを解析できませんでした（JSONではありません）。',
  ),
  unexpected: localized('Unexpected exception', 'Unexpected exception', 'Unexpected exception'),
  loginRefused: localized('로그인 정보가 정확하지 않습니다.', 'Wrong company, email or password.', 'ログイン情報が正しくありません。'),
  loginLocked: (failures: number, until: string) =>
    localized(
      `로그인 실패가 ${failures}번 이어져 ${until}(UTC)까지 로그인할 수 없습니다.`,
      `Too many wrong passwords for this email: locked until ${until}.`,
      `ログインに${failures}回失敗したため、${until}(UTC)までログインできません。`,
    ),
  workflowNotFound: localized(
    '문서 정보 조회가 실패했습니다. id를 확인하세요.',
    'No such workflow: check the id.',
    '文書情報の照会に失敗しました。IDを確認してください。',
  ),
  templateNotFound: localized(
    '문서 정보 조회가 실패했습니다. id를 확인하세요.',
    'No such template: check the id.',
    'テンプレート情報の照会に失敗しました。IDを確認してください。',
  ),
  companyInfoFailed: localized('회사 정보 조회가 실패했습니다.', 'The company could not be read.', '会社情報の照会に失敗しました。'),
};
