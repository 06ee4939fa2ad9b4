// One message through SOLAPI's `POST /messages/v4/send-many/detail`, the endpoint its SDKs
// use: `{messages: [...]}` in, `{groupInfo, failedMessageList, messageList?}` out. A message
// the provider refuses at registration comes back in `failedMessageList` with HTTP 200;
// request-level failures are HTTP 4xx/5xx with `{errorCode, errorMessage}`.

import type { AttemptOutcome } from './delivery-result.ts';
import type { SolapiConfig } from './notify-config.ts';
import { solapiAuthorization } from './solapi-authorization.ts';

export type SolapiMessage =
  | {
      to: string;
      from: string;
      type: 'ATA';
      kakaoOptions: {
        pfId: string;
        templateId: string;
        variables: Record<string, string>;
        /**
         * Always false: when KakaoTalk cannot deliver an AlimTalk SOLAPI accepted (the number has
         * no KakaoTalk, the channel is blocked), SOLAPI sends it as SMS/LMS. A message refused at
         * registration is never accepted; Dojang then sends the SMS itself (solapi-channel.ts).
         */
        disableSms: false;
      };
    }
  | { to: string; from: string; type: 'SMS'; text: string }
  | { to: string; from: string; type: 'LMS'; text: string; subject: string };

export const SOLAPI_SEND_PATH = '/messages/v4/send-many/detail';

/** SOLAPI's status code for "accepted" (정상 접수). */
export const SOLAPI_ACCEPTED = '2000';

export interface SendSolapiMessageOptions {
  /** Default 15 s. */
  timeoutMs?: number;
  now?: () => Date;
}

interface FailedMessage {
  statusCode?: unknown;
  statusMessage?: unknown;
}

interface SendManyDetailResponse {
  failedMessageList?: unknown;
  groupInfo?: { groupId?: unknown; count?: { registeredFailed?: unknown } };
  messageList?: unknown;
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

// Errors about the account rather than the message: retried, as an operator fixes them once.
const ACCOUNT_ERRORS = /InvalidAPIKey|SignatureDoesNotMatch|RequestTimeTooSkewed|DuplicatedSignature|Balance|Unauthorized|Forbidden/i;

function httpFailure(status: number, body: unknown): Extract<AttemptOutcome, { ok: false }> {
  const record = asRecord(body);
  const errorCode = text(record?.errorCode);
  const errorMessage = text(record?.errorMessage);
  const detail: Record<string, string> = { httpStatus: String(status) };
  if (errorCode) detail.errorCode = errorCode;
  const error = `SOLAPI HTTP ${status}${errorCode ? ` ${errorCode}` : ''}${errorMessage ? `: ${errorMessage}` : ''}`;
  if (status >= 500 || status === 429 || status === 408) {
    return { ok: false, error, errorCode: 'provider-error', retryable: true, detail };
  }
  if (status === 401 || status === 403 || ACCOUNT_ERRORS.test(errorCode)) {
    return { ok: false, error, errorCode: 'unauthorized', retryable: true, detail };
  }
  return { ok: false, error, errorCode: 'rejected', retryable: false, detail };
}

function readAccepted(body: unknown): AttemptOutcome {
  const response = asRecord(body) as SendManyDetailResponse | null;
  const groupId = text(asRecord(response?.groupInfo)?.groupId);
  if (response === null || groupId === '') {
    return {
      ok: false,
      error: 'SOLAPI answered without groupInfo.groupId',
      errorCode: 'provider-error',
      retryable: true,
    };
  }
  const failed = Array.isArray(response.failedMessageList) ? (response.failedMessageList as FailedMessage[]) : [];
  const first = failed[0];
  if (first !== undefined) {
    const statusCode = text(first.statusCode);
    return {
      ok: false,
      error: `SOLAPI refused the message: ${statusCode} ${text(first.statusMessage)}`.trim(),
      errorCode: 'rejected',
      retryable: false,
      detail: { groupId, statusCode },
    };
  }
  const listed = Array.isArray(response.messageList) ? asRecord(response.messageList[0]) : null;
  const statusCode = text(listed?.statusCode);
  if (statusCode !== '' && statusCode !== SOLAPI_ACCEPTED) {
    return {
      ok: false,
      error: `SOLAPI did not accept the message: ${statusCode} ${text(listed?.statusMessage)}`.trim(),
      errorCode: 'rejected',
      retryable: false,
      detail: { groupId, statusCode },
    };
  }
  const messageId = text(listed?.messageId);
  return {
    ok: true,
    providerId: messageId || groupId,
    detail: { groupId, ...(statusCode ? { statusCode } : {}) },
  };
}

/** Sends one message; never throws. */
export async function sendSolapiMessage(
  config: Pick<SolapiConfig, 'apiKey' | 'apiSecret' | 'baseUrl'>,
  message: SolapiMessage,
  options: SendSolapiMessageOptions = {},
): Promise<AttemptOutcome> {
  const url = `${config.baseUrl}${SOLAPI_SEND_PATH}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        Authorization: solapiAuthorization(config.apiKey, config.apiSecret, options.now?.() ?? new Date()),
        'Content-Type': 'application/json; charset=utf-8',
      },
      // showMessageList asks for the per-message ids and status codes in the answer.
      body: JSON.stringify({ messages: [message], showMessageList: true }),
      redirect: 'error',
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
  } catch (error) {
    const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    return { ok: false, error: `SOLAPI unreachable: ${reason}`, errorCode: 'unreachable', retryable: true };
  }

  let body: unknown;
  try {
    const raw = await response.text();
    body = raw === '' ? null : JSON.parse(raw);
  } catch {
    body = null;
  }
  if (!response.ok) return httpFailure(response.status, body);
  return readAccepted(body);
}
