// What Dojang says to people. A message is plain JSON data: the
// workflow engine writes it into a durable job and the notification worker hands it to
// `NotificationSender.send`, so everything a channel needs to render it is in here.
// The schemas validate a job payload read back from the database (`parseNotificationMessage`).

import Type, { type Static, type TSchema } from 'typebox';
import Value from 'typebox/value';
import { classifyIdentity } from '../domain/identity.ts';

/** eSignon's `language` values for players and referers; ko-KR is the default. */
export const LANGUAGES = ['ko-KR', 'en-US', 'ja-JP'] as const;
export type Language = (typeof LANGUAGES)[number];

const LanguageSchema = Type.Union([Type.Literal('ko-KR'), Type.Literal('en-US'), Type.Literal('ja-JP')]);

const NonEmpty = Type.String({ minLength: 1 });
/** A URL handed to people: only http(s), so it is safe in an `href`. */
const HttpUrl = Type.String({ pattern: '^https?://[^\\s<>"]+$' });
/** A calendar date, `YYYY-MM-DD`, in the company's time zone (eSignon's `expireddate`). */
const CalendarDate = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$' });

export const RecipientSchema = Type.Object({
  name: Type.String(),
  /** An email address or a Korean mobile number, exactly as given at start. */
  identity: NonEmpty,
});
export type Recipient = Static<typeof RecipientSchema>;

const base = {
  language: LanguageSchema,
  to: RecipientSchema,
  /** The company that started the contract: the sender people recognise. */
  companyName: Type.String(),
};

/** The signer now due was sent back to by the next signer (RT at step k+1). */
export const ReturnedSchema = Type.Object({
  /** Name of the signer who returned the document. */
  by: Type.String(),
  /** Their `opinion`, '' when none was given. */
  reason: Type.String(),
});
export type Returned = Static<typeof ReturnedSchema>;

const signRequestFields = {
  ...base,
  workflowName: Type.String(),
  /** The starter's `comment` from startsimple, '' when none. */
  comment: Type.String(),
  signingUrl: HttpUrl,
  /** Last day to sign (eSignon's `expireddate`), or null for no expiry. */
  expiresOn: Type.Union([CalendarDate, Type.Null()]),
  /** Set when this step is due again because the next signer returned the document. */
  returned: Type.Union([ReturnedSchema, Type.Null()]),
};

/** A step became due: at start, after a CF, after an RT went back a step. */
export const SignRequestMessageSchema = Type.Object({
  kind: Type.Literal('sign-request'),
  ...signRequestFields,
});
export type SignRequestMessage = Static<typeof SignRequestMessageSchema>;

/** Resend (1429Q): the current signer's request again, marked as a reminder from the sender. */
export const ResendMessageSchema = Type.Object({
  kind: Type.Literal('resend'),
  ...signRequestFields,
});
export type ResendMessage = Static<typeof ResendMessageSchema>;

/** A one-time code for `mobile_number` verification on the signing page. */
export const OtpMessageSchema = Type.Object({
  kind: Type.Literal('otp'),
  ...base,
  code: Type.String({ pattern: '^\\d{6}$' }),
  validMinutes: Type.Integer({ minimum: 1, maximum: 1440 }),
});
export type OtpMessage = Static<typeof OtpMessageSchema>;

/** To referers (`customer_list`) and the starter when the last step approves. */
export const CompletedMessageSchema = Type.Object({
  kind: Type.Literal('completed'),
  ...base,
  workflowName: Type.String(),
  documentUrl: HttpUrl,
  certificateUrl: HttpUrl,
});
export type CompletedMessage = Static<typeof CompletedMessageSchema>;

export const CancelCauseSchema = Type.Union([
  /** CANCEL (1510Q) by a member of the company; `reason` is '' when none was given. */
  Type.Object({ by: Type.Literal('company'), reason: Type.String() }),
  /** RT at step 1: "if the original contractor returns the document, it will be canceled". */
  Type.Object({ by: Type.Literal('first-signer'), signerName: Type.String(), reason: Type.String() }),
  /** Still Playing after the end of `expireddate`. */
  Type.Object({ by: Type.Literal('expiry') }),
]);
export type CancelCause = Static<typeof CancelCauseSchema>;

/** To those already involved when a Playing workflow is canceled. */
export const CanceledMessageSchema = Type.Object({
  kind: Type.Literal('canceled'),
  ...base,
  workflowName: Type.String(),
  cause: CancelCauseSchema,
});
export type CanceledMessage = Static<typeof CanceledMessageSchema>;

/** To the signer now due, the day before `expireddate`. */
export const ExpiryReminderMessageSchema = Type.Object({
  kind: Type.Literal('expiry-reminder'),
  ...base,
  workflowName: Type.String(),
  signingUrl: HttpUrl,
  /** The last day to sign: tomorrow, from the recipient's point of view. */
  expiresOn: CalendarDate,
});
export type ExpiryReminderMessage = Static<typeof ExpiryReminderMessageSchema>;

const SCHEMA_BY_KIND = {
  'sign-request': SignRequestMessageSchema,
  resend: ResendMessageSchema,
  otp: OtpMessageSchema,
  completed: CompletedMessageSchema,
  canceled: CanceledMessageSchema,
  'expiry-reminder': ExpiryReminderMessageSchema,
} as const;

export type MessageKind = keyof typeof SCHEMA_BY_KIND;
export const MESSAGE_KINDS = Object.keys(SCHEMA_BY_KIND) as MessageKind[];

export const NotificationMessageSchema = Type.Union(Object.values(SCHEMA_BY_KIND));
export type NotificationMessage = SignRequestMessage | ResendMessage | OtpMessage | CompletedMessage | CanceledMessage | ExpiryReminderMessage;

export class InvalidNotificationMessageError extends Error {
  readonly code = 'INVALID_NOTIFICATION_MESSAGE';
  constructor(readonly problems: string[]) {
    super(`invalid notification message: ${problems.join('; ')}`);
    this.name = 'InvalidNotificationMessageError';
  }
}

function isMessageKind(value: unknown): value is MessageKind {
  return typeof value === 'string' && Object.hasOwn(SCHEMA_BY_KIND, value);
}

function schemaProblems(schema: TSchema, value: unknown): string[] {
  return [...Value.Errors(schema, value)].map((error) => `${error.instancePath === '' ? '(message)' : error.instancePath} ${error.message}`);
}

/**
 * Checks a job payload and returns it typed, or throws InvalidNotificationMessageError
 * naming every problem. The identity must be an email address or a Korean mobile number.
 */
export function parseNotificationMessage(value: unknown): NotificationMessage {
  const kind = typeof value === 'object' && value !== null ? (value as { kind?: unknown }).kind : undefined;
  if (!isMessageKind(kind)) {
    throw new InvalidNotificationMessageError([`/kind must be one of ${MESSAGE_KINDS.join(', ')}`]);
  }
  const problems = schemaProblems(SCHEMA_BY_KIND[kind], value);
  if (problems.length > 0) throw new InvalidNotificationMessageError(problems);
  const message = value as NotificationMessage;
  if (classifyIdentity(message.to.identity).kind === 'invalid') {
    throw new InvalidNotificationMessageError(['/to/identity is neither an email address nor a Korean mobile number']);
  }
  return message;
}

/** The link the recipient acts on, if the message has one (for logs and the dev channel). */
export function primaryLink(message: NotificationMessage): string | null {
  switch (message.kind) {
    case 'sign-request':
    case 'resend':
    case 'expiry-reminder':
      return message.signingUrl;
    case 'completed':
      return message.documentUrl;
    case 'otp':
    case 'canceled':
      return null;
  }
}
