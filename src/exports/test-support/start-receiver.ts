// Real HTTP(S) receivers on loopback for the export tests. Nothing here listens elsewhere.

import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
  /** The TLS server name the client asked for (https receivers only). */
  servername?: string;
}

export type ReceiverHandler = (request: ReceivedRequest, response: ServerResponse) => void;

export interface Receiver {
  origin: string;
  port: number;
  requests: ReceivedRequest[];
  /** TCP connections accepted so far. */
  connections: number;
  close(): Promise<void>;
}

const answerOk: ReceiverHandler = (_request, response) => {
  response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
};

export async function startReceiver(handler: ReceiverHandler = answerOk, tls?: { key: string; cert: string }): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const servername = (req.socket as Partial<TLSSocket>).servername;
      const received: ReceivedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
        ...(typeof servername === 'string' ? { servername } : {}),
      };
      requests.push(received);
      handler(received, res);
    });
  };
  const server = tls ? createHttpsServer(tls, onRequest) : createHttpServer(onRequest);
  const receiver: Receiver = {
    origin: '',
    port: 0,
    requests,
    connections: 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  server.on(tls ? 'secureConnection' : 'connection', () => {
    receiver.connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.port = (server.address() as AddressInfo).port;
  receiver.origin = `${tls ? 'https' : 'http'}://127.0.0.1:${receiver.port}`;
  return receiver;
}
