import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { type Principal, SigningKeyRing, TokenIssuer } from '@accounts/security';
import { allWorkersListening } from './all-workers-listening';
import { trackProcess } from './started-processes';

/** A built service running in its own process, as in production, for HTTP benchmarks. */
export interface ServiceProcess {
  readonly url: string;
  /** The process started (the cluster primary when WORKERS > 1). */
  readonly pid: number;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Another build's entry point (a baseline to compare with in the same run); the app's dist/ otherwise. */
  readonly main?: string;
  /** Counts the store calls of every process of the service into this folder (count-store-reads.cjs). */
  readonly countStoreReadsIn?: string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/**
 * The app's bundle, built from the working tree: nx's cached build runs every time (seconds when nothing
 * changed), since a dist/ left from an older commit would measure old code. BENCH_REBUILD skips the cache.
 */
export function ensureBuilt(app: string): string {
  const main = join(process.cwd(), 'dist', 'apps', app, 'main.js');
  console.log(`building ${app} (nx cache) ...`);
  const result = spawnSync(
    'npx',
    ['nx', 'build', app, ...(process.env['BENCH_REBUILD'] ? ['--skip-nx-cache'] : [])],
    { stdio: 'ignore', env: { ...process.env, NX_DAEMON: 'false' } },
  );
  if (result.status !== 0 || !existsSync(main)) throw new Error(`nx build ${app} failed`);
  return main;
}

export async function startService(
  app: string,
  env: Record<string, string>,
  options: StartOptions = {},
): Promise<ServiceProcess> {
  const main = options.main ?? ensureBuilt(app);
  const port = await freePort();
  const nodeArgs = [
    ...(process.env['BENCH_CPU_PROF']
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env['BENCH_CPU_PROF']}`]
      : []),
    ...(options.countStoreReadsIn ? ['-r', join(__dirname, 'count-store-reads.cjs')] : []),
    ...(process.env['BENCH_PRELOAD'] ? ['-r', process.env['BENCH_PRELOAD']] : []),
  ];
  const counting = options.countStoreReadsIn
    ? { BENCH_COUNT_READS: options.countStoreReadsIn }
    : {};
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, main], {
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      ...env,
      ...counting,
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // Stopped by its id if the benchmark is interrupted (a cluster primary stops its workers).
  child.once('exit', trackProcess(child.pid));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${app} exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${app} did not become healthy`);
    await new Promise((r) => setTimeout(r, 100));
  }
  // /health says up once every worker listens; this confirms it on fresh connections.
  await allWorkersListening(url);
  return {
    url,
    pid: child.pid as number,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** The issuer URL the benchmarks' stand-in auth-service signs as. */
export const BENCH_AUTH_ISSUER = 'http://127.0.0.1:3002';

/** Publishes a fresh auth-service key in the data folder, as auth-service does, and mints tokens with it. */
export async function devTokenIssuer(
  dataDir: string,
): Promise<(p: Pick<Principal, 'accountId' | 'orgId'> & Partial<Principal>) => Promise<string>> {
  const ring = await SigningKeyRing.generate();
  mkdirSync(join(dataDir, 'keys'), { recursive: true });
  // With its issuer URL, as auth-service publishes it: the services trust the file for that issuer.
  writeFileSync(
    join(dataDir, 'keys', 'auth-service.jwks.json'),
    JSON.stringify({ issuer: BENCH_AUTH_ISSUER, ...ring.publicJwks() }),
  );
  const issuer = new TokenIssuer(ring, BENCH_AUTH_ISSUER, 'accounts');
  return async (p) =>
    (
      await issuer.issue({
        kind: 'user',
        accountType: 'standard',
        sessionId: `bench-${p.accountId}`,
        amr: ['pwd'],
        authTime: Math.floor(Date.now() / 1000),
        ...p,
      })
    ).accessToken;
}
