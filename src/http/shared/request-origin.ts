// Where a request came from, as history entries and sessions record it: the address and the
// browser (User-Agent).
import type { FastifyRequest } from 'fastify';

export const origin = (request: FastifyRequest) => ({
  ip: request.ip ?? null,
  userAgent: readableHeader(request.headers['user-agent'], 512),
});

/**
 * A header Dojang only records (User-Agent): Node hands its bytes over one per character; read
 * as the UTF-8 they almost always are, with bytes that are not UTF-8 replaced rather than refused.
 */
export function readableHeader(value: string | string[] | undefined, maxLength: number): string | null {
  if (typeof value !== 'string') return null;
  return Buffer.from(value, 'latin1').toString('utf8').slice(0, maxLength);
}
