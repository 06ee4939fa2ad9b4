// Errors a service reports to its caller. The HTTP layers map the code to eSignon's result_code
// (http/esignon/envelope.ts) or to an HTTP status (http/v1/problem.ts).
import type { FieldProblem } from './domain/field-values.ts';
import type { MessageLanguage } from './domain/localized.ts';
import { said, sayBilingual, sayTo, type Said } from './domain/said.ts';

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

const INVALID_INPUT = 'invalidInput';

export class DojangError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** What the caller is told, put in words in their language where the error is answered. */
    readonly said: Said,
    readonly problems: readonly FieldProblem[] = [],
    /** A call-specific eSignon result_code where the page names one (1429Q: "11" complete, "12" canceled). */
    readonly esignonCode?: string,
  ) {
    super(said.key === INVALID_INPUT && problems.length > 0 ? sayProblems(problems, null) : sayBilingual(said));
  }

  static invalid(problems: readonly FieldProblem[]): DojangError {
    return new DojangError('invalid', said(INVALID_INPUT), problems);
  }

  /**
   * The error in one language, or "한국어 (English)" for null: its message, or for bad input with no
   * message of its own (DojangError.invalid), each bad field by name.
   */
  sayTo(language: MessageLanguage | null): string {
    return this.said.key === INVALID_INPUT && this.problems.length > 0 ? sayProblems(this.problems, language) : sayTo(this.said, language);
  }
}

/** Each problem named by its field: "field: message; field: message". */
export const sayProblems = (problems: readonly FieldProblem[], language: MessageLanguage | null): string =>
  problems.map((p) => `${p.field}: ${sayTo(p.said, language)}`).join('; ');
