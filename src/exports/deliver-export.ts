// One attempt to deliver one export event, and nothing else: the caller records
// the outcome and decides, with jobs/retry-schedule.ts, whether and when to try again.
// Modelled on DocuSeal's send_webhook_request.

import type { IncomingHttpHeaders } from 'node:http';
import { parseExportUrl } from './assert-export-url.ts';
import { ExportUrlError } from './export-errors.ts';
import { AttemptStopped } from '../jobs/job-worker.ts';
import type { GuardedAgent } from './guarded-agent.ts';
import { parseRetryAfter } from './parse-retry-after.ts';
import { ResponseExcerptReader } from './read-response-excerpt.ts';
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
  agent: GuardedAgent;
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

/** The request's headers, names and values in turn. */
function exportHeaders(delivery: ExportDelivery, body: Buffer): string[] {
  const headers = [
    'content-type',
    'application/json; charset=utf-8',
    'content-length',
    String(body.length),
    'user-agent',
    EXPORT_USER_AGENT,
    'webhook-id',
    delivery.webhookId,
    'webhook-timestamp',
    webhookTimestamp(delivery.timestamp),
    'webhook-signature',
    signWebhook({ id: delivery.webhookId, timestamp: delivery.timestamp, body: delivery.body, secrets: delivery.secrets }),
  ];
  if (delivery.authorization !== undefined && delivery.authorization !== '') headers.push('authorization', delivery.authorization);
  return headers;
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function failureReason(statusCode: number, headers: IncomingHttpHeaders): string {
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

/** An attempt as its request goes: the status once the headers are in, and how to end it early. */
interface Attempt {
  statusCode?: number;
  end?: (reason: Error) => void;
}

/** What a receiver answered: its status and headers, and the first bytes of its body. */
interface Answer {
  statusCode: number;
  headers: IncomingHttpHeaders;
  excerpt: string;
}

/**
 * One POST through the guarded agent: the answer's first bytes kept, the rest read and dropped up
 * to a limit, past which the connection is closed (the answer as far as it came stands).
 */
function send(agent: GuardedAgent, url: URL, headers: readonly string[], body: Buffer, attempt: Attempt): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      outcome();
    };
    const request = agent.request(url, 'POST', headers);
    attempt.end = (reason) => request.destroy(reason);
    request.on('error', (error) => settle(() => reject(error)));
    request.on('response', (response) => {
      const reader = new ResponseExcerptReader();
      const statusCode = response.statusCode ?? 0;
      attempt.statusCode = statusCode;
      const answer = (): Answer => ({ statusCode, headers: response.headers, excerpt: reader.excerpt().text });
      response.on('data', (chunk: Buffer) => {
        if (settled || reader.add(chunk)) return;
        settle(() => resolve(answer()));
        request.destroy();
      });
      response.on('end', () => settle(() => resolve(answer())));
      response.on('error', (error) => settle(() => reject(error)));
      // Cut off mid-answer: the request's error (a timeout, a reset) says why, or this does.
      response.on('close', () => {
        if (!response.complete) settle(() => reject(new Error('the connection closed before the answer was complete')));
      });
    });
    request.end(body);
  });
}

/**
 * Sends one export event once and says what happened. Throws only AttemptStopped, when the
 * process is stopping mid-attempt: that is no outcome of the receiver's, so nothing is recorded.
 */
export async function deliverExport(delivery: ExportDelivery): Promise<DeliveryOutcome> {
  const started = performance.now();
  const timeoutMs = delivery.timeoutMs ?? DEFAULT_EXPORT_TIMEOUT_MS;
  const attempt: Attempt = {};
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    attempt.end?.(new Error(`timed out after ${timeoutMs} ms`));
  }, timeoutMs);
  const stop = () => attempt.end?.(new AttemptStopped());
  delivery.stopping?.addEventListener('abort', stop, { once: true });
  const elapsed = (): number => Math.round(performance.now() - started);
  const hide = (text: string): string => redactAuthorization(text, delivery.authorization);
  try {
    const url = parseExportUrl(delivery.url);
    const body = Buffer.from(delivery.body, 'utf8');
    const { statusCode, headers, excerpt } = await send(delivery.agent, url, exportHeaders(delivery, body), body, attempt);
    const kind = kindOf(statusCode);
    const retryAfterMs = statusCode === 429 || statusCode === 503 ? parseRetryAfter(headerValue(headers, 'retry-after')) : undefined;
    return {
      kind,
      statusCode,
      durationMs: elapsed(),
      responseExcerpt: hide(excerpt),
      ...(kind === 'delivered' ? {} : { error: hide(failureReason(statusCode, headers)) }),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
  } catch (error) {
    if (delivery.stopping?.aborted) throw new AttemptStopped();
    const { statusCode } = attempt;
    return {
      kind: 'failed',
      ...(statusCode === undefined ? {} : { statusCode }),
      durationMs: elapsed(),
      error: hide(describeError(error, timedOut, timeoutMs, statusCode)),
      responseExcerpt: '',
    };
  } finally {
    clearTimeout(timer);
    delivery.stopping?.removeEventListener('abort', stop);
  }
}
