// Apart from the Nest parts so the cluster primary reads the tunables without loading the app.
import { idleGcMs } from './idle-gc';

const MIB = 1024 * 1024;

/**
 * glibc's largest mmap threshold (half of a thread arena's 64 MiB heap). Fixed, so the hash buffer
 * and the release allocation both come from the hashing thread's arena instead of mmap.
 */
export const HASH_ARENA_MMAP_THRESHOLD = 32 * MIB;
/** A thread arena gives its free top back to the OS when it reaches this; a hash buffer stays below it. */
export const HASH_ARENA_TRIM_THRESHOLD = 26 * MIB;
/** The one allocation an idle worker makes per pool thread: above the trim threshold, below mmap's. */
export const HASH_ARENA_RELEASE_KIB = 28 * 1024;
/** Hash buffers up to this size are kept between hashes and given back when idle (2 MiB of slack below the trim threshold). */
export const HASH_ARENA_MAX_BUFFER_KIB = 24 * 1024;
/** At most one release in this long: a trickle of sign-ins costs one release per 10 s at most. */
export const MIN_HASH_RELEASE_INTERVAL_MS = 10_000;

export const HASH_ARENA_TUNABLES = `glibc.malloc.mmap_threshold=${HASH_ARENA_MMAP_THRESHOLD}:glibc.malloc.trim_threshold=${HASH_ARENA_TRIM_THRESHOLD}`;

/**
 * For the primary: the environment a worker that hashes passwords with a memory-hard function (argon2,
 * `bufferKiB` per hash) is started with, so that its idle release works (HashArenaRelease). glibc reads
 * GLIBC_TUNABLES once, at process start, hence in the worker's environment. Nothing when the operator
 * set GLIBC_TUNABLES (theirs wins) or when the buffer is too big for the scheme (at 32 MiB and above
 * glibc maps each buffer and unmaps it on free anyway).
 *
 * Why: with glibc's default (dynamic) thresholds the first 19 MiB buffer is mapped, its free raises
 * the mmap threshold to 19 MiB and the trim threshold to 38 MiB, and from then on every buffer comes
 * from the thread's arena and stays resident between hashes, forever. Keeping it is right under load
 * (a fresh buffer per hash costs ~4,900 page faults, +3.5 ms of CPU per hash measured), not when idle.
 */
export function hashArenaWorkerEnv(
  env: Readonly<Record<string, string | undefined>>,
  bufferKiB: number,
  glibc: () => boolean = runsOnGlibc,
): Record<string, string> {
  if (env['GLIBC_TUNABLES'] !== undefined) return {};
  if (!(bufferKiB > 0 && bufferKiB <= HASH_ARENA_MAX_BUFFER_KIB)) return {};
  // Another libc (musl in an Alpine image) ignores the variable: no release that would do nothing.
  if (!glibc()) return {};
  return { GLIBC_TUNABLES: HASH_ARENA_TUNABLES };
}

/** Whether this Node runs on glibc (Node's diagnostic report names its version; ~15 ms, once per primary). */
function runsOnGlibc(): boolean {
  const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } };
  return Boolean(report?.header?.glibcVersionRuntime);
}

/**
 * In the worker: true when this process runs with thresholds under which the release gives a
 * `bufferKiB` buffer back (from GLIBC_TUNABLES, as glibc read it at start), so that it never releases
 * in vain (under glibc's dynamic thresholds the release allocation would be mapped and raise them).
 */
export function hashArenaReleasable(
  env: Readonly<Record<string, string | undefined>>,
  bufferKiB: number,
): boolean {
  const tunables = new Map(
    (env['GLIBC_TUNABLES'] ?? '')
      .split(':')
      .map((pair) => pair.split('=') as [string, string | undefined]),
  );
  const mmap = Number(tunables.get('glibc.malloc.mmap_threshold'));
  const trim = Number(tunables.get('glibc.malloc.trim_threshold'));
  const release = HASH_ARENA_RELEASE_KIB * 1024;
  return (
    bufferKiB > 0 &&
    bufferKiB * 1024 + 2 * MIB <= trim &&
    trim < release &&
    release + MIB <= mmap &&
    mmap <= HASH_ARENA_MMAP_THRESHOLD
  );
}

/**
 * Gives a hashing worker's hash buffers back to the OS once it has not hashed for `quietMs`.
 * `release` makes one allocation of HASH_ARENA_RELEASE_KIB on each libuv pool thread and frees it
 * (auth-service: one argon2 hash of that memory cost, ~20 ms of CPU): it is above the trim threshold,
 * so on its free glibc trims the arena's top, which holds the kept buffer, and returns it all
 * (MADV_DONTNEED). malloc_trim would do it directly but is not reachable from JS without a native
 * addon. The cost per hash is one timer refresh; the next hash after a release faults its buffer in
 * again once (~3-9 ms of CPU).
 */
export class HashArenaRelease {
  private hashed = false;
  private lastRelease = -Infinity;
  private running = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly release: () => Promise<unknown>,
    private readonly quietMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.timer = setTimeout(() => void this.fire(), quietMs);
    this.timer.unref();
  }

  /** After each hash: the release waits for `quietMs` without one. */
  noteHash(): void {
    this.hashed = true;
    this.timer.refresh();
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  private async fire(): Promise<void> {
    if (!this.hashed || this.running) return;
    const wait = this.lastRelease + MIN_HASH_RELEASE_INTERVAL_MS - this.now();
    if (wait > 0) {
      setTimeout(() => void this.fire(), wait).unref();
      return;
    }
    this.hashed = false;
    this.running = true;
    this.lastRelease = this.now();
    try {
      await this.release();
    } catch {
      // Only memory is at stake: the next quiet period tries again.
      this.hashed = true;
    } finally {
      this.running = false;
    }
  }
}

/**
 * In a worker that hashes: a HashArenaRelease after WORKER_IDLE_GC_MS without a hash (the same quiet
 * as the idle collection), or null where it would do nothing: WORKER_IDLE_GC_MS=0, or glibc not
 * started with thresholds that make it work (a single process without the tunables, a buffer too big).
 */
export function startHashArenaRelease(
  release: () => Promise<unknown>,
  bufferKiB: number,
  env: Readonly<Record<string, string | undefined>> = process.env,
): HashArenaRelease | null {
  const quietMs = idleGcMs(env);
  if (!(quietMs > 0) || !hashArenaReleasable(env, bufferKiB)) return null;
  return new HashArenaRelease(release, quietMs);
}
