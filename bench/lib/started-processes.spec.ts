import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function gone(pids: number[], withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (!pids.some(alive)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return !pids.some(alive);
}

/** Starts the stand-in benchmark; resolves once it printed the pids of what it started. */
async function startBenchmark(mode: 'wait' | 'fail', folder: string) {
  const bench = spawn(
    process.execPath,
    ['-r', '@swc-node/register', join(__dirname, 'testing', 'tracked-children.ts'), mode, folder],
    {
      cwd: root,
      env: { ...process.env, TS_NODE_PROJECT: join(root, 'tsconfig.base.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const [line] = (await once(bench.stdout as NodeJS.ReadableStream, 'data')) as [Buffer];
  const pids = JSON.parse(line.toString().split('\n')[0]) as {
    child: number;
    leader: number;
    grandchild: number;
  };
  return { bench, pids: [pids.child, pids.leader, pids.grandchild] };
}

describe('the processes a benchmark started', () => {
  let bench: ChildProcess | undefined;
  let pids: number[] = [];
  afterEach(() => {
    // never leave a process behind, whatever the test saw
    for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGKILL');
    if (bench && bench.exitCode === null) bench.kill('SIGKILL');
  });

  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)(
    'are stopped, process groups whole, and their folders removed when the benchmark gets %s',
    async (signal, code) => {
      const folder = mkdtempSync(join(tmpdir(), 'bench-started-'));
      ({ bench, pids } = await startBenchmark('wait', folder));
      expect(pids.every(alive)).toBe(true);

      const exited = once(bench, 'exit');
      bench.kill(signal);
      const [exitCode] = (await exited) as [number];

      expect(exitCode).toBe(code);
      expect(await gone(pids, 5_000)).toBe(true);
      expect(existsSync(folder)).toBe(false);
    },
    30_000,
  );

  it('are told to stop when the benchmark fails with an error', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'bench-started-'));
    ({ bench, pids } = await startBenchmark('fail', folder));

    const [exitCode] = (await once(bench, 'exit')) as [number];

    expect(exitCode).not.toBe(0);
    expect(await gone(pids, 5_000)).toBe(true);
  }, 30_000);
});
