/**
 * npm run bench -- credentials [--grants=20000] [--concurrency=32] [--built] [--profile=<dir>] [--log-level=info]
 * POST /oauth/token (client-credentials grant) against credentials-service running in its own
 * process (as in production: the service on one core, these clients on the other), next to the
 * raw cost of what a grant must do: one HMAC check of the secret and one EdDSA JWT signature.
 * Prints figures and writes bench/results/credentials.json.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@accounts/event-store';
import { IssuerKeys, type Principal } from '@accounts/security';
import {
  closeConnections,
  type LoadConnection,
  openConnection,
  openConnections,
  ownCpuMs,
} from './lib/load-client';
import { allWorkersListening } from './lib/all-workers-listening';
import { figure, print, runConcurrent, writeResults, type BenchFigure } from './lib/measure';
import { rawGrantCost } from './lib/raw-grant';
import { cpuMs, processTree, reportIdleRss } from './lib/process-stats';
import { BENCH_AUTH_ISSUER } from './lib/service-process';
import { trackProcess } from './lib/started-processes';

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const GRANTS = arg('grants', 20_000);
const CONCURRENCY = arg('concurrency', 32);
const BUILT = process.argv.includes('--built');
// --main=<entry> runs another build (a baseline from an older commit) instead of dist/.
const BUILT_MAIN =
  process.argv.find((a) => a.startsWith('--main='))?.split('=')[1] ??
  join(process.cwd(), 'dist', 'apps', 'credentials-service', 'main.js');
// A V8 CPU profile of the service (written when it stops), to see where a grant's time goes.
const PROFILE_DIR = process.argv.find((a) => a.startsWith('--profile='))?.split('=')[1];
// info (the default) writes one access-log line per grant, as in production.
const LOG_LEVEL = process.argv.find((a) => a.startsWith('--log-level='))?.split('=')[1] ?? 'info';

/** CPU seconds (user + system) a process has used, from /proc: what a grant costs, however busy the machine is. */
/** CPU seconds of the service: the process and, with WORKERS > 1, its workers (the primary serves nothing). */
function cpuSecondsOf(pid: number): number {
  return cpuMs(processTree(pid)) / 1000;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** What profile-service and auth-service would have done: an account in the store, a signed-in user's token. */
async function seed(dataDir: string): Promise<string> {
  const store = new SqliteEventStore({ path: join(dataDir, 'events.sqlite') });
  await store.append('account-bench-user', [
    {
      type: 'AccountRegistered',
      data: {
        accountId: 'bench-user',
        orgId: 'bench-org',
        accountType: 'standard',
        userName: 'benchuser',
      },
      metadata: { correlationId: 'bench', causationId: 'bench', actor: { kind: 'system' } },
    },
  ]);
  await store.close();
  const auth = await IssuerKeys.load({
    service: 'auth-service',
    dataDir,
    issuer: BENCH_AUTH_ISSUER,
  });
  const user: Principal = {
    kind: 'user',
    accountId: 'bench-user',
    orgId: 'bench-org',
    accountType: 'standard',
    sessionId: 'bench',
    amr: ['pwd'],
    authTime: Math.floor(Date.now() / 1000),
  };
  return (await auth.issuer(BENCH_AUTH_ISSUER, 'accounts').issue(user)).accessToken;
}

function startService(dataDir: string, port: number): ChildProcess {
  const profile = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  const args = [
    ...profile,
    ...(BUILT
      ? [BUILT_MAIN]
      : ['-r', '@swc-node/register', 'apps/credentials-service/src/main.ts']),
  ];
  // Request logs go to /dev/null: written (pino, synchronous) as in production, not kept.
  const child = spawn(process.execPath, args, {
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL,
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // Stopped by its id if this benchmark is interrupted (the primary stops its workers).
  child.once('exit', trackProcess(child.pid));
  return child;
}

async function waitHealthy(setup: LoadConnection, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null)
      throw new Error(`credentials-service exited with ${child.exitCode}`);
    const ok = await setup.get('/health').then(
      (a) => a.status === 200,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('credentials-service did not become healthy within 30 s');
}

async function main(): Promise<void> {
  if (BUILT && !existsSync(BUILT_MAIN))
    throw new Error(`--built: ${BUILT_MAIN} is missing; run npx nx build credentials-service`);
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-credentials-'));
  const figures: BenchFigure[] = [];
  const report = (f: BenchFigure) => (figures.push(f), print(f));
  let child: ChildProcess | undefined;
  let connections: LoadConnection[] = [];
  try {
    const userToken = await seed(dataDir);
    const port = await freePort();
    child = startService(dataDir, port);
    const origin = `http://127.0.0.1:${port}`;
    const setup = openConnection(origin);
    connections = [setup, ...openConnections(origin, CONCURRENCY)];
    await waitHealthy(setup, child);
    // Before the load connections connect (lazily, at their first request): else they all stay on worker 1.
    await allWorkersListening(origin);
    console.log(
      `credentials benchmark: service ${BUILT ? 'built bundle' : 'from source'} on :${port}, LOG_LEVEL=${LOG_LEVEL}, data in ${dataDir}`,
    );

    const generated = await setup.post(
      '/api-credentials',
      { authorization: `Bearer ${userToken}`, 'content-type': 'application/json' },
      '{}',
    );
    if (generated.status !== 201)
      throw new Error(`generate answered ${generated.status}: ${generated.body}`);
    const { clientId, secret } = JSON.parse(generated.body) as { clientId: string; secret: string };
    const headers = {
      authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    };
    // One connection per concurrent client (runConcurrent's worker index).
    const grant = async (_i: number, worker: number) => {
      const answer = await connections[1 + worker].post(
        '/oauth/token',
        headers,
        'grant_type=client_credentials',
      );
      if (answer.status !== 200) throw new Error(`token answered ${answer.status}: ${answer.body}`);
    };

    await runConcurrent(Math.min(3000, GRANTS), CONCURRENCY, grant);
    const pid = child.pid ?? 0;
    const serverCpuBefore = cpuSecondsOf(pid);
    const tree = processTree(pid);
    const perProcessBefore = tree.map((p) => cpuMs([p]));
    const ownCpuBefore = process.cpuUsage();
    const grants = await runConcurrent(GRANTS, CONCURRENCY, grant);
    const loadGeneratorCpuMs = ownCpuMs(ownCpuBefore);
    const serverCpu = cpuSecondsOf(pid) - serverCpuBefore;
    const perProcess = tree.map((p, i) => cpuMs([p]) - perProcessBefore[i]);
    report(
      figure(
        `POST /oauth/token, ${CONCURRENCY} concurrent keep-alive clients`,
        grants.perSecond,
        'grants/s',
        grants.latencies,
        `${GRANTS.toLocaleString('en')} grants, all 200`,
      ),
    );
    report(
      figure(
        '  the load generator (this process) CPU per grant',
        (loadGeneratorCpuMs / GRANTS) * 1000,
        'µs',
        undefined,
        'taken from the same two cores',
      ),
    );
    // Wall-clock figures depend on what else runs on the machine; CPU per grant does not.
    const grantsPerCpuSecond = GRANTS / serverCpu;
    report(
      figure(
        '  the same, per second of service CPU (one free core)',
        grantsPerCpuSecond,
        'grants/s',
        undefined,
        `${((serverCpu / GRANTS) * 1e6).toFixed(0)} µs of CPU per grant`,
      ),
    );

    // Both workers should share the grants; one doing it all caps the rate at one core.
    console.log(
      `  service CPU by process during the run (ms): ${perProcess.map((ms, i) => `${i === 0 && perProcess.length > 1 ? 'primary' : 'worker'} ${ms.toFixed(0)}`).join(', ')}`,
    );

    const rawCount = Math.max(5000, Math.floor(GRANTS / 2));
    const raw = await rawGrantCost(rawCount);
    report(
      figure(
        'raw: 1 HMAC-SHA-256 check + 1 EdDSA JWT signature, one after the other',
        raw.perSecond,
        'ops/s',
        raw.latencies,
      ),
    );
    report(
      figure(
        '  the same, per second of CPU',
        1e6 / raw.cpuMicrosPerOp,
        'ops/s',
        undefined,
        `${raw.cpuMicrosPerOp.toFixed(0)} µs of CPU per op`,
      ),
    );
    const ratio = grants.perSecond / raw.perSecond;
    const cpuRatio = grantsPerCpuSecond / (1e6 / raw.cpuMicrosPerOp);
    console.log(
      `  grants/s ÷ raw ops/s: ${ratio.toFixed(2)} wall clock, ${cpuRatio.toFixed(2)} per CPU second (the rest of a grant is HTTP, Nest, logging, the read-model lookup)`,
    );
    console.log(
      `  aim >= 2,000 grants/s: ${grants.perSecond >= 2000 ? 'met' : 'NOT met'} (wall clock), ${grantsPerCpuSecond >= 2000 ? 'met' : 'NOT met'} (per CPU second)`,
    );
    console.log(
      `  load average during the run: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`,
    );

    const rss = await reportIdleRss(child.pid ?? 0);

    const file = writeResults('credentials', figures, {
      rssMiB: rss.processes.map((p) => p.rssMiB[0]),
      rssIdle: rss,
      grants: GRANTS,
      concurrency: CONCURRENCY,
      service: BUILT ? 'built' : 'source',
      ratio: Math.round(ratio * 100) / 100,
      cpuRatio: Math.round(cpuRatio * 100) / 100,
    });
    console.log(`results written to ${file}`);
  } finally {
    await closeConnections(connections);
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
