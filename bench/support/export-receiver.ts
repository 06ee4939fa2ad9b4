// The receiver both halves of the exports bench post to: node:http on 127.0.0.1, answering
// 200 at once. It notes when each request's body has fully arrived (wall clock, sub-ms).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Arrival {
  /** Wall-clock ms (with a fraction) when the whole body had arrived. */
  at: number;
  body: Buffer;
}

export interface ExportReceiver {
  url: string;
  /** Called for every request, in arrival order. */
  onArrival: (arrival: Arrival) => void;
  close(): Promise<void>;
}

export const wallClockMs = () => performance.timeOrigin + performance.now();

/** Listens on `port` when given (a receiver coming back where one was down), else on any free port. */
export async function startExportReceiver(port = 0): Promise<ExportReceiver> {
  const receiver: ExportReceiver = { url: '', onArrival: () => {}, close: async () => {} };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const at = wallClockMs();
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      receiver.onArrival({ at, body: Buffer.concat(chunks) });
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/exports`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}

/** An export's `workdatetime` ("2026-12-01 00:30:05.25", UTC) as epoch ms. */
export function parseWorkdatetime(text: string): number {
  return Date.parse(`${text.replace(' ', 'T')}Z`);
}
