// eSignon's response envelope (SPEC section 3): {header: {response_code, result_code,
// result_msg, session_id, version}, body}. response_code is the request code with Q → A.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DojangError, type ErrorCode } from '../../errors.ts';

/** eSignon's result codes. */
export type ResultCode = '00' | '-1' | '10' | '11' | '12' | '15' | '17' | '18' | '19' | '20' | '94' | '95' | '99';

const RESULT_CODES: Record<ErrorCode, ResultCode> = {
  invalid: '-1',
  'bad-expiry-format': '19',
  'expiry-past': '20',
  'missing-required': '99',
  'not-found': '10',
  state: '10',
  conflict: '10',
  forbidden: '95',
  gone: '10',
  'pdf-refused': '10',
  busy: '10',
  'rate-limited': '10',
};

export const responseCodeFor = (requestCode: string) => (requestCode.endsWith('Q') ? `${requestCode.slice(0, -1)}A` : requestCode);

export interface EnvelopeHeader {
  response_code: string;
  result_code: ResultCode;
  result_msg: string;
  session_id: string;
  version: string;
}

export interface Envelope<B> {
  header: EnvelopeHeader;
  body: B;
}

/** The request's header as sent, for echoing session_id and version back. */
export function requestHeader(request: FastifyRequest): Record<string, unknown> {
  const body = request.body as { header?: unknown } | undefined;
  return typeof body?.header === 'object' && body.header !== null ? (body.header as Record<string, unknown>) : {};
}

export function envelope<B>(request: FastifyRequest, responseCode: string, resultCode: ResultCode, message: string, body: B): Envelope<B> {
  const header = requestHeader(request);
  return {
    header: {
      response_code: responseCode,
      result_code: resultCode,
      result_msg: message,
      session_id: typeof header.session_id === 'string' ? header.session_id : '',
      version: typeof header.version === 'string' ? header.version : '9.9.99',
    },
    body,
  };
}

export function responseCodeOf(request: FastifyRequest): string {
  const configured = request.routeOptions.config?.esignonCode;
  if (configured) return configured;
  const code = requestHeader(request).request_code;
  return typeof code === 'string' && code !== '' ? responseCodeFor(code) : (request.routeOptions.url ?? request.url);
}

/** A service's error as eSignon answers it: HTTP 200 with the result_code (as eSignon does). */
export function sendServiceError(request: FastifyRequest, reply: FastifyReply, error: DojangError): FastifyReply {
  const code = (error.esignonCode as ResultCode | undefined) ?? RESULT_CODES[error.code];
  // Too many requests is the one refusal clients expect as an HTTP status (429, with Retry-After).
  return reply.code(error.code === 'rate-limited' ? 429 : 200).send(envelope(request, responseCodeOf(request), code, error.message, {}));
}
