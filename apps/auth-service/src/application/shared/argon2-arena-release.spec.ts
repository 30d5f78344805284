import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { HASH_ARENA_TUNABLES } from '@accounts/service-kit';
import { argon2WorkerEnv } from '../../argon2-worker-env';

// Real argon2 hashes in a real process on glibc: what an operator sees in a worker's RSS once
// sign-ins stop.
const CHILD = join(__dirname, '..', '..', 'testing', 'argon2-arena-child.ts');
const WORKSPACE = join(__dirname, '..', '..', '..', '..', '..');
const run = (env: Record<string, string>) => {
  // Not the tunables of whoever runs the tests: each case chooses.
  const rest = { ...process.env };
  delete rest['GLIBC_TUNABLES'];
  const result = spawnSync(process.execPath, ['-r', '@swc-node/register', CHILD], {
    encoding: 'utf8',
    timeout: 60_000,
    cwd: WORKSPACE,
    env: {
      ...rest,
      SWC_NODE_PROJECT: join(WORKSPACE, 'tsconfig.base.json'),
      UV_THREADPOOL_SIZE: '1',
      WORKER_IDLE_GC_MS: '500',
      ...env,
    },
  });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as { afterHashes: number; quiet: number; stillRight: boolean };
};

// The release relies on glibc malloc's thresholds (musl or another libc: skipped, with the reason).
const glibc = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } })?.header
  ?.glibcVersionRuntime;
const title = 'argon2 buffer given back when a worker stops hashing (glibc)';
(glibc ? describe : describe.skip)(glibc ? title : `${title}: skipped, no glibc here`, () => {
  it('the primary starts auth-service workers with the thresholds the release needs', () => {
    expect(argon2WorkerEnv({})).toEqual({ GLIBC_TUNABLES: HASH_ARENA_TUNABLES });
    expect(argon2WorkerEnv({ ARGON2_MEMORY_KIB: '65536' })).toEqual({});
  });

  it('returns the 19 MiB buffer to the OS within a second of quiet, and hashes right after', () => {
    const kept = run({});
    const released = run({ GLIBC_TUNABLES: HASH_ARENA_TUNABLES });
    // Without the tunables glibc keeps the buffer between hashes, as before.
    expect(kept.afterHashes - kept.quiet).toBeLessThan(5);
    expect(released.afterHashes - released.quiet).toBeGreaterThan(15);
    expect(released.stillRight).toBe(true);
    expect(kept.stillRight).toBe(true);
  }, 60_000);

  it('keeps the buffer when WORKER_IDLE_GC_MS=0 turns idle release off', () => {
    const off = run({ GLIBC_TUNABLES: HASH_ARENA_TUNABLES, WORKER_IDLE_GC_MS: '0' });
    expect(off.afterHashes - off.quiet).toBeLessThan(5);
  }, 60_000);
});
