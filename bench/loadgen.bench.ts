/**
 * npm run bench -- loadgen [--requests=20000] [--connections=32] [--rounds=2]
 * What the load generator itself costs: the CPU (user + system) of this process per request, for
 * the same two-field JSON POST to a raw node:http server in its own process (bench/lib/request-path-server
 * raw), through each client the benchmarks could use. Every figure counts the latency bookkeeping a
 * benchmark does (one clock read before and after each request). Rounds interleave the clients after a
 * warm-up of each. Bounded by --requests per client and round; loopback only. Writes
 * bench/results/loadgen.json.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client, Pool } from 'undici';
import { figure, Latencies, print, writeResults, type BenchFigure } from './lib/measure';
import {
  type ClientKind,
  closeConnections,
  type LoadConnection,
  openConnections,
  ownCpuMs,
} from './lib/load-client';
import { cpuMs } from './lib/process-stats';
import { freePort } from './lib/service-process';

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const REQUESTS = arg('requests', 20_000);
const CONNECTIONS = arg('connections', 32);
const ROUNDS = arg('rounds', 2);
const PATH = '/bench/echo';
const BODY = '{"firstName":"Ada","lastName":"Lovelace"}';
const HEADERS = { 'content-type': 'application/json' };

/** One request through one virtual user's connection: resolves with the status and the body text. */
type Send = (user: number) => Promise<{ status: number; body: string }>;

interface Contender {
  readonly name: string;
  open(origin: string, port: number): Send;
  close(): Promise<void>;
}

/** node:http, one keep-alive Agent shared by every virtual user (CONNECTIONS sockets), as credentials.bench.ts did. */
function nodeHttpSharedAgent(): Contender {
  let agent: Agent | undefined;
  return {
    name: 'node:http, one shared keep-alive Agent',
    open(_origin, port) {
      const opened = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
      agent = opened;
      return () =>
        new Promise((resolve, reject) => {
          const req = httpRequest(
            {
              host: '127.0.0.1',
              port,
              method: 'POST',
              path: PATH,
              agent: opened,
              headers: { ...HEADERS, 'Content-Length': Buffer.byteLength(BODY) },
            },
            (res) => {
              let text = '';
              res.setEncoding('utf8');
              res.on('data', (chunk) => (text += chunk));
              res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
            },
          );
          req.on('error', reject);
          req.end(BODY);
        });
    },
    async close() {
      agent?.destroy();
    },
  };
}

/** Node's global fetch (the undici bundled with Node 20, its global pool). */
function globalFetch(): Contender {
  return {
    name: `fetch (Node ${process.version} global)`,
    open(origin) {
      return async () => {
        const res = await fetch(origin + PATH, { method: 'POST', headers: HEADERS, body: BODY });
        return { status: res.status, body: await res.text() };
      };
    },
    close: async () => undefined,
  };
}

/**
 * undici 7 through its request() API (a body stream per answer): one Client per virtual user
 * (pipelining 1), or one Pool of CONNECTIONS connections shared by all, what a shared pool would cost.
 */
function undiciRequest(shared: boolean): Contender {
  let dispatchers: Array<Client | Pool> = [];
  return {
    name: shared
      ? `undici Pool (${CONNECTIONS} connections), request()`
      : 'undici Client per connection, request()',
    open(origin) {
      dispatchers = shared
        ? [new Pool(origin, { connections: CONNECTIONS, pipelining: 1 })]
        : Array.from({ length: CONNECTIONS }, () => new Client(origin, { pipelining: 1 }));
      return async (user) => {
        const res = await dispatchers[shared ? 0 : user].request({
          method: 'POST',
          path: PATH,
          headers: HEADERS,
          body: BODY,
        });
        return { status: res.statusCode, body: await res.body.text() };
      };
    },
    async close() {
      await Promise.all(dispatchers.map((dispatcher) => dispatcher.destroy()));
    },
  };
}

/** bench/lib/load-client, one connection per virtual user, either kind. */
function loadClient(kind: ClientKind): Contender {
  let connections: LoadConnection[] = [];
  return {
    name:
      kind === 'undici'
        ? 'load-client: undici Client per connection, dispatch, onHeaders handler'
        : 'load-client LOADGEN_CLIENT=node-http: node:http, one keep-alive Agent per connection',
    open(origin) {
      connections = openConnections(origin, CONNECTIONS, kind);
      return (user) => connections[user].post(PATH, HEADERS, BODY);
    },
    close: () => closeConnections(connections),
  };
}

/** undici Client per virtual user through dispatch with the newer handler interface (onResponseStart …: wrapped, headers parsed). */
function modernDispatch(): Contender {
  let clients: Client[] = [];
  return {
    name: 'undici Client per connection, dispatch, onResponse* handler',
    open(origin) {
      clients = Array.from({ length: CONNECTIONS }, () => new Client(origin, { pipelining: 1 }));
      return (user) =>
        new Promise((resolve, reject) => {
          let status = 0;
          const chunks: Buffer[] = [];
          clients[user].dispatch(
            { method: 'POST', path: PATH, headers: HEADERS, body: BODY },
            {
              onRequestStart: () => undefined,
              onResponseStart: (_controller, statusCode) => (status = statusCode),
              onResponseData: (_controller, chunk) => chunks.push(chunk),
              onResponseEnd: () =>
                resolve({ status, body: Buffer.concat(chunks).toString('utf8') }),
              onResponseError: (_controller, error) => reject(error),
            },
          );
        });
    },
    async close() {
      await Promise.all(clients.map((client) => client.destroy()));
    },
  };
}

async function startServer(): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', join(__dirname, 'lib', 'request-path-server.ts'), 'raw'],
    {
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout?.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`the raw server exited with ${code}`)));
  });
  return { child, port };
}

interface Measured {
  readonly perSecond: number;
  readonly clientCpuUs: number;
  /** The kernel's part of it (system time). */
  readonly clientKernelUs: number;
  readonly serverCpuUs: number;
  readonly latencies: Latencies;
}

/** `count` requests over CONNECTIONS virtual users, each one request at a time. */
async function drive(send: Send, count: number, serverPid: number): Promise<Measured> {
  const latencies = new Latencies();
  let next = 0;
  const serverBefore = cpuMs([serverPid]);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, user) => {
      while (next < count) {
        next++;
        const t = performance.now();
        const answer = await send(user);
        if (answer.status !== 201 || !answer.body.includes('Lovelace'))
          throw new Error(`unexpected answer ${answer.status} ${answer.body}`);
        latencies.add(performance.now() - t);
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  return {
    perSecond: (count / elapsedMs) * 1000,
    clientCpuUs: (ownCpuMs(cpuBefore) * 1000) / count,
    clientKernelUs: process.cpuUsage(cpuBefore).system / count,
    serverCpuUs: ((cpuMs([serverPid]) - serverBefore) * 1000) / count,
    latencies,
  };
}

async function main(): Promise<void> {
  const { child, port } = await startServer();
  const origin = `http://127.0.0.1:${port}`;
  const contenders = [
    loadClient('node-http'),
    nodeHttpSharedAgent(),
    globalFetch(),
    undiciRequest(true),
    undiciRequest(false),
    modernDispatch(),
    loadClient('undici'),
  ];
  const results = new Map<string, Measured[]>(contenders.map((c) => [c.name, []]));
  console.log(
    `load generator benchmark: ${REQUESTS} two-field JSON POSTs per client and round, ${CONNECTIONS} connections, ${ROUNDS} rounds, raw node:http server (pid ${child.pid})`,
  );
  try {
    for (let round = -1; round < ROUNDS; round++) {
      for (const contender of contenders) {
        const send = contender.open(origin, port);
        // Round -1 is the warm-up: JIT and connections, not measured.
        const measured = await drive(
          send,
          round < 0 ? Math.min(5_000, REQUESTS) : REQUESTS,
          child.pid as number,
        );
        await contender.close();
        if (round < 0) continue;
        results.get(contender.name)?.push(measured);
        console.log(
          `  round ${round + 1} ${contender.name.padEnd(64)} ${measured.clientCpuUs.toFixed(1).padStart(6)} µs client CPU/request (kernel ${measured.clientKernelUs.toFixed(1)}), server ${measured.serverCpuUs.toFixed(1)} µs, ${Math.round(measured.perSecond)}/s`,
        );
      }
    }
    const figures: BenchFigure[] = [];
    for (const contender of contenders) {
      const rounds = results.get(contender.name) ?? [];
      const avg = (pick: (m: Measured) => number) =>
        rounds.reduce((sum, m) => sum + pick(m), 0) / rounds.length;
      const f = figure(
        `${contender.name}: client CPU per request`,
        avg((m) => m.clientCpuUs) * 1000,
        'ns CPU/request',
        rounds[rounds.length - 1]?.latencies,
        `${avg((m) => m.clientCpuUs).toFixed(1)} µs, kernel ${avg((m) => m.clientKernelUs).toFixed(1)} µs; ${Math.round(avg((m) => m.perSecond))} req/s; server ${avg((m) => m.serverCpuUs).toFixed(1)} µs`,
      );
      figures.push(f);
      print(f);
    }
    console.log(
      `results written to ${writeResults('loadgen', figures, { requests: REQUESTS, connections: CONNECTIONS, rounds: ROUNDS })}`,
    );
  } finally {
    child.kill('SIGTERM');
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
