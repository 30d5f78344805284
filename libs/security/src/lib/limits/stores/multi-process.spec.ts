import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BackoffLimiter } from '../backoff-limiter';
import { SqliteLimiterStore } from './sqlite-limiter-store';
import { postgresForLimiterTests } from './testing/postgres-for-limiter-tests';

const WORKER = join(__dirname, 'testing', 'take-worker.ts');
const BACKOFF_WORKER = join(__dirname, 'testing', 'backoff-worker.ts');
const WORKSPACE = join(__dirname, '..', '..', '..', '..', '..', '..');

/** Starts the processes, lets them all go at once, and answers how many takes each was allowed. */
async function takeTogether(
  where: string,
  processes: number,
  takes: number,
  limit: number,
): Promise<number[]> {
  const children = Array.from({ length: processes }, () =>
    spawn(
      process.execPath,
      ['-r', '@swc-node/register', WORKER, where, String(takes), String(limit)],
      {
        cwd: WORKSPACE,
        env: {
          ...process.env,
          TS_NODE_PROJECT: join(WORKSPACE, 'tsconfig.base.json'),
        },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    ),
  );
  const lines = children.map((child) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    return (expected: RegExp) =>
      new Promise<RegExpMatchArray>((resolve, reject) => {
        const check = () => {
          const match = expected.exec(out);
          if (match) resolve(match);
        };
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          check();
        });
        child.once('exit', (code) => {
          check();
          reject(new Error(`worker exited ${code}: ${err}`));
        });
        check();
      });
  });
  await Promise.all(lines.map((line) => line(/ready/)));
  for (const child of children) child.stdin.write('go\n');
  const done = await Promise.all(lines.map((line) => line(/allowed (\d+)/)));
  return done.map((match) => Number(match[1]));
}

describe('two real processes on one SQLite limiter file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'limiter-processes-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('together allow no more than the limit (each alone would allow it all)', async () => {
    const allowed = await takeTogether(
      `sqlite:${join(dir, 'auth-service-limits.sqlite')}`,
      2,
      60,
      30,
    );
    expect(allowed.reduce((a, b) => a + b, 0)).toBe(30);
    // Both really raced for the one budget: each got part of it.
    expect(allowed.every((n) => n > 0 && n < 30)).toBe(true);
  }, 60_000);
});

/** A process on the backoff worker: what it prints, once `expected` appears. */
function backoffWorker(args: readonly string[]) {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', BACKOFF_WORKER, ...args], {
    cwd: WORKSPACE,
    env: { ...process.env, TS_NODE_PROJECT: join(WORKSPACE, 'tsconfig.base.json') },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const printed = (expected: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = expected.exec(out);
        if (match) resolve(match);
      };
      child.stdout.on('data', check);
      child.once('exit', (code) => {
        check();
        reject(new Error(`worker exited ${code}: ${err}`));
      });
      check();
    });
  return { child, printed };
}

describe('back-offs on one SQLite limiter file, with the reads cached per process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'limiter-backoff-processes-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a failure counted by another process blocks the very next check here, though this process had read the key', async () => {
    const path = join(dir, 'credentials-service-limits.sqlite');
    const store = new SqliteLimiterStore(path);
    const limiter = new BackoffLimiter({
      afterFailures: 5,
      maxSeconds: 900,
      store,
      name: 'guesses',
    });
    try {
      // Read (and remembered) here as "no failures", twice, as every grant does.
      expect(limiter.status('client-1', Date.now())).toEqual({
        failed: false,
        retryAfterSeconds: 0,
      });
      expect(limiter.status('client-1', Date.now())).toEqual({
        failed: false,
        retryAfterSeconds: 0,
      });
      await backoffWorker([path, 'fail', 'client-1', '5']).printed(/failed 5/);
      expect(limiter.status('client-1', Date.now())).toEqual({
        failed: true,
        retryAfterSeconds: 1,
      });
      // And its success (the owner's secret, on the other worker) clears it here at once.
      const other = new SqliteLimiterStore(path);
      new BackoffLimiter({
        afterFailures: 5,
        maxSeconds: 900,
        store: other,
        name: 'guesses',
      }).recordSuccess('client-1');
      other.close();
      expect(limiter.status('client-1', Date.now()).failed).toBe(false);
    } finally {
      store.close();
    }
  }, 60_000);

  it('two processes guessing together get no more guesses than before the back-off: 5, and one more only when both were in flight', async () => {
    const path = join(dir, 'race-limits.sqlite');
    const workers = [0, 1].map(() => backoffWorker([path, 'race', 'client-2', '150']));
    await Promise.all(workers.map((w) => w.printed(/ready/)));
    for (const w of workers) w.child.stdin.write('go\n');
    const allowed = await Promise.all(workers.map((w) => w.printed(/allowed (\d+)/)));
    const total = allowed.reduce((sum, match) => sum + Number(match[1]), 0);
    expect(total).toBeGreaterThanOrEqual(5);
    expect(total).toBeLessThanOrEqual(6);
  }, 60_000);
});

const pg = postgresForLimiterTests();
pg.describe('two real processes on the PostgreSQL limiter table (two replicas)', () => {
  it('together allow no more than the limit', async () => {
    const allowed = await takeTogether(`postgres:${pg.connectionString()}`, 2, 60, 30);
    expect(allowed.every((n) => n > 0)).toBe(true);
    expect(allowed.reduce((a, b) => a + b, 0)).toBe(30);
  }, 60_000);
});
