// eSignon's response envelope: {header: {response_code, result_code,
// result_msg, session_id, version}, body}. response_code is the request code with Q → A.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sayProblems, type DojangError, type ErrorCode } from '../../errors.ts';
import { messageLanguage, type MessageLanguage } from '../../domain/localized.ts';
import { sayIn, type Said } from '../../domain/said.ts';
import type { FieldProblem } from '../../domain/field-values.ts';
import { fieldAt, isJsonObject } from '../shared/unvalidated-fields.ts';

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

/** The request's header as sent, for echoing session_id and version back (also when the body failed validation). */
export function requestHeader(request: FastifyRequest): Readonly<Record<string, unknown>> {
  const header = fieldAt(request.body, 'header');
  return isJsonObject(header) ? header : {};
}

/**
 * The language result_msg speaks: `?lang=`, the header's `request_lang`, the body's `lang` or
 * `language` (ko, en, ja, or ko-KR, en-US, ja-JP); Korean when none says.
 */
export function requestLanguage(request: FastifyRequest): MessageLanguage {
  const candidates = [
    fieldAt(request.query, 'lang'),
    requestHeader(request).request_lang,
    fieldAt(request.body, 'body', 'lang'),
    fieldAt(request.body, 'body', 'language'),
  ];
  for (const candidate of candidates) {
    const language = messageLanguage(candidate);
    if (language) return language;
  }
  return 'ko';
}

/** What result_msg says: a message, or a function of the language for what is already a list of said things. */
export type ResultMessage = Said | ((language: MessageLanguage) => string);

/** `message` is said in the request's language. */
export function envelope<B>(request: FastifyRequest, responseCode: string, resultCode: ResultCode, message: ResultMessage, body: B): Envelope<B> {
  const language = requestLanguage(request);
  const header = requestHeader(request);
  return {
    header: {
      response_code: responseCode,
      result_code: resultCode,
      result_msg: typeof message === 'function' ? message(language) : sayIn(message, language),
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

/** Problems, each named by its field, in the request's language. */
export const problemsText =
  (problems: readonly FieldProblem[]) =>
  (language: MessageLanguage): string =>
    sayProblems(problems, language);

/** A service's error as eSignon answers it: HTTP 200 with the result_code (as eSignon does). */
export function sendServiceError(request: FastifyRequest, reply: FastifyReply, error: DojangError): FastifyReply {
  const code = (error.esignonCode as ResultCode | undefined) ?? RESULT_CODES[error.code];
  const message = (language: MessageLanguage) => error.sayTo(language);
  // Too many requests is the one refusal clients expect as an HTTP status (429, with Retry-After).
  return reply.code(error.code === 'rate-limited' ? 429 : 200).send(envelope(request, responseCodeOf(request), code, message, {}));
}
