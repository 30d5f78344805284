/**
 * npm run bench -- signin-ceiling [--seconds=15] [--rounds=2] [--connections=8] [--workers=<cores>]
 * How close to raw argon2id any Node server's password sign-ins can come on this machine, measured with
 * the load generator the peers bench uses, on the same cores. Rounds interleave: bare node:http
 * workers (bench/lib/signin-ceiling-server.ts) that only verify the password, the same that also
 * commit the sign-in's events (one fsync) and issue its tokens, then raw argon2id verifications on all
 * cores with nothing else running (bench/lib/raw-argon2, as in peers). It prints each as a share of
 * raw: issue 15 asks our sign-ins for 95 %, reachable here only if these bare servers are above it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CeilingServer, startCeilingServer } from './lib/ceiling-cluster';
import { closeConnections, openConnections, ownCpuMs, warmUpClient } from './lib/load-client';
import { Latencies, now, writeResults } from './lib/measure';
import { cpuMs, processTree } from './lib/process-stats';
import { rawArgon2PerSecond } from './lib/raw-argon2';

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const SECONDS = arg('seconds', 15);
const ROUNDS = arg('rounds', 2);
const CONNECTIONS = arg('connections', 8);
const WORKERS = arg('workers', availableParallelism());
const PASSWORD = 'correct horse battery staple 42';
/** Hard bound on any one round, whatever the clock says. */
const MAX_REQUESTS_PER_ROUND = 100_000;

interface Server extends CeilingServer {
  readonly name: string;
}

async function startServer(name: string, store: boolean, dir: string): Promise<Server> {
  const server = await startCeilingServer(join(__dirname, 'lib', 'signin-ceiling-server.ts'), {
    WORKERS: String(WORKERS),
    CEILING_PASSWORD: PASSWORD,
    CEILING_USERS: Array.from({ length: CONNECTIONS }, (_, i) => `user${i}`).join(','),
    CEILING_STORE: store ? '1' : '0',
    CEILING_DIR: dir,
  });
  return { ...server, name };
}

async function round(server: Server, seconds: number) {
  const connections = openConnections(server.origin, CONNECTIONS);
  const latencies = new Latencies();
  const tree = processTree(server.pid);
  const serverBefore = cpuMs(tree);
  const ownBefore = process.cpuUsage();
  let done = 0;
  const start = now();
  const end = start + seconds * 1000;
  await Promise.all(
    connections.map(async (connection, i) => {
      const body = JSON.stringify({ userName: `user${i}`, password: PASSWORD });
      while (now() < end && done < MAX_REQUESTS_PER_ROUND) {
        const answer = await connection.post(
          '/auth/login',
          { 'content-type': 'application/json' },
          body,
        );
        if (answer.status !== 200) throw new Error(`login answered ${answer.status}`);
        latencies.add(answer.ms);
        done++;
      }
    }),
  );
  const elapsed = (now() - start) / 1000;
  await closeConnections(connections);
  return {
    perSecond: done / elapsed,
    p99: latencies.percentile(99),
    serverCpuMs: (cpuMs(tree) - serverBefore) / done,
    loadGeneratorCpuMs: ownCpuMs(ownBefore) / done,
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'signin-ceiling-'));
  const servers: Server[] = [];
  try {
    console.log(
      `signin-ceiling benchmark: bare node:http × ${WORKERS} workers, ${CONNECTIONS} connections, ${SECONDS} s rounds × ${ROUNDS}, ${availableParallelism()} cores (load generator on the same cores)`,
    );
    await warmUpClient();
    servers.push(await startServer('argon2 only', false, dir));
    servers.push(await startServer('argon2 + commit + tokens', true, dir));
    for (const server of servers) await round(server, 5); // warm-up
    const results = new Map<string, Array<Awaited<ReturnType<typeof round>>>>();
    const raws: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      for (const server of servers) {
        const result = await round(server, SECONDS);
        results.set(server.name, [...(results.get(server.name) ?? []), result]);
        console.log(
          `  round ${r + 1} ${server.name.padEnd(26)} ${result.perSecond.toFixed(1)}/s, p99 ${result.p99.toFixed(0)} ms, ${result.serverCpuMs.toFixed(2)} ms server CPU + ${result.loadGeneratorCpuMs.toFixed(2)} ms load generator per sign-in`,
        );
      }
      const raw = await rawArgon2PerSecond(PASSWORD, SECONDS);
      raws.push(raw.perSecond);
      console.log(
        `  round ${r + 1} ${'raw argon2id'.padEnd(26)} ${raw.perSecond.toFixed(1)}/s, ${raw.cpuMsPerVerification.toFixed(2)} ms CPU each (${raw.threads} threads, nothing else running)`,
      );
    }
    const raw = raws.reduce((a, b) => a + b, 0) / raws.length;
    const summary: Record<string, number> = { raw };
    for (const [name, rounds] of results) {
      const perSecond = rounds.reduce((a, r) => a + r.perSecond, 0) / rounds.length;
      summary[name] = perSecond;
      console.log(
        `  ${name}: ${perSecond.toFixed(1)}/s = ${((perSecond / raw) * 100).toFixed(1)} % of raw argon2id (${raw.toFixed(1)}/s, mean of ${raws.length} rounds)`,
      );
    }
    console.log(`results written to ${writeResults('signin-ceiling', [], summary)}`);
  } finally {
    for (const server of servers) await server.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
