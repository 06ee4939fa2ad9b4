// What `dojang backup` and `dojang restore` report when they cannot go on. The CLI prints the
// message alone (no stack trace): each one says what is wrong and, where it can, what to do.
export type BackupErrorCode =
  /** A command-line argument is missing or wrong. */
  | 'invalid'
  /** The archive, the database or a passphrase file is not there. */
  | 'missing-file'
  /** The archive is encrypted and no passphrase was given. */
  | 'passphrase-needed'
  | 'wrong-passphrase'
  /** The bytes are damaged: a bad tag, a gzip or tar error, a truncated file. */
  | 'corrupt'
  /** Readable, but not an archive `dojang backup` wrote (no manifest.json, another format). */
  | 'not-dojang'
  /** Written by a newer Dojang whose format this one does not know. */
  | 'unsupported-version'
  /** The entries do not match the manifest (missing, extra or altered). */
  | 'mismatch'
  /** restore's target already holds something and --force was not given. */
  | 'not-empty'
  /** pg_dump ran and failed. */
  | 'pg-dump-failed';

export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Node's "no such file" for a path the operator named, as a BackupError. */
export function isMissing(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === 'ENOENT';
}
