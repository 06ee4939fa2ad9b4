// Errors of the signer's side that the signing page knows how to explain. The HTTP layer maps
// each code to a status (http/sign/sign-problem.ts); `details` travel in the problem body.
import { sayBilingual, type Said } from '../domain/said.ts';

export type SignErrorCode =
  /** No signing link with this token. */
  | 'link-not-found'
  /** The link's step was acted upon, or the workflow ended: it only shows what happened. */
  | 'link-closed'
  | 'link-expired'
  /** The player has a password or a mobile number and this request has no verified session. */
  | 'verification-required'
  /** A wrong password or code; `attempts_left` says how many remain before the lockout. */
  | 'verification-failed'
  /** Too many wrong tries: `locked_until`, `retry_after` (seconds). */
  | 'locked'
  /** The player has no such verification (a password sent to a link without one). */
  | 'verification-not-needed'
  /** A code was entered but none is active: send one first. */
  | 'no-active-code'
  /** Codes are sent at most once a minute and five times an hour: `retry_after` (seconds). */
  | 'code-rate-limited'
  /** RT needs a reason: whoever gets the contract back is told why. */
  | 'reason-required';

export class SignError extends Error {
  constructor(
    readonly code: SignErrorCode,
    /** What the signer's API says, in the page's language where it is answered. */
    readonly said: Said,
    readonly details: Record<string, unknown> = {},
  ) {
    super(sayBilingual(said));
  }
}
