/**
 * The benchmarks' load generator: one keep-alive HTTP/1.1 connection per virtual user (an undici
 * `Client`, pipelining 1), driven through `dispatch` so that a request allocates no stream, no
 * IncomingMessage and no header object. It runs on the same cores as the systems it measures, so what
 * it spends per request is taken from them: `npm run bench -- loadgen` measures it against node:http
 * and fetch (figures in the README). LOADGEN_CLIENT=node-http (one keep-alive Agent per connection) or
 * LOADGEN_CLIENT=fetch runs any benchmark through what the benchmarks used before, to compare in place.
 */
import { Agent, createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Client, type Dispatcher } from 'undici';

/** What one request answered, and its latency from sending to the last byte of the body. */
export interface Answer {
  readonly status: number;
  readonly body: string;
  readonly ms: number;
}

export type Headers = Readonly<Record<string, string>>;

/** A virtual user's connection: its requests go one after the other on one keep-alive socket. */
export interface LoadConnection {
  readonly origin: string;
  request(method: string, path: string, headers?: Headers, body?: string): Promise<Answer>;
  post(path: string, headers: Headers, body: string): Promise<Answer>;
  get(path: string, headers?: Headers): Promise<Answer>;
  close(): Promise<void>;
}

export type ClientKind = 'undici' | 'node-http' | 'fetch';

const KINDS: readonly ClientKind[] = ['undici', 'node-http', 'fetch'];

export const DEFAULT_CLIENT: ClientKind = chosenKind(process.env['LOADGEN_CLIENT']);

function chosenKind(value: string | undefined): ClientKind {
  if (value === undefined || value === '') return 'undici';
  if (!(KINDS as readonly string[]).includes(value))
    throw new Error(`LOADGEN_CLIENT=${value}: expected one of ${KINDS.join(', ')}`);
  return value as ClientKind;
}

/** One connection to a loopback origin. */
export function openConnection(origin: string, kind = DEFAULT_CLIENT): LoadConnection {
  // Loopback only: a load generator pointed anywhere else is a mistake.
  const { hostname } = new URL(origin);
  if (!['localhost', '[::1]'].includes(hostname) && !hostname.startsWith('127.'))
    throw new Error(`load generator: ${origin} is not a loopback address`);
  if (kind === 'node-http') return new NodeHttpConnection(origin);
  return kind === 'fetch' ? new FetchConnection(origin) : new UndiciConnection(origin);
}

/** `count` connections to one origin, one per virtual user. */
export function openConnections(
  origin: string,
  count: number,
  kind = DEFAULT_CLIENT,
): LoadConnection[] {
  return Array.from({ length: count }, () => openConnection(origin, kind));
}

export async function closeConnections(connections: readonly LoadConnection[]): Promise<void> {
  await Promise.all(connections.map((connection) => connection.close()));
}

/**
 * Runs `requests` requests through this process's client against a throwaway loopback server of its
 * own (answers shaped like the services': a JSON body of ~1.5 KB, a dozen headers), then closes both.
 * Why: at a sign-in's rates (10-80 requests/s over 8 connections) the client's code (undici, Node's
 * streams) is never optimised and runs in V8's baseline tier for the whole benchmark (perf of the
 * `peers` process: Builtins_LoadIC, Builtins_BaselineOutOfLinePrologue, `JS:^` frames), where a grant
 * flow's thousands per second get it optimised within the warm-up. Sending these first makes the
 * client as cheap for the slow flows as for the fast ones; the systems measured see none of it.
 */
export async function warmUpClient(requests = 6000, kind = DEFAULT_CLIENT): Promise<void> {
  const body = JSON.stringify({ accessToken: 'a'.repeat(700), refreshToken: 'r'.repeat(400) });
  const headers = Object.fromEntries(
    ['content-type', ...Array.from({ length: 11 }, (_, i) => `x-warm-up-${i}`)].map((name) => [
      name,
      name === 'content-type' ? 'application/json; charset=utf-8' : 'nosniff',
    ]),
  );
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, headers);
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const connections = openConnections(origin, 8, kind);
  let sent = 0;
  try {
    await Promise.all(
      connections.map(async (connection) => {
        while (sent < requests) {
          sent++;
          const answer = await connection.post(
            '/warm-up',
            { 'content-type': 'application/json' },
            body,
          );
          if (answer.status !== 200) throw new Error(`warm-up answered ${answer.status}`);
        }
      }),
    );
  } finally {
    await closeConnections(connections);
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

/** The CPU (user + system) this process has spent since `since`, in milliseconds. */
export function ownCpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

abstract class BaseConnection implements LoadConnection {
  constructor(readonly origin: string) {}

  abstract request(method: string, path: string, headers?: Headers, body?: string): Promise<Answer>;

  post(path: string, headers: Headers, body: string): Promise<Answer> {
    return this.request('POST', path, headers, body);
  }

  get(path: string, headers: Headers = {}): Promise<Answer> {
    return this.request('GET', path, headers);
  }

  abstract close(): Promise<void>;
}

class UndiciConnection extends BaseConnection {
  // A long keep-alive: an idle pause between rounds must not close the connection under a request.
  private readonly client = new Client(this.origin, {
    pipelining: 1,
    keepAliveTimeout: 60_000,
    keepAliveMaxTimeout: 600_000,
  });

  request(method: string, path: string, headers: Headers = {}, body?: string): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const started = performance.now();
      this.client.dispatch(
        { method: method as Dispatcher.HttpMethod, path, headers, body },
        new AnswerHandler(started, resolve, reject) as Dispatcher.DispatchHandler,
      );
    });
  }

  close(): Promise<void> {
    return this.client.destroy();
  }
}

/**
 * Collects one answer. undici's older handler interface (onHeaders/onData/onComplete) is the one its
 * Client calls natively: a handler of the newer one (onResponseStart …) is wrapped per request and
 * gets every response header parsed into an object (our services send a dozen security headers),
 * work this one skips. On the 4-header answers of `npm run bench -- loadgen` the two are within noise
 * (18-22 µs of CPU per request). A class, so a request allocates one small object, not five closures.
 */
class AnswerHandler {
  private status = 0;
  private readonly chunks: Buffer[] = [];

  constructor(
    private readonly started: number,
    private readonly resolve: (answer: Answer) => void,
    private readonly reject: (error: Error) => void,
  ) {}

  onConnect(): void {
    // the clock started when the request was dispatched
  }

  onHeaders(statusCode: number): boolean {
    this.status = statusCode;
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.chunks.push(chunk);
    return true;
  }

  onComplete(): void {
    const body =
      this.chunks.length === 1
        ? this.chunks[0].toString('utf8')
        : Buffer.concat(this.chunks).toString('utf8');
    this.resolve({ status: this.status, body, ms: performance.now() - this.started });
  }

  onError(error: Error): void {
    this.reject(error);
  }
}

/** The baseline: node:http with a keep-alive Agent of one socket. */
class NodeHttpConnection extends BaseConnection {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });
  private readonly url = new URL(this.origin);

  request(method: string, path: string, headers: Headers = {}, body = ''): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const started = performance.now();
      const req = httpRequest(
        {
          host: this.url.hostname,
          port: this.url.port,
          method,
          path,
          agent: this.agent,
          headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: text, ms: performance.now() - started }),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  async close(): Promise<void> {
    this.agent.destroy();
  }
}

/** The other baseline: Node's global fetch (its own pool: "one connection" is not enforced). */
class FetchConnection extends BaseConnection {
  async request(
    method: string,
    path: string,
    headers: Headers = {},
    body?: string,
  ): Promise<Answer> {
    const started = performance.now();
    const res = await fetch(this.origin + path, { method, headers, body });
    const text = await res.text();
    return { status: res.status, body: text, ms: performance.now() - started };
  }

  async close(): Promise<void> {
    // the global pool closes idle connections itself
  }
}
