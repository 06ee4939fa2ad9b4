// Errors a service reports to its caller. The HTTP layers map the code to eSignon's result_code
// (http/esignon/envelope.ts) or to an HTTP status (http/v1/problem.ts).
import type { FieldProblem } from './domain/field-values.ts';
import { bilingual, fromBilingual, type Localized } from './domain/localized.ts';

export type ErrorCode =
  /** Input that breaks a rule; `problems` names each bad field. */
  | 'invalid'
  /** eSignon "19": expireddate is not YYYY-MM-DD. */
  | 'bad-expiry-format'
  /** eSignon "20": expireddate is in the past. */
  | 'expiry-past'
  /** eSignon "99": a CF while required fields of the step are empty. */
  | 'missing-required'
  | 'not-found'
  /** The workflow is not in a state that allows this (not your turn, not playing…). */
  | 'state'
  /** Another action on the same step won the race. */
  | 'conflict'
  | 'forbidden'
  /** The thing existed and is gone for good (disposed documents). */
  | 'gone'
  /** A stored PDF breaks a bound it is read within (pdf/pdf-limits.ts): it cannot be drawn or shown. */
  | 'pdf-refused'
  /** Too much work is waiting (the PDF workers): try again shortly. */
  | 'busy'
  /** Too many requests with this credential in this minute (http/rate-limits.ts). */
  | 'rate-limited';

export class DojangError extends Error {
  /** What the caller reads, in each language (eSignon answers one; Dojang's own API says `message`). */
  readonly text: Localized;

  constructor(
    readonly code: ErrorCode,
    /** A Localized message, or one written "한국어 (English)". */
    message: string | Localized,
    readonly problems: FieldProblem[] = [],
    /** A call-specific eSignon result_code where the page names one (1429Q: "11" complete, "12" canceled). */
    readonly esignonCode?: string,
  ) {
    super(typeof message === 'string' ? message : bilingual(message));
    this.text = typeof message === 'string' ? fromBilingual(message) : message;
  }

  static invalid(problems: FieldProblem[]): DojangError {
    return new DojangError('invalid', problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
  }
}
