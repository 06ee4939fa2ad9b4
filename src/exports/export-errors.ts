// Errors of the export delivery library. Messages are written to be shown as they are:
// configuration errors name the environment variable, URL errors the API field.

/** A bad value in an environment variable the export library reads. */
export class ExportConfigError extends Error {
  readonly code = 'EXPORT_CONFIG_INVALID';
  override readonly name = 'ExportConfigError';

  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`${variable}: ${detail}`);
  }
}

export type ExportUrlErrorCode =
  | 'EXPORT_URL_INVALID'
  | 'EXPORT_URL_SCHEME'
  | 'EXPORT_URL_CREDENTIALS'
  | 'EXPORT_URL_ZONE_ID'
  | 'EXPORT_URL_UNRESOLVABLE'
  | 'EXPORT_ADDRESS_REFUSED';

/** The field name under which an export URL reaches the API (startsimple's `export_api_info`). */
export const EXPORT_URL_FIELD = 'export_api_info.url';

/**
 * An export URL that may not be used. The message is fit for an API client
 * (startsimple answers it with result_code "-1"); `reason` is the same without the field name.
 */
export class ExportUrlError extends Error {
  override readonly name = 'ExportUrlError';

  constructor(
    readonly code: ExportUrlErrorCode,
    readonly reason: string,
  ) {
    super(`${EXPORT_URL_FIELD}: ${reason}`);
  }
}

export class WebhookSecretError extends Error {
  readonly code = 'WEBHOOK_SECRET_INVALID';
  override readonly name = 'WebhookSecretError';
}
