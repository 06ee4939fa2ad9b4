// A local stand-in for SOLAPI (api.solapi.com), on loopback, for tests: it speaks enough of
// `POST /messages/v4/send-many/detail` (and `/messages/v4/send`) to check what Dojang sends,
// answers the way SOLAPI's documentation and SDKs describe, records every request, and can
// be told to fail AlimTalk so the SMS fallback is exercised.
//
// Authorization is checked the way SOLAPI documents it, written here independently of
// src/notify so that a mistake in one is not copied into the other:
//   HMAC-SHA256 apiKey=…, date=<ISO 8601 within ±15 min>, salt=<12–64 chars>,
//   signature=<hex HMAC(apiSecret, date + salt)>, each signature usable once.

import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SolapiStandInOptions {
  apiKey: string;
  apiSecret: string;
}

export interface StandInMessage {
  to: string;
  from: string;
  type: 'ATA' | 'SMS' | 'LMS';
  text?: string;
  subject?: string;
  kakaoOptions?: {
    pfId: string;
    templateId: string;
    variables: Record<string, string>;
    disableSms?: boolean;
  };
}

export interface RecordedSolapiRequest {
  method: string;
  path: string;
  receivedAt: Date;
  authorization: string | null;
  /** null when the Authorization header was valid. */
  authError: string | null;
  /** The parsed JSON body, or null when it wasn't JSON. */
  body: unknown;
  /** The messages, when the body was well-formed. */
  messages: StandInMessage[];
  /** null when the body was well-formed. */
  validationError: string | null;
  responseStatus: number;
  /** Messages the stand-in accepted ('2000') or refused (in failedMessageList). */
  accepted: StandInMessage[];
  refused: StandInMessage[];
}

export type AlimtalkFailureRule = 'all' | { templateId: string };

export interface SolapiStandIn {
  /** Base URL to use as SOLAPI_BASE_URL, e.g. http://127.0.0.1:40123 */
  readonly url: string;
  readonly requests: RecordedSolapiRequest[];
  /** Refuse AlimTalk messages (all, or one template) the way SOLAPI reports a failed message. */
  failAlimtalk(rule: AlimtalkFailureRule | null): void;
  /** Answer every request with this HTTP error status (e.g. 500, 503), or stop (null). */
  failRequests(status: number | null): void;
  /** Every message accepted so far, in order. */
  acceptedMessages(): StandInMessage[];
  reset(): void;
  close(): Promise<void>;
}

const ACCOUNT_ID = '12925149';
const SKEW_MS = 15 * 60 * 1000;

function id(prefix: string): string {
  return `${prefix}4V${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}${randomBytes(9).toString('hex').toUpperCase()}`.slice(0, 32);
}

function bytes(text: string): number {
  let count = 0;
  for (const character of text) count += (character.codePointAt(0) ?? 0) <= 0x7f ? 1 : 2;
  return count;
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function checkAuthorization(
  header: string | undefined,
  options: SolapiStandInOptions,
  usedSignatures: Set<string>,
): { errorCode: string; message: string } | null {
  if (header === undefined) return { errorCode: 'Unauthorized', message: 'Authorization 헤더가 없습니다.' };
  const match = /^(HMAC-SHA256|HMAC-MD5) (.+)$/.exec(header);
  if (!match) return { errorCode: 'InvalidAuthType', message: `알 수 없는 인증 방식: ${header.split(' ')[0]}` };
  const algorithm = match[1] === 'HMAC-SHA256' ? 'sha256' : 'md5';
  const fields = new Map<string, string>();
  for (const part of (match[2] ?? '').split(',')) {
    const separator = part.indexOf('=');
    if (separator > 0) fields.set(part.slice(0, separator).trim(), part.slice(separator + 1).trim());
  }
  const apiKey = fields.get('apiKey');
  const date = fields.get('date');
  const salt = fields.get('salt');
  const signature = fields.get('signature');
  if (!apiKey || !date || !salt || !signature) {
    return { errorCode: 'InvalidAuthorization', message: 'apiKey, date, salt, signature 가 모두 필요합니다.' };
  }
  if (apiKey !== options.apiKey) return { errorCode: 'InvalidAPIKey', message: '유효한 API Key가 아닙니다.' };
  const instant = Date.parse(date);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(date) || Number.isNaN(instant)) {
    return { errorCode: 'InvalidDate', message: `ISO 8601 날짜가 아닙니다: ${date}` };
  }
  if (Math.abs(Date.now() - instant) > SKEW_MS) {
    return { errorCode: 'RequestTimeTooSkewed', message: '시간 값이 서버 시간을 15분 이상 벗어났습니다.' };
  }
  if (salt.length < 12 || salt.length > 64) {
    return { errorCode: 'InvalidSalt', message: 'salt 는 12~64 바이트여야 합니다.' };
  }
  const expected = createHmac(algorithm, options.apiSecret)
    .update(date + salt)
    .digest('hex');
  if (!safeEqual(expected, signature.toLowerCase())) {
    return { errorCode: 'SignatureDoesNotMatch', message: '생성한 Signature가 일치하지 않습니다.' };
  }
  const fingerprint = createHash('sha256').update(signature).digest('hex');
  if (usedSignatures.has(fingerprint)) {
    return { errorCode: 'DuplicatedSignature', message: '15분 안에 동일한 signature 값이 사용되었습니다.' };
  }
  usedSignatures.add(fingerprint);
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks one message the way SOLAPI documents the fields; returns a problem or null. */
function messageProblem(value: unknown, index: number): string | null {
  const at = `messages[${index}]`;
  if (!isRecord(value)) return `${at} 는 객체여야 합니다.`;
  if (typeof value.to !== 'string' || !/^0\d{9,10}$/.test(value.to)) return `${at}.to 수신번호 형식이 올바르지 않습니다 (숫자만).`;
  if (typeof value.from !== 'string' || !/^\d{8,12}$/.test(value.from)) return `${at}.from 발신번호 형식이 올바르지 않습니다 (숫자만).`;
  switch (value.type) {
    case 'ATA': {
      const kakao = value.kakaoOptions;
      if (!isRecord(kakao)) return `${at}.kakaoOptions 가 필요합니다.`;
      if (typeof kakao.pfId !== 'string' || kakao.pfId === '') return `${at}.kakaoOptions.pfId 가 필요합니다.`;
      if (typeof kakao.templateId !== 'string' || kakao.templateId === '') return `${at}.kakaoOptions.templateId 가 필요합니다.`;
      if (!isRecord(kakao.variables)) return `${at}.kakaoOptions.variables 는 객체여야 합니다.`;
      for (const [key, variable] of Object.entries(kakao.variables)) {
        if (!/^#\{[^}.]+\}$/.test(key)) return `${at}.kakaoOptions.variables 의 키 "${key}" 는 #{변수명} 형식이어야 합니다.`;
        if (typeof variable !== 'string' || variable === '') return `${at}.kakaoOptions.variables["${key}"] 는 빈 값이 아닌 문자열이어야 합니다.`;
      }
      if (kakao.disableSms !== undefined && typeof kakao.disableSms !== 'boolean') return `${at}.kakaoOptions.disableSms 는 boolean 이어야 합니다.`;
      return null;
    }
    case 'SMS':
      if (typeof value.text !== 'string' || value.text === '') return `${at}.text 가 필요합니다.`;
      if (bytes(value.text) > 90) return `${at}.text 가 SMS 최대 90 바이트를 넘습니다 (${bytes(value.text)} 바이트).`;
      if (value.subject !== undefined) return `${at}.subject 는 SMS 에 쓸 수 없습니다.`;
      return null;
    case 'LMS':
      if (typeof value.text !== 'string' || value.text === '') return `${at}.text 가 필요합니다.`;
      if (bytes(value.text) > 2000) return `${at}.text 가 LMS 최대 2000 바이트를 넘습니다.`;
      if (value.subject !== undefined && (typeof value.subject !== 'string' || bytes(value.subject) > 40)) {
        return `${at}.subject 는 40 바이트 이하의 문자열이어야 합니다.`;
      }
      return null;
    default:
      return `${at}.type "${String(value.type)}" 은 이 stand-in 이 다루지 않습니다 (ATA, SMS, LMS).`;
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function answer(response: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(json) });
  response.end(json);
}

export async function startSolapiStandIn(options: SolapiStandInOptions): Promise<SolapiStandIn> {
  const requests: RecordedSolapiRequest[] = [];
  const usedSignatures = new Set<string>();
  let alimtalkFailure: AlimtalkFailureRule | null = null;
  let failStatus: number | null = null;

  const refuses = (message: StandInMessage) =>
    message.type === 'ATA' && alimtalkFailure !== null && (alimtalkFailure === 'all' || alimtalkFailure.templateId === message.kakaoOptions?.templateId);

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const raw = await readBody(request);
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const record: RecordedSolapiRequest = {
      method: request.method ?? '',
      path,
      receivedAt: new Date(),
      authorization: request.headers.authorization ?? null,
      authError: null,
      body: null,
      messages: [],
      validationError: null,
      responseStatus: 0,
      accepted: [],
      refused: [],
    };
    requests.push(record);
    const reply = (status: number, body: unknown) => {
      record.responseStatus = status;
      answer(response, status, body);
    };

    try {
      record.body = JSON.parse(raw);
    } catch {
      record.body = null;
    }

    const single = path === '/messages/v4/send';
    if (request.method !== 'POST' || (path !== '/messages/v4/send-many/detail' && !single)) {
      reply(404, { errorCode: 'NotFound', errorMessage: `${request.method} ${path} 는 이 stand-in 에 없습니다.` });
      return;
    }
    const authError = checkAuthorization(request.headers.authorization, options, usedSignatures);
    if (authError !== null) {
      record.authError = `${authError.errorCode}: ${authError.message}`;
      reply(authError.errorCode === 'Unauthorized' ? 401 : 403, { errorCode: authError.errorCode, errorMessage: authError.message });
      return;
    }
    if (failStatus !== null) {
      reply(failStatus, { errorCode: 'InternalError', errorMessage: '서버 내부 오류 (stand-in 이 실패하도록 설정됨)' });
      return;
    }
    if (!(request.headers['content-type'] ?? '').startsWith('application/json') || !isRecord(record.body)) {
      record.validationError = 'JSON 본문이 필요합니다.';
      reply(400, { errorCode: 'ValidationError', errorMessage: record.validationError });
      return;
    }
    const list: unknown[] = single ? [record.body.message] : Array.isArray(record.body.messages) ? record.body.messages : [];
    if (list.length === 0 || list.length > 10_000) {
      record.validationError = 'messages 는 1~10,000 건이어야 합니다.';
      reply(400, { errorCode: 'ValidationError', errorMessage: record.validationError });
      return;
    }
    const problem = list.map(messageProblem).find((found) => found !== null) ?? null;
    if (problem !== null) {
      record.validationError = problem;
      reply(400, { errorCode: 'ValidationError', errorMessage: problem });
      return;
    }
    record.messages = list as StandInMessage[];

    const groupId = id('G');
    const accepted: Array<{ message: StandInMessage; messageId: string }> = [];
    const failedMessageList: unknown[] = [];
    for (const message of record.messages) {
      const messageId = id('M');
      if (refuses(message)) {
        record.refused.push(message);
        // The status code is the stand-in's own; Dojang treats any refused entry as a failure.
        failedMessageList.push({
          to: message.to,
          from: message.from,
          type: message.type,
          country: '82',
          messageId,
          statusCode: '3104',
          statusMessage: '알림톡 발송 실패 (stand-in 이 실패하도록 설정됨)',
          accountId: ACCOUNT_ID,
        });
      } else {
        record.accepted.push(message);
        accepted.push({ message, messageId });
      }
    }

    const first = accepted[0];
    if (single) {
      // /messages/v4/send answers with the one message (SOLAPI's "단일 메시지").
      if (first === undefined) {
        reply(400, { errorCode: 'FailedToAddMessage', errorMessage: '메시지 접수에 실패했습니다.' });
        return;
      }
      reply(200, {
        groupId,
        to: first.message.to,
        from: first.message.from,
        type: first.message.type,
        statusMessage: '정상 접수(이통사로 접수 예정) ',
        country: '82',
        messageId: first.messageId,
        statusCode: '2000',
        accountId: ACCOUNT_ID,
      });
      return;
    }

    const now = new Date().toISOString();
    const total = record.messages.length;
    reply(200, {
      failedMessageList,
      groupInfo: {
        groupId,
        accountId: ACCOUNT_ID,
        apiVersion: '4',
        status: accepted.length > 0 ? 'SENDING' : 'FAILED',
        count: {
          total,
          sentTotal: 0,
          sentFailed: 0,
          sentSuccess: 0,
          sentPending: accepted.length,
          sentReplacement: 0,
          refund: 0,
          registeredFailed: failedMessageList.length,
          registeredSuccess: accepted.length,
        },
        allowDuplicates: record.body.allowDuplicates === true,
        isRefunded: false,
        dateCreated: now,
        dateUpdated: now,
      },
      ...(record.body.showMessageList === true
        ? {
            messageList: accepted.map(({ messageId }) => ({
              messageId,
              statusCode: '2000',
              statusMessage: '정상 접수(이통사로 접수 예정) ',
            })),
          }
        : {}),
    });
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      answer(response, 500, { errorCode: 'StandInError', errorMessage: String(error) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failAlimtalk(rule) {
      alimtalkFailure = rule;
    },
    failRequests(status) {
      failStatus = status;
    },
    acceptedMessages() {
      return requests.flatMap((request) => request.accepted);
    },
    reset() {
      requests.length = 0;
      alimtalkFailure = null;
      failStatus = null;
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      });
    },
  };
}
