/**
 * What the bare ceiling servers (grant-ceiling, signin-ceiling) share: a node:cluster primary whose
 * workers learn when all of them listen (GET /health answers 200 only then, so the bench's connections
 * reach every worker: bench/lib/all-workers-listening), and the bench side that starts such a server
 * in its own process group and stops it by that group.
 */
import { spawn } from 'node:child_process';
import cluster from 'node:cluster';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import { allWorkersListening } from './all-workers-listening';
import { freePort } from './service-process';
import { trackProcess } from './started-processes';

/** A ceiling server's answer to any request but GET /health: its body read whole, a JSON reply. */
export type CeilingHandler = (
  body: string,
  headers: IncomingHttpHeaders,
) => Promise<[status: number, payload: unknown]>;

/**
 * In the server's process: the primary forks WORKERS workers (each with `workerEnv(workers)`) and
 * tells them once all listen. A worker builds its handler with `handler` and listens on PORT at
 * 127.0.0.1; GET /health answers 200 only once every worker listens, 503 before.
 */
export function runCeilingCluster(
  handler: () => Promise<CeilingHandler>,
  workerEnv: (workers: number) => Record<string, string> = () => ({}),
): void {
  if (cluster.isPrimary) {
    const workers = Number(process.env['WORKERS'] ?? 2);
    for (let i = 0; i < workers; i++) cluster.fork(workerEnv(workers));
    let listening = 0;
    cluster.on('listening', () => {
      listening += 1;
      if (listening === workers)
        for (const worker of Object.values(cluster.workers ?? {})) worker?.send('all-listening');
    });
    process.on('SIGTERM', () => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
      process.exit(0);
    });
    return;
  }
  let allListening = false;
  process.on('message', (message) => {
    if (message === 'all-listening') allListening = true;
  });
  const send = (response: ServerResponse, status: number, payload: unknown) => {
    response.statusCode = status;
    response.setHeader('content-type', 'application/json');
    response.setHeader('cache-control', 'no-store');
    response.end(JSON.stringify(payload));
  };
  void handler().then((answer) => {
    const worker = cluster.worker?.id ?? 1;
    const server = createServer((request, response) => {
      if (request.method === 'GET' && request.url === '/health') {
        send(response, allListening ? 200 : 503, {
          status: allListening ? 'ok' : 'starting',
          worker,
        });
        return;
      }
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => (body += chunk));
      request.on('end', () => {
        void answer(body, request.headers).then(([status, payload]) =>
          send(response, status, payload),
        );
      });
    });
    server.keepAliveTimeout = 60_000;
    server.listen(Number(process.env['PORT']), '127.0.0.1');
  });
}

export interface CeilingServer {
  readonly origin: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/** In the bench: starts `script` (TypeScript) on a free loopback port and waits until all its workers listen. */
export async function startCeilingServer(
  script: string,
  env: Record<string, string>,
): Promise<CeilingServer> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', script], {
    detached: true,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, ...env, PORT: String(port) },
  });
  const forget = trackProcess(child.pid, { group: true });
  const origin = `http://127.0.0.1:${port}`;
  await allWorkersListening(origin, 60_000);
  return {
    origin,
    pid: child.pid ?? 0,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        process.kill(-(child.pid ?? 0), 'SIGTERM');
        await exited;
      }
      forget();
    },
  };
}
