// Where messages go when neither SMTP nor SOLAPI is configured: the log, and a short memory
// of the last ones, so `npm start` on a laptop still shows every signing link (and one-time
// code). Results say channel 'dev': nothing left the server.

import type { Logger } from 'pino';
import { resultOf, timedAttempt, type DeliveryResult, type NotificationChannel } from './delivery-result.ts';
import { primaryLink, type NotificationMessage } from './message.ts';
import { renderEmail } from './render-email.ts';

export interface DevNotification {
  /** `dev-1`, `dev-2`, … in this process. */
  id: string;
  /** ISO 8601 */
  at: string;
  message: NotificationMessage;
  subject: string;
  /** The plain-text email body, whatever the identity: the fullest rendering. */
  text: string;
  /** The signing or document link, when the message has one. */
  link: string | null;
}

export interface DevChannelOptions {
  /** How many to keep; default 100. */
  capacity?: number;
}

export class DevChannel implements NotificationChannel {
  private readonly kept: DevNotification[] = [];
  private sequence = 0;
  private readonly capacity: number;

  constructor(
    private readonly logger: Pick<Logger, 'info'>,
    options: DevChannelOptions = {},
  ) {
    this.capacity = options.capacity ?? 100;
  }

  async send(message: NotificationMessage): Promise<DeliveryResult> {
    const attempt = await timedAttempt('dev', async () => {
      const entry = this.keep(message);
      this.log(entry);
      return { ok: true, providerId: entry.id };
    });
    return resultOf([attempt]);
  }

  /** The last messages, oldest first. */
  recent(): readonly DevNotification[] {
    return [...this.kept];
  }

  private keep(message: NotificationMessage): DevNotification {
    const email = renderEmail(message);
    this.sequence += 1;
    const entry: DevNotification = {
      id: `dev-${this.sequence}`,
      at: new Date().toISOString(),
      message,
      subject: email.subject,
      text: email.text,
      link: primaryLink(message),
    };
    this.kept.push(entry);
    if (this.kept.length > this.capacity) this.kept.splice(0, this.kept.length - this.capacity);
    return entry;
  }

  private log(entry: DevNotification): void {
    const { message } = entry;
    const to = `${message.to.name} <${message.to.identity}>`;
    const what = message.kind === 'otp' ? `code ${message.code}` : (entry.link ?? entry.subject);
    this.logger.info(
      {
        notification: {
          id: entry.id,
          kind: message.kind,
          language: message.language,
          to: message.to.identity,
          subject: entry.subject,
          link: entry.link,
        },
      },
      `notification not sent (no SMTP_URL or SOLAPI_* configured): ${message.kind} to ${to}: ${what}`,
    );
  }

  async close(): Promise<void> {}
}
