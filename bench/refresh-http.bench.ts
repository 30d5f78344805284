/**
 * npm run bench -- refresh-http [--refreshes=10000] [--rounds=5] [--concurrency=32]
 * POST /auth/refresh over HTTP in one process: auth-service as the tests build it (Fastify, the global
 * pipes, hooks and filters, a real SQLite store in a temp folder, its projections running) listening on
 * an ephemeral loopback port, and 32 keep-alive connections of the benchmarks' load generator, each
 * rotating its own session's refresh token. Prints, round by round, the CPU of this process per refresh
 * (service and client together: compare builds with it, alternately, on a busy machine), refreshes/s and
 * p99. `node --cpu-prof -r @swc-node/register bench/refresh-http.bench.ts` profiles the same work.
 */
import type { Server } from 'node:http';
import { AuthTestApp } from '../apps/auth-service/src/testing/auth-test-app';
import { closeConnections, openConnections, ownCpuMs } from './lib/load-client';
import { runConcurrent } from './lib/measure';

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const REFRESHES = arg('refreshes', 10_000);
const ROUNDS = arg('rounds', 5);
const CONCURRENCY = arg('concurrency', 32);
const JSON_POST = { 'content-type': 'application/json' };

async function main(): Promise<void> {
  const app = await AuthTestApp.start();
  try {
    const orgId = await app.organization();
    const chains: string[] = [];
    for (let i = 0; i < CONCURRENCY; i++) {
      await app.activeAccount(orgId, `bench${i}`);
      chains.push((await app.tokens(`bench${i}`)).refreshToken);
    }
    const server = app.t.app.getHttpServer() as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const connections = openConnections(`http://127.0.0.1:${port}`, CONCURRENCY);
    console.log(
      `refresh-http: ${REFRESHES} refreshes per round, ${CONCURRENCY} connections, ${ROUNDS} rounds`,
    );
    for (let round = 1; round <= ROUNDS; round++) {
      const cpu = process.cpuUsage();
      const run = await runConcurrent(REFRESHES, CONCURRENCY, async (i, w) => {
        const answer = await connections[w].post(
          '/auth/refresh',
          JSON_POST,
          JSON.stringify({ refreshToken: chains[w] }),
        );
        if (answer.status !== 200) throw new Error(`refresh ${i}: ${answer.status} ${answer.body}`);
        chains[w] = (JSON.parse(answer.body) as { refreshToken: string }).refreshToken;
      });
      const cpuUs = (ownCpuMs(cpu) * 1000) / REFRESHES;
      console.log(
        `  round ${round}: ${cpuUs.toFixed(0).padStart(4)} µs CPU per refresh (service + client), ` +
          `${run.perSecond.toFixed(0)}/s, p99 ${run.latencies.percentile(99).toFixed(1)} ms`,
      );
    }
    await closeConnections(connections);
  } finally {
    await app.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
