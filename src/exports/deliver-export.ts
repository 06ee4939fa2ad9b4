// One attempt to deliver one export event, and nothing else: the caller records
// the outcome and decides, with jobs/retry-schedule.ts, whether and when to try again.
// Modelled on DocuSeal's send_webhook_request.

import type { Dispatcher } from 'undici';
import { parseExportUrl } from './assert-export-url.ts';
import { ExportUrlError } from './export-errors.ts';
import { AttemptStopped } from '../jobs/job-worker.ts';
import type { GuardedAgent } from './guarded-agent.ts';
import { parseRetryAfter } from './parse-retry-after.ts';
import { readResponseExcerpt } from './read-response-excerpt.ts';
import { redactAuthorization } from './redact-authorization.ts';
import { signWebhook, webhookTimestamp } from './webhook-signature.ts';

export const DEFAULT_EXPORT_TIMEOUT_MS = 15_000;
export const EXPORT_USER_AGENT = 'Dojang-Export/1';

export interface ExportDelivery {
  url: string;
  /** The payload, already serialised: these exact bytes are signed and sent. */
  body: string;
  /** `export_api_info.authorization`, sent exactly as given. */
  authorization?: string | undefined;
  /** `webhook-id`: the same on every attempt of the event. */
  webhookId: string;
  /** `webhook-timestamp`: the time of this attempt. */
  timestamp: Date;
  /** The company's webhook secrets, current first (see webhook-signature.ts). */
  secrets: readonly string[];
  /** The whole attempt, connection to the end of the response body. Default 15 s. */
  timeoutMs?: number;
  /** The address policy lives in the agent, which checks every connection. */
  dispatcher: GuardedAgent;
  /** Aborts when the process is stopping: the attempt is cut short and deliverExport throws AttemptStopped. */
  stopping?: AbortSignal;
}

export type DeliveryOutcomeKind = 'delivered' | 'failed' | 'gone';

export interface DeliveryOutcome {
  /** 'delivered' on 2xx; 'gone' on 410 (no more retries); 'failed' otherwise. */
  kind: DeliveryOutcomeKind;
  statusCode?: number;
  durationMs: number;
  /** Why it failed, fit to show; never contains the authorization value. */
  error?: string;
  /** The first 4 KB of the response body, as UTF-8. */
  responseExcerpt: string;
  /** From Retry-After on a 429 or 503. */
  retryAfterMs?: number;
}

function exportHeaders(delivery: ExportDelivery): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'user-agent': EXPORT_USER_AGENT,
    'webhook-id': delivery.webhookId,
    'webhook-timestamp': webhookTimestamp(delivery.timestamp),
    'webhook-signature': signWebhook({
      id: delivery.webhookId,
      timestamp: delivery.timestamp,
      body: delivery.body,
      secrets: delivery.secrets,
    }),
  };
  if (delivery.authorization !== undefined && delivery.authorization !== '') {
    headers.authorization = delivery.authorization;
  }
  return headers;
}

function headerValue(headers: Dispatcher.ResponseData['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function failureReason(statusCode: number, headers: Dispatcher.ResponseData['headers']): string {
  if (statusCode >= 300 && statusCode < 400) {
    const location = headerValue(headers, 'location');
    const to = location ? ` to ${location.slice(0, 200)}` : '';
    return `redirect not followed (HTTP ${statusCode}${to})`;
  }
  return `HTTP ${statusCode}`;
}

function kindOf(statusCode: number): DeliveryOutcomeKind {
  if (statusCode >= 200 && statusCode < 300) return 'delivered';
  return statusCode === 410 ? 'gone' : 'failed';
}

function describeError(error: unknown, timedOut: boolean, timeoutMs: number, statusCode?: number): string {
  if (timedOut) {
    return statusCode === undefined ? `timed out after ${timeoutMs} ms` : `timed out after ${timeoutMs} ms while reading the response`;
  }
  if (error instanceof ExportUrlError) return error.message;
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}

/**
 * Sends one export event once and says what happened. Throws only AttemptStopped, when the
 * process is stopping mid-attempt: that is no outcome of the receiver's, so nothing is recorded.
 */
export async function deliverExport(delivery: ExportDelivery): Promise<DeliveryOutcome> {
  const started = performance.now();
  const timeoutMs = delivery.timeoutMs ?? DEFAULT_EXPORT_TIMEOUT_MS;
  // A timer cleared on completion rather than AbortSignal.timeout, whose timer outlives the attempt.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const stop = () => controller.abort();
  delivery.stopping?.addEventListener('abort', stop, { once: true });
  const { signal } = controller;
  const elapsed = (): number => Math.round(performance.now() - started);
  const hide = (text: string): string => redactAuthorization(text, delivery.authorization);
  let statusCode: number | undefined;
  try {
    const url = parseExportUrl(delivery.url);
    const response = await delivery.dispatcher.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: 'POST',
      headers: exportHeaders(delivery),
      body: Buffer.from(delivery.body, 'utf8'),
      signal,
    });
    statusCode = response.statusCode;
    const excerpt = await readResponseExcerpt(response.body);
    const kind = kindOf(statusCode);
    const retryAfterMs = statusCode === 429 || statusCode === 503 ? parseRetryAfter(headerValue(response.headers, 'retry-after')) : undefined;
    return {
      kind,
      statusCode,
      durationMs: elapsed(),
      responseExcerpt: hide(excerpt.text),
      ...(kind === 'delivered' ? {} : { error: hide(failureReason(statusCode, response.headers)) }),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
  } catch (error) {
    if (delivery.stopping?.aborted) throw new AttemptStopped();
    return {
      kind: 'failed',
      ...(statusCode === undefined ? {} : { statusCode }),
      durationMs: elapsed(),
      error: hide(describeError(error, signal.aborted, timeoutMs, statusCode)),
      responseExcerpt: '',
    };
  } finally {
    clearTimeout(timer);
    delivery.stopping?.removeEventListener('abort', stop);
  }
}
