import { hashArenaWorkerEnv } from '@accounts/service-kit/cluster-entry';

/** ARGON2_MEMORY_KIB's default (config.ts; read here without loading the config schema into the primary). */
export const DEFAULT_ARGON2_MEMORY_KIB = 19_456;

/**
 * What the primary adds to each worker's environment: the glibc thresholds under which a worker gives
 * its argon2 buffer back once it stops hashing (application/shared/argon2-arena-release.ts). An invalid
 * ARGON2_MEMORY_KIB adds nothing; the worker's config check then stops it.
 */
export function argon2WorkerEnv(
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const chosen = env['ARGON2_MEMORY_KIB']?.trim();
  return hashArenaWorkerEnv(env, chosen ? Number(chosen) : DEFAULT_ARGON2_MEMORY_KIB);
}
