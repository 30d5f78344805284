/**
 * libuv threads per worker when UV_THREADPOOL_SIZE is not set. argon2 (sign-ins, password changes)
 * hashes on this pool, one thread per hash (parallelism 1), next to file-system work. Twice the
 * cores across all workers keeps every core hashing even when the sign-ins land unevenly on the
 * workers, without one worker's pool queuing hashes while cores idle; at least 2 per worker so
 * a slow file operation never blocks the hashing, and at most libuv's limit of 1024.
 */
export function threadPoolSizeFor(cores: number, workers: number): number {
  return Math.min(1024, Math.max(2, Math.ceil((2 * cores) / workers)));
}
