// The language a caller reads Dojang's messages in: `?lang=` (ko, en, ja, or ko-KR …), else the
// first of those its Accept-Language prefers (the console and the signing page send the language
// the person chose; browsers send their own). Null when the caller named none of the three, as a
// server-to-server client usually does: it is then told in Korean with English alongside.
import type { FastifyRequest } from 'fastify';
import { messageLanguage, type MessageLanguage } from '../../domain/localized.ts';
import { sayTo, type Said } from '../../domain/said.ts';
import type { FieldProblem } from '../../domain/field-values.ts';
import { fieldAt } from './unvalidated-fields.ts';

export function callerLanguage(request: FastifyRequest): MessageLanguage | null {
  const asked = messageLanguage(fieldAt(request.query, 'lang'));
  if (asked) return asked;
  const header = request.headers['accept-language'];
  if (typeof header !== 'string') return null;
  const ranked = header
    .split(',')
    .map((part, order) => {
      const [tag = '', ...parameters] = part.split(';');
      const q = parameters.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { language: messageLanguage(tag), weight: q === undefined ? 1 : Number(q), order };
    })
    .filter((entry) => entry.language !== null && entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.order - b.order);
  return ranked[0]?.language ?? null;
}

/** Bad fields as problem+json lists them: each with its message in the caller's language and the message's key. */
export const problemList = (problems: readonly FieldProblem[], language: MessageLanguage | null) =>
  problems.map((p) => ({ field: p.field, message: sayTo(p.said, language), key: p.said.key }));

/** A message in the caller's language, for answers that carry one. */
export const sayToCaller = (request: FastifyRequest, message: Said): string => sayTo(message, callerLanguage(request));
