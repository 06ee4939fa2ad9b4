// The integrator's `authorization` value is a credential: it never appears in logs or in
// the attempts API, not even when a receiver echoes it back in its answer.

export const REDACTED = '[redacted]';

/** Shortest tail of a cut-off text that is still treated as the start of the credential. */
const MIN_PARTIAL_LENGTH = 4;

/** `text` with every occurrence of `authorization`, and a cut-off start of it at the end, hidden. */
export function redactAuthorization(text: string, authorization: string | undefined): string {
  if (!authorization) return text;
  let redacted = text.split(authorization).join(REDACTED);
  for (let length = authorization.length - 1; length >= MIN_PARTIAL_LENGTH; length -= 1) {
    if (redacted.endsWith(authorization.slice(0, length))) {
      redacted = redacted.slice(0, redacted.length - length) + REDACTED;
      break;
    }
  }
  return redacted;
}
