// Dojang's queues: the side effects a change writes as jobs in its own transaction. Each says
// here what its jobs carry, which of them run in order, and how often a handler that throws is
// tried again; dojang.ts gives each a handler and a worker.
import Type, { type Static } from 'typebox';
import type { ExportPayload } from '../domain/export-payload.ts';
import type { Company } from '../store/schema.ts';
import { defineQueue } from './queue.ts';

const LanguageSchema = Type.Union([Type.Literal('ko-KR'), Type.Literal('en-US'), Type.Literal('ja-JP')]);
const RecipientSchema = Type.Object({ name: Type.String(), identity: Type.String(), language: LanguageSchema });

/**
 * An export event: the payload built once when the change happened (every retry sends the same
 * bytes), and what identifies it to the receiver. The receiver's authorization stays in the
 * workflow's export config, out of the job.
 */
export const ExportEventSchema = Type.Object({
  processId: Type.Integer({ minimum: 1 }),
  webhookId: Type.String(),
  url: Type.String(),
  payload: Type.Unsafe<ExportPayload>(Type.Object({}, { additionalProperties: true })),
});
export type ExportEvent = Static<typeof ExportEventSchema>;

/** The host an export goes to: the worker's per-host limit counts by it. */
export function exportTarget(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * What the change that queued an export knew of its receiver, which the delivery otherwise reads
 * back: the workflow's authorization and the company's webhook secrets, as they were at `readAt`.
 */
export interface ExportReceiver {
  authorization: string | null;
  company: Pick<Company, 'webhook_secret' | 'webhook_secret_previous' | 'webhook_secret_previous_until'>;
  readAt: Date;
}

export const exportQueue = defineQueue<typeof ExportEventSchema, ExportReceiver>({
  name: 'export',
  payload: ExportEventSchema,
  // A workflow's events go out one at a time, in order: n+1 waits for n to succeed or die.
  orderingKey: (_event, scope) => `export:${scope.workflowId}`,
  target: (event) => exportTarget(event.url),
  writtenClaimed: true,
  // Failed deliveries follow the retry schedule (the handler answers them); this is for a handler that threw.
  crash: { tries: 10, waitMs: () => 60_000 },
});

/**
 * A message to send: an intent, rendered by the notify worker with the workflow as it is at
 * send time (a reminder for a step already signed is not sent). One job per recipient.
 */
export const NotificationSchema = Type.Union([
  Type.Object({
    kind: Type.Literal('sign-request'),
    step: Type.Integer(),
    to: RecipientSchema,
    signUrl: Type.String(),
    returnedBy: Type.Optional(Type.Object({ name: Type.String(), reason: Type.String() })),
  }),
  Type.Object({ kind: Type.Literal('resend'), step: Type.Integer(), to: RecipientSchema, signUrl: Type.String() }),
  // expiresOn names the reminder: one per workflow and expiry date (written with every reminder; older ones lack it).
  Type.Object({
    kind: Type.Literal('expiry-reminder'),
    step: Type.Integer(),
    to: RecipientSchema,
    signUrl: Type.String(),
    expiresOn: Type.Optional(Type.String()),
  }),
  Type.Object({ kind: Type.Literal('otp'), step: Type.Integer(), to: RecipientSchema, code: Type.String(), validMinutes: Type.Integer() }),
  Type.Object({ kind: Type.Literal('completed'), to: RecipientSchema, documentUrl: Type.String(), certificateUrl: Type.String() }),
  Type.Object({
    kind: Type.Literal('canceled'),
    to: RecipientSchema,
    cause: Type.Union([Type.Literal('company'), Type.Literal('returned'), Type.Literal('expired')]),
    by: Type.String(),
    reason: Type.String(),
  }),
]);
export type NotificationJob = Static<typeof NotificationSchema>;

export const notifyQueue = defineQueue({
  name: 'notify',
  payload: NotificationSchema,
  // Messages go out in any order; a reminder's key is how the sweep knows it was sent (remind-before-expiry.ts).
  orderingKey: (message, scope) => (message.kind === 'expiry-reminder' ? `reminder:${scope.workflowId}:${message.expiresOn}` : null),
  crash: { tries: 10, waitMs: (attempts) => 60_000 * attempts },
});

/** Make the completed PDF and the history certificate, or remove both (a disposal). */
export const DocumentJobSchema = Type.Object({ action: Type.Union([Type.Literal('produce'), Type.Literal('remove')]) });
export type DocumentJob = Static<typeof DocumentJobSchema>;

export const documentQueue = defineQueue({
  name: 'document',
  payload: DocumentJobSchema,
  // A workflow's documents are made (or removed) one job at a time.
  orderingKey: (_job, scope) => `document:${scope.workflowId}`,
  // A completed workflow left without documents is queued again by the minute's sweep (produce-documents.ts).
  crash: { tries: 20, waitMs: (attempts) => 60_000 * attempts },
});
