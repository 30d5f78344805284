/**
 * libuv threads per worker when UV_THREADPOOL_SIZE is not set. argon2 (sign-ins, password changes)
 * hashes on this pool, one thread per hash (parallelism 1), next to file-system work. One thread per
 * core across the service's workers: a sign-in is CPU-bound (argon2 is ~90 % of it), so more hashes
 * in flight than cores only time-slice the cores, and each extra thread keeps its own 19 MiB argon2
 * buffer resident (glibc gives every thread its own malloc arena and keeps a freed buffer of that
 * size). Measured on 2 cores with WORKERS=2 (README, issue 15): 1 thread per worker against 2 cost
 * 1.5-2 ms less CPU per sign-in and 19 MiB less RSS per auth worker. At least 1, at most libuv's 1024.
 */
export function threadPoolSizeFor(cores: number, workers: number): number {
  return Math.min(1024, Math.max(1, Math.ceil(cores / workers)));
}
