// The PDF pool's failures as the service errors every door already answers: a PDF the caller
// sent that breaks a bound is their input error, naming the field; a stored one that does is
// `pdf-refused` (it cannot be drawn or shown); a full pool is `busy`.
import { fieldProblem } from '../domain/field-values.ts';
import { DojangError } from '../errors.ts';
import { PdfBusy } from './pdf-pool.ts';
import { PdfRefused } from './pdf-limits.ts';

/** Runs PDF work; `field` names the request's field that carried the PDF, when it came in one. */
export async function asServiceError<T>(work: () => Promise<T>, field?: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof PdfBusy) throw new DojangError('busy', error.said);
    if (error instanceof PdfRefused) {
      if (field !== undefined) throw DojangError.invalid([fieldProblem(field, error.refusal.said)]);
      throw new DojangError('pdf-refused', error.refusal.said);
    }
    throw error;
  }
}
