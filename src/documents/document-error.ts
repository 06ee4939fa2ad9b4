// Errors of the documents library, with a code the job runner can log and match on.

export type DocumentErrorCode = 'FIELD_OFF_PAGE' | 'INVALID_IMAGE' | 'SIGNING_KEY_UNUSABLE' | 'SEAL_FAILED' | 'TIMESTAMP_FAILED';

export class DocumentError extends Error {
  readonly code: DocumentErrorCode;

  constructor(code: DocumentErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DocumentError';
    this.code = code;
  }
}
