// The words of every email, per language (Korean first, as eSignon's default is ko-KR).
// Plain strings only: render-email.ts lays them out and escapes them.

import { formatCalendarDate } from './format-calendar-date.ts';
import type {
  CanceledMessage,
  CompletedMessage,
  ExpiryReminderMessage,
  Language,
  NotificationMessage,
  OtpMessage,
  ResendMessage,
  SignRequestMessage,
} from './message.ts';

export interface EmailCopy {
  subject: string;
  /** Shown by mail clients after the subject, hidden in the body. */
  preheader: string;
  greeting: string | null;
  paragraphs: string[];
  /** A large, monospaced value (the one-time code). */
  highlight: string | null;
  /** A boxed note, e.g. the reason a signer returned the document. */
  notice: { title: string; text: string } | null;
  details: Array<{ label: string; value: string }>;
  /** The starter's comment, quoted as written. */
  quote: { label: string; text: string } | null;
  /** The first action is drawn as a button, the others as links. */
  actions: Array<{ label: string; url: string }>;
  /** Said above the raw URL, for clients that hide the button. */
  linkHelp: string | null;
  footer: string[];
}

type SigningMessage = SignRequestMessage | ResendMessage;

interface Copywriter {
  'sign-request'(message: SignRequestMessage): EmailCopy;
  resend(message: ResendMessage): EmailCopy;
  otp(message: OtpMessage): EmailCopy;
  completed(message: CompletedMessage): EmailCopy;
  canceled(message: CanceledMessage): EmailCopy;
  'expiry-reminder'(message: ExpiryReminderMessage): EmailCopy;
}

const EMPTY: Omit<EmailCopy, 'subject' | 'preheader'> = {
  greeting: null,
  paragraphs: [],
  highlight: null,
  notice: null,
  details: [],
  quote: null,
  actions: [],
  linkHelp: null,
  footer: [],
};

const korean: Copywriter = (() => {
  const tag = (company: string) => (company ? `[${company}] ` : '');
  const greeting = (name: string) => (name ? `${name}님, 안녕하세요.` : '안녕하세요.');
  const noReply = '이 메일은 발신 전용이라 회신하셔도 답변을 받을 수 없습니다. 문의는 요청한 회사로 해 주세요.';
  const personalLink = '이 링크는 받는 분 본인만을 위한 것이니 메일을 다른 사람에게 전달하지 마세요.';
  const linkHelp = '버튼이 열리지 않으면 아래 주소를 복사해 브라우저에 붙여 넣으세요.';
  const signAction = '문서 확인하고 서명하기';

  const signingBody = (message: SigningMessage, opening: string[]): Omit<EmailCopy, 'subject' | 'preheader'> => ({
    ...EMPTY,
    greeting: greeting(message.to.name),
    paragraphs: message.returned
      ? [`${message.returned.by}님이 '${message.workflowName}' 문서를 반려하여 다시 보내 드립니다.`, '반려 사유를 확인하시고 문서를 수정해 다시 서명해 주세요.']
      : opening,
    notice: message.returned ? { title: '반려 사유', text: message.returned.reason || '(사유 없음)' } : null,
    details: [
      { label: '문서명', value: message.workflowName },
      ...(message.companyName ? [{ label: '요청 회사', value: message.companyName }] : []),
      {
        label: '서명 기한',
        value: message.expiresOn ? `${formatCalendarDate(message.expiresOn, 'ko-KR')}까지` : '기한 없음',
      },
    ],
    quote: message.comment ? { label: '요청자 메시지', text: message.comment } : null,
    actions: [{ label: signAction, url: message.signingUrl }],
    linkHelp,
    footer: [personalLink, noReply],
  });

  const from = (company: string) => (company ? `${company}에서 ` : '');

  return {
    'sign-request': (message) => ({
      subject: message.returned
        ? `${tag(message.companyName)}'${message.workflowName}' 반려 안내 및 재서명 요청`
        : `${tag(message.companyName)}'${message.workflowName}' 서명 요청`,
      preheader: message.returned
        ? `${message.returned.by}님이 문서를 반려했습니다.`
        : `${from(message.companyName)}'${message.workflowName}' 서명을 요청했습니다.`,
      ...signingBody(message, [
        message.companyName
          ? `${message.companyName}에서 '${message.workflowName}' 문서의 서명을 요청했습니다.`
          : `'${message.workflowName}' 문서의 서명 요청이 도착했습니다.`,
        '아래 버튼을 눌러 문서 내용을 확인하고 서명해 주세요.',
      ]),
    }),
    resend: (message) => ({
      subject: `${tag(message.companyName)}(재발송) '${message.workflowName}' 서명 요청`,
      preheader: `${from(message.companyName)}서명 요청을 다시 보냈습니다.`,
      ...signingBody(message, [
        message.companyName
          ? `${message.companyName}에서 '${message.workflowName}' 문서의 서명 요청을 다시 보냈습니다.`
          : `'${message.workflowName}' 문서의 서명 요청을 다시 보내 드립니다.`,
        '아직 서명하지 않으셨다면 아래 버튼을 눌러 문서를 확인하고 서명해 주세요.',
      ]),
    }),
    otp: (message) => ({
      subject: `${tag(message.companyName)}인증번호 안내`,
      preheader: `인증번호 ${message.code}`,
      ...EMPTY,
      greeting: greeting(message.to.name),
      paragraphs: ['전자서명 본인 확인을 위한 인증번호입니다.', `${message.validMinutes}분 안에 서명 화면에 입력해 주세요.`],
      highlight: message.code,
      footer: ['본인이 요청하지 않았다면 이 메일을 무시하셔도 됩니다. 인증번호는 다른 사람에게 알려 주지 마세요.'],
    }),
    completed: (message) => ({
      subject: `${tag(message.companyName)}'${message.workflowName}' 서명 완료`,
      preheader: '모든 서명이 완료되었습니다.',
      ...EMPTY,
      greeting: greeting(message.to.name),
      paragraphs: [
        `'${message.workflowName}' 문서에 모든 서명자가 서명을 마쳐 계약이 완료되었습니다.`,
        '아래에서 완료된 문서와 이력 인증서를 확인하고 내려받을 수 있습니다.',
      ],
      actions: [
        { label: '완료 문서 보기', url: message.documentUrl },
        { label: '이력 인증서 보기', url: message.certificateUrl },
      ],
      linkHelp,
      footer: ['링크는 일정 기간이 지나면 만료됩니다. 필요한 문서는 미리 내려받아 보관해 주세요.', noReply],
    }),
    canceled: (message) => {
      const { cause, workflowName } = message;
      const opening =
        cause.by === 'company'
          ? message.companyName
            ? `${message.companyName}에서 '${workflowName}' 계약을 취소했습니다.`
            : `'${workflowName}' 계약이 취소되었습니다.`
          : cause.by === 'first-signer'
            ? `${cause.signerName}님이 문서를 반려하여 '${workflowName}' 계약이 취소되었습니다.`
            : `서명 기한이 지나 '${workflowName}' 계약이 자동으로 취소되었습니다.`;
      return {
        subject: `${tag(message.companyName)}'${workflowName}' 계약 취소 안내`,
        preheader: opening,
        ...EMPTY,
        greeting: greeting(message.to.name),
        paragraphs: [opening, '이 계약과 관련해 더 하실 일은 없습니다. 궁금한 점은 요청한 회사에 문의해 주세요.'],
        notice:
          cause.by === 'first-signer'
            ? { title: '반려 사유', text: cause.reason || '(사유 없음)' }
            : cause.by === 'company' && cause.reason
              ? { title: '취소 사유', text: cause.reason }
              : null,
        footer: [noReply],
      };
    },
    'expiry-reminder': (message) => {
      const date = formatCalendarDate(message.expiresOn, 'ko-KR');
      return {
        subject: `${tag(message.companyName)}'${message.workflowName}' 서명 기한이 내일 끝납니다`,
        preheader: `서명 기한: 내일(${date})까지`,
        ...EMPTY,
        greeting: greeting(message.to.name),
        paragraphs: [
          `'${message.workflowName}' 문서에 아직 서명하지 않으셨습니다.`,
          `서명 기한은 내일(${date})까지이며, 기한이 지나면 계약이 자동으로 취소됩니다.`,
        ],
        details: [
          { label: '문서명', value: message.workflowName },
          { label: '서명 기한', value: `${date}까지` },
        ],
        actions: [{ label: signAction, url: message.signingUrl }],
        linkHelp,
        footer: [personalLink, noReply],
      };
    },
  };
})();

const english: Copywriter = (() => {
  const greeting = (name: string) => (name ? `Hello ${name},` : 'Hello,');
  const noReply = 'This is an automated message and replies are not read. For questions, contact the company that sent the request.';
  const personalLink = 'This link is meant for you alone; please do not forward this email.';
  const linkHelp = "If the button doesn't work, copy this address into your browser:";
  const signAction = 'Review and sign';
  const minutes = (n: number) => (n === 1 ? '1 minute' : `${n} minutes`);

  const signingBody = (message: SigningMessage, opening: string[]): Omit<EmailCopy, 'subject' | 'preheader'> => ({
    ...EMPTY,
    greeting: greeting(message.to.name),
    paragraphs: message.returned
      ? [`${message.returned.by} returned "${message.workflowName}" to you.`, 'Please read the reason below, make any corrections, and sign again.']
      : opening,
    notice: message.returned ? { title: 'Reason for return', text: message.returned.reason || '(no reason given)' } : null,
    details: [
      { label: 'Document', value: message.workflowName },
      ...(message.companyName ? [{ label: 'From', value: message.companyName }] : []),
      { label: 'Sign by', value: message.expiresOn ? formatCalendarDate(message.expiresOn, 'en-US') : 'No deadline' },
    ],
    quote: message.comment ? { label: 'Message from the sender', text: message.comment } : null,
    actions: [{ label: signAction, url: message.signingUrl }],
    linkHelp,
    footer: [personalLink, noReply],
  });

  return {
    'sign-request': (message) => ({
      subject: message.returned
        ? `"${message.workflowName}" was returned to you for review`
        : message.companyName
          ? `${message.companyName} requests your signature on "${message.workflowName}"`
          : `Your signature is requested on "${message.workflowName}"`,
      preheader: message.returned ? `${message.returned.by} returned the document to you.` : `Please review and sign "${message.workflowName}".`,
      ...signingBody(message, [
        message.companyName
          ? `${message.companyName} has asked you to review and sign "${message.workflowName}".`
          : `You have been asked to review and sign "${message.workflowName}".`,
        'Use the button below to open the document and sign it.',
      ]),
    }),
    resend: (message) => ({
      subject: `Reminder: please sign "${message.workflowName}"`,
      preheader: 'The sender has sent this signing request again.',
      ...signingBody(message, [
        message.companyName
          ? `${message.companyName} has sent you a reminder to sign "${message.workflowName}".`
          : `This is a reminder to sign "${message.workflowName}".`,
        'If you have not signed yet, use the button below to open the document and sign it.',
      ]),
    }),
    otp: (message) => ({
      subject: message.companyName ? `${message.companyName}: your verification code` : 'Your verification code',
      preheader: `Your code is ${message.code}`,
      ...EMPTY,
      greeting: greeting(message.to.name),
      paragraphs: ['Use this code to verify your identity on the signing page.', `It is valid for ${minutes(message.validMinutes)}.`],
      highlight: message.code,
      footer: ['If you did not ask for a code, you can ignore this email. Never share the code with anyone.'],
    }),
    completed: (message) => ({
      subject: `"${message.workflowName}" is complete`,
      preheader: 'Everyone has signed.',
      ...EMPTY,
      greeting: greeting(message.to.name),
      paragraphs: [
        `Everyone has signed "${message.workflowName}", and the contract is complete.`,
        'You can view and download the completed document and its audit certificate below.',
      ],
      actions: [
        { label: 'View the completed document', url: message.documentUrl },
        { label: 'View the audit certificate', url: message.certificateUrl },
      ],
      linkHelp,
      footer: ['These links expire after a while, so download any documents you need to keep.', noReply],
    }),
    canceled: (message) => {
      const { cause, workflowName } = message;
      const opening =
        cause.by === 'company'
          ? message.companyName
            ? `${message.companyName} canceled "${workflowName}".`
            : `"${workflowName}" has been canceled.`
          : cause.by === 'first-signer'
            ? `"${workflowName}" was canceled because ${cause.signerName} returned it.`
            : `"${workflowName}" was canceled automatically because its signing deadline passed.`;
      return {
        subject: `"${workflowName}" has been canceled`,
        preheader: opening,
        ...EMPTY,
        greeting: greeting(message.to.name),
        paragraphs: [opening, 'There is nothing more you need to do. If you have questions, contact the company that sent the contract.'],
        notice:
          cause.by === 'first-signer'
            ? { title: 'Reason for return', text: cause.reason || '(no reason given)' }
            : cause.by === 'company' && cause.reason
              ? { title: 'Reason', text: cause.reason }
              : null,
        footer: [noReply],
      };
    },
    'expiry-reminder': (message) => {
      const date = formatCalendarDate(message.expiresOn, 'en-US');
      return {
        subject: `Reminder: "${message.workflowName}" must be signed by tomorrow`,
        preheader: `The deadline is tomorrow, ${date}.`,
        ...EMPTY,
        greeting: greeting(message.to.name),
        paragraphs: [
          `You have not signed "${message.workflowName}" yet.`,
          `The deadline is tomorrow, ${date}. After that, the contract is canceled automatically.`,
        ],
        details: [
          { label: 'Document', value: message.workflowName },
          { label: 'Sign by', value: date },
        ],
        actions: [{ label: signAction, url: message.signingUrl }],
        linkHelp,
        footer: [personalLink, noReply],
      };
    },
  };
})();

const japanese: Copywriter = (() => {
  const tag = (company: string) => (company ? `【${company}】` : '');
  const greeting = (name: string) => (name ? `${name}様` : null);
  const noReply = 'このメールは送信専用のため、ご返信いただいてもお答えできません。お問い合わせは依頼元の会社までお願いいたします。';
  const personalLink = 'このリンクはご本人専用です。このメールを他の方に転送しないでください。';
  const linkHelp = 'ボタンが開かない場合は、次のURLをブラウザに貼り付けてください。';
  const signAction = '内容を確認して署名する';

  const signingBody = (message: SigningMessage, opening: string[]): Omit<EmailCopy, 'subject' | 'preheader'> => ({
    ...EMPTY,
    greeting: greeting(message.to.name),
    paragraphs: message.returned
      ? [`${message.returned.by}様が「${message.workflowName}」を差し戻しました。`, '差し戻し理由をご確認のうえ、内容を修正して再度署名をお願いいたします。']
      : opening,
    notice: message.returned ? { title: '差し戻し理由', text: message.returned.reason || '（理由の記載なし）' } : null,
    details: [
      { label: '文書名', value: message.workflowName },
      ...(message.companyName ? [{ label: '依頼元', value: message.companyName }] : []),
      {
        label: '署名期限',
        value: message.expiresOn ? `${formatCalendarDate(message.expiresOn, 'ja-JP')}まで` : '期限なし',
      },
    ],
    quote: message.comment ? { label: '依頼者からのメッセージ', text: message.comment } : null,
    actions: [{ label: signAction, url: message.signingUrl }],
    linkHelp,
    footer: [personalLink, noReply],
  });

  const from = (company: string) => (company ? `${company}から` : '');

  return {
    'sign-request': (message) => ({
      subject: message.returned
        ? `${tag(message.companyName)}「${message.workflowName}」差し戻しのお知らせ`
        : `${tag(message.companyName)}「${message.workflowName}」署名のお願い`,
      preheader: message.returned ? `${message.returned.by}様が文書を差し戻しました。` : `${from(message.companyName)}署名の依頼が届いています。`,
      ...signingBody(message, [
        `${from(message.companyName)}「${message.workflowName}」への署名依頼が届いています。`,
        '下のボタンから文書の内容をご確認のうえ、署名をお願いいたします。',
      ]),
    }),
    resend: (message) => ({
      subject: `【再送】${tag(message.companyName)}「${message.workflowName}」署名のお願い`,
      preheader: '署名依頼が再送されました。',
      ...signingBody(message, [
        `${from(message.companyName)}「${message.workflowName}」の署名依頼が再送されました。`,
        'まだ署名がお済みでない場合は、下のボタンから内容をご確認のうえ、署名をお願いいたします。',
      ]),
    }),
    otp: (message) => ({
      subject: `${tag(message.companyName)}認証コードのお知らせ`,
      preheader: `認証コード ${message.code}`,
      ...EMPTY,
      greeting: greeting(message.to.name),
      paragraphs: ['署名画面でのご本人確認に使う認証コードです。', `${message.validMinutes}分以内に入力してください。`],
      highlight: message.code,
      footer: ['お心当たりのない場合は、このメールを破棄してください。認証コードは他の方に教えないでください。'],
    }),
    completed: (message) => ({
      subject: `${tag(message.companyName)}「${message.workflowName}」署名完了のお知らせ`,
      preheader: 'すべての署名が完了しました。',
      ...EMPTY,
      greeting: greeting(message.to.name),
      paragraphs: [
        `「${message.workflowName}」はすべての署名者の署名が完了し、契約が成立しました。`,
        '完了した文書と履歴証明書は、下のリンクから確認・ダウンロードできます。',
      ],
      actions: [
        { label: '完了した文書を見る', url: message.documentUrl },
        { label: '履歴証明書を見る', url: message.certificateUrl },
      ],
      linkHelp,
      footer: ['リンクには有効期限があります。必要な文書は早めにダウンロードして保管してください。', noReply],
    }),
    canceled: (message) => {
      const { cause, workflowName } = message;
      const opening =
        cause.by === 'company'
          ? `${message.companyName ? `${message.companyName}により` : ''}「${workflowName}」の契約は取り消されました。`
          : cause.by === 'first-signer'
            ? `${cause.signerName}様が文書を差し戻したため、「${workflowName}」の契約は取り消されました。`
            : `署名期限を過ぎたため、「${workflowName}」の契約は自動的に取り消されました。`;
      return {
        subject: `${tag(message.companyName)}「${workflowName}」契約取り消しのお知らせ`,
        preheader: opening,
        ...EMPTY,
        greeting: greeting(message.to.name),
        paragraphs: [opening, 'これ以上のお手続きは必要ありません。ご不明な点は依頼元の会社までお問い合わせください。'],
        notice:
          cause.by === 'first-signer'
            ? { title: '差し戻し理由', text: cause.reason || '（理由の記載なし）' }
            : cause.by === 'company' && cause.reason
              ? { title: '取り消し理由', text: cause.reason }
              : null,
        footer: [noReply],
      };
    },
    'expiry-reminder': (message) => {
      const date = formatCalendarDate(message.expiresOn, 'ja-JP');
      return {
        subject: `${tag(message.companyName)}「${message.workflowName}」の署名期限は明日までです`,
        preheader: `署名期限：明日（${date}）まで`,
        ...EMPTY,
        greeting: greeting(message.to.name),
        paragraphs: [
          `「${message.workflowName}」への署名がまだ完了していません。`,
          `署名期限は明日（${date}）までです。期限を過ぎると、契約は自動的に取り消されます。`,
        ],
        details: [
          { label: '文書名', value: message.workflowName },
          { label: '署名期限', value: `${date}まで` },
        ],
        actions: [{ label: signAction, url: message.signingUrl }],
        linkHelp,
        footer: [personalLink, noReply],
      };
    },
  };
})();

const COPYWRITERS: Record<Language, Copywriter> = { 'ko-KR': korean, 'en-US': english, 'ja-JP': japanese };

export function emailCopy(message: NotificationMessage): EmailCopy {
  const writer = COPYWRITERS[message.language];
  switch (message.kind) {
    case 'sign-request':
      return writer['sign-request'](message);
    case 'resend':
      return writer.resend(message);
    case 'otp':
      return writer.otp(message);
    case 'completed':
      return writer.completed(message);
    case 'canceled':
      return writer.canceled(message);
    case 'expiry-reminder':
      return writer['expiry-reminder'](message);
  }
}
