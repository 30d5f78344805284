import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** How the server answers one request: a status (and body), or 'hang' to never answer. */
export type Answer = { status: number; body?: string } | 'hang';

export interface LocalHttpServer {
  readonly url: string;
  readonly received: ReceivedRequest[];
  /** Answers for the next requests, in order; afterwards every request gets 200. */
  answerNext(...answers: Answer[]): void;
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 (random port) standing in for the SMS gateway. */
export async function startLocalHttpServer(): Promise<LocalHttpServer> {
  const received: ReceivedRequest[] = [];
  const answers: Answer[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      const answer = answers.shift() ?? { status: 200, body: '{"id":"gw-1"}' };
      // Left open until close() cuts every connection.
      if (answer === 'hang') return;
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body ?? '{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sms`,
    received,
    answerNext: (...next) => answers.push(...next),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
