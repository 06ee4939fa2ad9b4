// What the delivery logs answer (deliveries.ts; the console's delivery routes answer the same) and
// the company's signing secrets (company.ts), as those return them and the console's page reads
// them (src/web/console). Types and constants only: the browser's code imports them without
// pulling in the server.

/** How the delivery logs name an export job's state. */
export const SHOWN_EXPORT_STATUSES = ['pending', 'delivering', 'delivered', 'dead'] as const;
export type ShownExportStatus = (typeof SHOWN_EXPORT_STATUSES)[number];

/** One try at an export or a message. */
export interface DeliveryAttempt {
  at: string;
  ok: boolean;
  channel?: string;
  status_code: number | null;
  duration_ms: number;
  error: string | null;
  /** The first 4 KB of the response. */
  response_excerpt: string | null;
}

/** An export job, with every attempt; the receiver's authorization value is never shown. */
export interface ExportEvent {
  event_id: string;
  workflow_id: string;
  processid: string;
  webhook_id: string;
  status: ShownExportStatus;
  url: string;
  created_at: string;
  next_attempt_at: string | null;
  finished_at: string | null;
  last_error: string | null;
  /** The JSON sent (domain/export-payload.ts: eSignon's header and body); null once cleared by retention. */
  payload: { header: Record<string, string>; body: Record<string, string> } | null;
  /** When retention cleared the payload and the response excerpts; the attempts stay. */
  cleared_at: string | null;
  attempts: DeliveryAttempt[];
}

/** A message job (an email, an AlimTalk or SMS), with every attempt; the signing link it carries is not shown. */
export interface NotificationEntry {
  notification_id: string;
  kind: string;
  /** Once cleared by retention, only the language is left. */
  to: { name: string; identity: string; language: string };
  /** skipped: no longer due when its turn came (the signer had already acted). */
  status: 'pending' | 'sending' | 'sent' | 'skipped' | 'failed';
  created_at: string;
  next_attempt_at: string | null;
  last_error: string | null;
  attempts: DeliveryAttempt[];
}

/** The secrets exports are signed with: the current one, and the one before while it still signs alongside. */
export interface WebhookSecret {
  secret: string;
  previous_secret: string | null;
  previous_valid_until: string | null;
}
