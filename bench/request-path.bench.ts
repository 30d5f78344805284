/**
 * npm run bench -- request-path [--requests=20000] [--connections=32]
 * What a request costs before any of our code runs: the same GET (and a two-field JSON POST) through
 * raw node:http, a bare Fastify app, and a service as bootstrapService builds it
 * (Nest on Fastify, the kit's hooks, the validation pipe) with the access log on (LOG_LEVEL=info)
 * and off (warn). Each server runs alone in its own process (one core); CPU per request is read from
 * /proc. Bounded by --requests.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  closeConnections,
  type LoadConnection,
  openConnection,
  openConnections,
} from './lib/load-client';
import { figure, print, runConcurrent, writeResults, type BenchFigure } from './lib/measure';
import { freePort } from './lib/service-process';

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const REQUESTS = arg('requests', 20_000);
const CONNECTIONS = arg('connections', 32);

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const JSON_TYPE = { 'content-type': 'application/json' };

async function call(
  connection: LoadConnection,
  method: string,
  path: string,
  body?: string,
): Promise<number> {
  return (await connection.request(method, path, body ? JSON_TYPE : {}, body)).status;
}

async function start(
  mode: string,
  env: Record<string, string>,
): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', join(__dirname, 'lib', 'request-path-server.ts'), mode],
    {
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${mode} server exited with ${child.exitCode}`);
    const probe = openConnection(`http://127.0.0.1:${port}`);
    const status = await call(probe, 'GET', '/bench/bare').catch(() => 0);
    await probe.close();
    if (status === 200) return { child, port };
    if (Date.now() > deadline) throw new Error(`${mode} server did not answer`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function main(): Promise<void> {
  const figures: BenchFigure[] = [];
  const servers: Array<[string, string, Record<string, string>]> = [
    ['raw node:http', 'raw', {}],
    ['bare Fastify', 'fastify', {}],
    [
      'Nest + service kit, access log on (info)',
      'nest',
      { LOG_LEVEL: 'info', DATA_DIR: join(process.cwd(), 'tmp', 'request-path-bench') },
    ],
    [
      'Nest + service kit, access log off (warn)',
      'nest',
      { LOG_LEVEL: 'warn', DATA_DIR: join(process.cwd(), 'tmp', 'request-path-bench') },
    ],
  ];
  console.log(
    `request-path benchmark: ${REQUESTS} requests per figure, ${CONNECTIONS} keep-alive connections`,
  );
  for (const [name, mode, env] of servers) {
    const { child, port } = await start(mode, env);
    // The access log goes to stdout: to /dev/null here, as to a pipe a collector reads in production.
    try {
      for (const [what, method, path, body] of [
        ['GET', 'GET', '/bench/bare', undefined],
        [
          'POST two-field JSON body',
          'POST',
          '/bench/echo',
          '{"firstName":"Ada","lastName":"Lovelace"}',
        ],
      ] as const) {
        // One keep-alive connection per concurrent client (runConcurrent's worker index).
        const connections = openConnections(`http://127.0.0.1:${port}`, CONNECTIONS);
        await runConcurrent(Math.min(2_000, REQUESTS), CONNECTIONS, (_i, worker) =>
          call(connections[worker], method, path, body),
        ); // warm-up
        const before = cpuSeconds(child.pid!);
        const result = await runConcurrent(REQUESTS, CONNECTIONS, async (_i, worker) => {
          const status = await call(connections[worker], method, path, body);
          if (status >= 300) throw new Error(`${method} ${path} -> ${status}`);
        });
        const cpuMs = ((cpuSeconds(child.pid!) - before) * 1000) / REQUESTS;
        await closeConnections(connections);
        const f = figure(
          `${name}: ${what}`,
          result.perSecond,
          'req/s',
          result.latencies,
          `${cpuMs.toFixed(3)} ms server CPU per request`,
        );
        figures.push(f);
        print(f);
      }
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  }
  console.log(`results written to ${writeResults('request-path', figures)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
