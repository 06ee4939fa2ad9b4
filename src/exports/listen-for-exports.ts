// The receiver behind `npx dojang listen --port 4000 --secret whsec_…`: it accepts exports
// on a developer's machine, checks their Standard Webhooks signature with the company secret,
// prints each one readably and answers 200 (like `stripe listen`).

import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { webhookSecretKey } from './webhook-signature.ts';

export interface ListenForExportsOptions {
  port: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The company's `whsec_…` secret; without it signatures are not checked. */
  secret?: string | undefined;
  out: { write(text: string): unknown };
  now?: () => Date;
}

const MAX_BODY_BYTES = 5 * 1024 * 1024;
/** Keys shown on the header line of each export, not repeated below it. */
const HEADER_KEYS: readonly string[] = ['worktype', 'status', 'wfuid', 'processid'];

type Verdict = 'verified' | 'bad' | 'unchecked';

function signatureHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
    const value = headers[name];
    if (typeof value === 'string') picked[name] = value;
  }
  return picked;
}

interface SignatureCheck {
  verdict: Verdict;
  why?: string;
}

function checkSignature(webhook: Webhook | undefined, body: Buffer, headers: IncomingHttpHeaders): SignatureCheck {
  if (!webhook) return { verdict: 'unchecked' };
  try {
    webhook.verify(body.toString('utf8'), signatureHeaders(headers), { jsonParse: false });
    return { verdict: 'verified' };
  } catch (error) {
    return { verdict: 'bad', why: error instanceof Error ? error.message : String(error) };
  }
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function localTime(at: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  const date = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
  return `${date} ${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The printed form of one export: a header line, then the body's other keys. */
export function formatExport(request: { method: string; url: string; headers: IncomingHttpHeaders; body: Buffer }, check: SignatureCheck, at: Date): string {
  const mark =
    check.verdict === 'verified'
      ? '✔ verified'
      : check.verdict === 'bad'
        ? `✘ bad signature (${check.why ?? 'unknown'})`
        : '· signature not checked (no --secret)';
  const text = request.body.toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const where = `${request.method} ${request.url}`;
  const body = isRecord(parsed) && isRecord(parsed.body) ? parsed.body : undefined;
  if (!body) {
    const raw = parsed === undefined ? text.slice(0, 4096) : JSON.stringify(parsed, null, 2);
    return `${localTime(at)}  ${where}  ${mark}\n${raw}\n\n`;
  }
  const summary = [show(body.worktype ?? '?'), show(body.status ?? '?'), `wfuid=${show(body.wfuid ?? '')}`, `processid=${show(body.processid ?? '')}`].join(
    '  ',
  );
  const rest = Object.entries(body).filter(([key]) => !HEADER_KEYS.includes(key));
  const width = Math.max(0, ...rest.map(([key]) => key.length));
  const lines = rest.map(([key, value]) => `    ${key.padEnd(width)}  ${show(value)}`);
  const webhookId = request.headers['webhook-id'];
  const id = typeof webhookId === 'string' ? `  ${webhookId}` : '';
  return `${localTime(at)}  ${summary}  ${mark}  (${where}${id})\n${lines.join('\n')}\n\n`;
}

function readBody(request: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => resolve(size <= MAX_BODY_BYTES ? Buffer.concat(chunks) : null));
    request.on('error', reject);
  });
}

/** Starts the receiver; resolves with the listening server. */
export async function listenForExports(options: ListenForExportsOptions): Promise<Server> {
  const { out, secret } = options;
  const now = options.now ?? (() => new Date());
  if (secret !== undefined) webhookSecretKey(secret); // a malformed secret stops here, clearly
  const webhook = secret === undefined ? undefined : new Webhook(secret);

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (request.method !== 'POST') {
      response.writeHead(405, { allow: 'POST', 'content-type': 'text/plain' }).end('POST exports here\n');
      return;
    }
    const body = await readBody(request);
    if (body === null) {
      const where = `${request.method} ${request.url ?? ''}`;
      out.write(`${localTime(now())}  ${where}  ✘ body over ${MAX_BODY_BYTES} bytes\n\n`);
      response.writeHead(413).end();
      return;
    }
    const check = checkSignature(webhook, body, request.headers);
    const received = { method: 'POST', url: request.url ?? '', headers: request.headers, body };
    out.write(formatExport(received, check, now()));
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(400);
      response.end();
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  out.write(
    `Listening for Dojang exports on http://${shownHost}:${port}/ ` +
      (webhook ? '(signatures checked with the given secret)\n' : '(no --secret: signatures not checked)\n') +
      `Start a contract with export_api_info.url set to this address. Ctrl-C stops.\n\n`,
  );
  return server;
}
