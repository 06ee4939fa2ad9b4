// One message of every kind (and every variant), for tests and for previewing templates.

import type { Language, NotificationMessage, Recipient } from './message.ts';

export const SAMPLE_SIGNING_URL = 'https://dojang.example.com/sign?token=Yk3v_Xq9TzR2mWc8LpA0sQ';
export const SAMPLE_DOCUMENT_URL = 'https://dojang.example.com/view/document?token=Dq7uN1cV0pZkE4rH6yB2tA';
export const SAMPLE_CERTIFICATE_URL = 'https://dojang.example.com/view/certificate?token=Cf8wJ3oK5sM9xG1iR7nL4e';

export function sampleMessages(language: Language, to: Recipient = { name: '김철수', identity: 'kim@example.com' }): NotificationMessage[] {
  const common = { language, to, companyName: '도장상사' };
  const signing = {
    ...common,
    workflowName: '근로계약서',
    comment: '계약 내용을 확인하시고 서명 부탁드립니다.\n문의: 02-930-2266',
    signingUrl: SAMPLE_SIGNING_URL,
    expiresOn: '2026-12-31',
  };
  return [
    { kind: 'sign-request', ...signing, returned: null },
    { kind: 'sign-request', ...signing, expiresOn: null, returned: { by: '이영희', reason: '금액이 계약서와 다릅니다.' } },
    { kind: 'resend', ...signing, returned: null },
    { kind: 'otp', ...common, code: '482913', validMinutes: 5 },
    {
      kind: 'completed',
      ...common,
      workflowName: '근로계약서',
      documentUrl: SAMPLE_DOCUMENT_URL,
      certificateUrl: SAMPLE_CERTIFICATE_URL,
    },
    { kind: 'canceled', ...common, workflowName: '근로계약서', cause: { by: 'company', reason: '조건 변경으로 다시 보내 드립니다.' } },
    { kind: 'canceled', ...common, workflowName: '근로계약서', cause: { by: 'first-signer', signerName: '김철수', reason: '' } },
    { kind: 'canceled', ...common, workflowName: '근로계약서', cause: { by: 'expiry' } },
    { kind: 'expiry-reminder', ...common, workflowName: '근로계약서', signingUrl: SAMPLE_SIGNING_URL, expiresOn: '2026-12-31' },
  ];
}
