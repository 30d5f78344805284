/**
 * npm run bench -- grant-ceiling [--grants=30000] [--concurrency=32] [--workers=<cores>]
 * How many client-credentials grants/s any Node server can answer on this machine, measured with the
 * load generator every other bench uses, on the same cores: WORKERS bare node:http workers
 * (bench/lib/grant-ceiling-server.ts) doing only the raw part of a grant (one HMAC check of the
 * secret, one EdDSA access token), then that raw part alone in this process. It prints the ceiling,
 * its CPU per grant (server and load generator), and issue 15's aim of 75 % of raw × cores beside it:
 * the aim is reachable here only if the ceiling is above it.
 */
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { newApiSecret } from '../apps/credentials-service/src/application/secrets/api-secret';
import { SecretHasher } from '../apps/credentials-service/src/application/secrets/secret-hasher';
import { startCeilingServer } from './lib/ceiling-cluster';
import { closeConnections, openConnections, ownCpuMs } from './lib/load-client';
import { figure, print, runConcurrent, writeResults, type BenchFigure } from './lib/measure';
import { cpuMs, processTree } from './lib/process-stats';
import { rawGrantCost } from './lib/raw-grant';

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const GRANTS = arg('grants', 30_000);
const CONCURRENCY = arg('concurrency', 32);
const CORES = availableParallelism();
const WORKERS = arg('workers', CORES);

async function main(): Promise<void> {
  const figures: BenchFigure[] = [];
  const report = (f: BenchFigure) => (figures.push(f), print(f));
  const key = randomBytes(32);
  const client = 'ceiling-client';
  const secret = newApiSecret();
  const server = await startCeilingServer(join(__dirname, 'lib', 'grant-ceiling-server.ts'), {
    WORKERS: String(WORKERS),
    CEILING_SECRET_KEY: key.toString('hex'),
    CEILING_CLIENT: client,
    CEILING_HASH: new SecretHasher(key).hash(secret),
  });
  const connections = openConnections(server.origin, CONCURRENCY);
  try {
    console.log(
      `grant-ceiling benchmark: bare node:http × ${WORKERS} workers, ${GRANTS.toLocaleString('en')} grants, ${CONCURRENCY} keep-alive connections, ${CORES} cores (load generator on the same cores)`,
    );
    const headers = {
      authorization: `Basic ${Buffer.from(`${client}:${secret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    };
    const grant = async (_i: number, worker: number) => {
      const answer = await connections[worker].post(
        '/oauth/token',
        headers,
        'grant_type=client_credentials',
      );
      if (answer.status !== 200) throw new Error(`token answered ${answer.status}: ${answer.body}`);
    };
    await runConcurrent(Math.min(5_000, GRANTS), CONCURRENCY, grant); // warm-up
    const tree = processTree(server.pid);
    const serverBefore = cpuMs(tree);
    const ownBefore = process.cpuUsage();
    const run = await runConcurrent(GRANTS, CONCURRENCY, grant);
    const loadGeneratorMicros = (ownCpuMs(ownBefore) / GRANTS) * 1000;
    const serverMicros = ((cpuMs(tree) - serverBefore) / GRANTS) * 1000;
    report(
      figure(
        'ceiling: bare node:http, HMAC check + EdDSA token per grant',
        run.perSecond,
        'grants/s',
        run.latencies,
        `${serverMicros.toFixed(0)} µs server CPU + ${loadGeneratorMicros.toFixed(0)} µs load generator per grant`,
      ),
    );
    const raw = await rawGrantCost(Math.max(5_000, Math.floor(GRANTS / 2)));
    report(
      figure(
        'raw HMAC check + EdDSA token, one process, per CPU second',
        1e6 / raw.cpuMicrosPerOp,
        'ops/s',
        undefined,
        `${raw.cpuMicrosPerOp.toFixed(0)} µs of CPU per op`,
      ),
    );
    const aim = 0.75 * (1e6 / raw.cpuMicrosPerOp) * CORES;
    const bound = (CORES * 1e6) / (serverMicros + loadGeneratorMicros);
    report(figure(`issue 15's aim: 75 % of raw × ${CORES} cores`, aim, 'grants/s'));
    console.log(
      `  ceiling ÷ aim: ${(run.perSecond / aim).toFixed(2)}; CPU bound of the ceiling (cores ÷ CPU per grant, server + load generator): ${Math.round(bound).toLocaleString('en')} grants/s`,
    );
    const file = writeResults('grant-ceiling', figures, {
      workers: WORKERS,
      cores: CORES,
      serverMicros,
      loadGeneratorMicros,
      rawMicros: raw.cpuMicrosPerOp,
    });
    console.log(`results written to ${file}`);
  } finally {
    await closeConnections(connections);
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
