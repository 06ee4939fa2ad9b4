// Email over SMTP with nodemailer (SMTP_URL, SMTP_FROM). One connection per message: the
// volume is a handful of messages per contract, and a fresh connection means a restarted
// or briefly unreachable SMTP server costs one failed attempt, not a stuck pool.
// Nodemailer encodes Korean and Japanese subjects and names itself (RFC 2047).

import nodemailer, { type NodemailerError, type SMTPTransportOptions } from 'nodemailer';
import { resultOf, timedAttempt, type AttemptOutcome, type DeliveryErrorCode, type DeliveryResult, type NotificationChannel } from './delivery-result.ts';
import { classifyIdentity } from '../domain/identity.ts';
import type { NotificationMessage } from './message.ts';
import type { SmtpConfig } from './notify-config.ts';
import { renderEmail } from './render-email.ts';

export interface EmailChannelOptions {
  /** Waiting for the TCP (and TLS) connection. Default 10 s. */
  connectionTimeoutMs?: number;
  /** Waiting for the server's greeting once connected. Default 10 s. */
  greetingTimeoutMs?: number;
  /** Idle time allowed on an open connection. Default 30 s. */
  socketTimeoutMs?: number;
}

const CONNECTION_ERROR_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'EPROXY']);
const AUTH_ERROR_CODES = new Set(['EAUTH', 'ENOAUTH', 'EOAUTH2', 'ECONFIG', 'EREQUIRETLS']);

function isNodemailerError(error: unknown): error is NodemailerError {
  return error instanceof Error;
}

/**
 * A failure that is about this message (the recipient refused, a 5xx reply) is final;
 * anything about the server or the connection (including bad credentials, which an
 * operator fixes once for every message) is worth retrying.
 */
export function classifySmtpError(error: unknown): Extract<AttemptOutcome, { ok: false }> {
  if (!isNodemailerError(error)) {
    return { ok: false, error: String(error), errorCode: 'internal-error', retryable: false };
  }
  const detail: Record<string, string> = {};
  if (error.code) detail.code = error.code;
  if (error.responseCode !== undefined) detail.responseCode = String(error.responseCode);
  if (error.response) detail.response = error.response.slice(0, 500);
  if (error.command) detail.command = error.command;

  const code = error.code ?? '';
  let errorCode: DeliveryErrorCode;
  let retryable: boolean;
  if (CONNECTION_ERROR_CODES.has(code)) {
    errorCode = 'unreachable';
    retryable = true;
  } else if (AUTH_ERROR_CODES.has(code)) {
    errorCode = 'unauthorized';
    retryable = true;
  } else if (error.permanent === true) {
    errorCode = 'rejected';
    retryable = false;
  } else if (error.responseCode !== undefined) {
    errorCode = 'provider-error';
    retryable = true;
  } else if (code === 'EENVELOPE' || code === 'EMESSAGE') {
    errorCode = 'rejected';
    retryable = false;
  } else {
    errorCode = 'provider-error';
    retryable = true;
  }
  return { ok: false, error: `SMTP: ${error.message}`, errorCode, retryable, detail };
}

export class EmailChannel implements NotificationChannel {
  private readonly transport;

  constructor(
    private readonly config: SmtpConfig,
    options: EmailChannelOptions = {},
  ) {
    const transportOptions: SMTPTransportOptions = {
      url: config.url,
      connectionTimeout: options.connectionTimeoutMs ?? 10_000,
      greetingTimeout: options.greetingTimeoutMs ?? 10_000,
      socketTimeout: options.socketTimeoutMs ?? 30_000,
    };
    this.transport = nodemailer.createTransport(transportOptions);
  }

  async send(message: NotificationMessage): Promise<DeliveryResult> {
    const attempt = await timedAttempt('email', () => this.deliver(message));
    return resultOf([attempt]);
  }

  private async deliver(message: NotificationMessage): Promise<AttemptOutcome> {
    const identity = classifyIdentity(message.to.identity);
    if (identity.kind !== 'email') {
      return {
        ok: false,
        error: `not an email address: ${message.to.identity}`,
        errorCode: 'invalid-identity',
        retryable: false,
      };
    }
    const email = renderEmail(message);
    try {
      const info = await this.transport.sendMail({
        from: this.config.from,
        to: { name: message.to.name, address: identity.email },
        subject: email.subject,
        text: email.text,
        html: email.html,
        headers: {
          // RFC 3834: tells autoresponders (vacation replies) not to answer.
          'Auto-Submitted': 'auto-generated',
          'X-Auto-Response-Suppress': 'All',
        },
      });
      if (info.rejected.length > 0 && info.accepted.length === 0) {
        return {
          ok: false,
          error: `SMTP: recipient refused: ${info.rejected.join(', ')}`,
          errorCode: 'rejected',
          retryable: false,
          detail: { response: info.response },
        };
      }
      return { ok: true, providerId: info.messageId, detail: { response: info.response } };
    } catch (error) {
      return classifySmtpError(error);
    }
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}
