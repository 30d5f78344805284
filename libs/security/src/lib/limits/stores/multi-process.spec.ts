import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postgresForLimiterTests } from './testing/postgres-for-limiter-tests';

const WORKER = join(__dirname, 'testing', 'take-worker.ts');
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

const pg = postgresForLimiterTests();
pg.describe('two real processes on the PostgreSQL limiter table (two replicas)', () => {
  it('together allow no more than the limit', async () => {
    const allowed = await takeTogether(`postgres:${pg.connectionString()}`, 2, 60, 30);
    expect(allowed.every((n) => n > 0)).toBe(true);
    expect(allowed.reduce((a, b) => a + b, 0)).toBe(30);
  }, 60_000);
});
