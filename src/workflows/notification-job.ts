// What the notify queue's jobs carry: an intent, rendered into a message by the notify worker
// with the workflow's state at send time. One job per recipient.
import type { Recipient } from './recipient.ts';

export type NotificationJob =
  | { kind: 'sign-request'; step: number; to: Recipient; signUrl: string; returnedBy?: { name: string; reason: string } }
  | { kind: 'resend'; step: number; to: Recipient; signUrl: string }
  | { kind: 'expiry-reminder'; step: number; to: Recipient; signUrl: string }
  | { kind: 'otp'; step: number; to: Recipient; code: string; validMinutes: number }
  | { kind: 'completed'; to: Recipient; documentUrl: string; certificateUrl: string }
  | { kind: 'canceled'; to: Recipient; cause: 'company' | 'returned' | 'expired'; by: string; reason: string };
