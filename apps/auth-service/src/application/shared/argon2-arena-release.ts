import argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import {
  HASH_ARENA_RELEASE_KIB,
  type HashArenaRelease,
  startHashArenaRelease,
} from '@accounts/service-kit';

let started: HashArenaRelease | null | undefined;

/**
 * The process's one release of argon2 buffers (the libuv pool threads are the process's, not a
 * hasher's), or null where it would do nothing (see startHashArenaRelease). Once the worker has not
 * hashed for WORKER_IDLE_GC_MS, each pool thread hashes once with HASH_ARENA_RELEASE_KIB of memory
 * and one pass: glibc then trims that thread's arena, the kept 19 MiB buffer included.
 */
export function argon2ArenaRelease(
  bufferKiB: number,
  env: Readonly<Record<string, string | undefined>> = process.env,
): HashArenaRelease | null {
  if (started !== undefined) return started;
  const threads = Number(env['UV_THREADPOOL_SIZE']) || 4;
  // One job per pool thread, all queued at once: each idle thread takes one.
  const release = () =>
    Promise.all(
      Array.from({ length: threads }, () =>
        argon2.hash(randomBytes(16), {
          type: argon2.argon2id,
          memoryCost: HASH_ARENA_RELEASE_KIB,
          timeCost: 1,
          parallelism: 1,
        }),
      ),
    );
  started = startHashArenaRelease(release, bufferKiB, env);
  return started;
}
