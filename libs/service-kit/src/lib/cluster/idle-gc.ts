import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';

/** Set by the operator (validated by the primary): quiet milliseconds before an idle worker collects; 0 = never. */
export const IDLE_GC_ENV = 'WORKER_IDLE_GC_MS';
/** When WORKER_IDLE_GC_MS is unset. */
export const DEFAULT_IDLE_GC_MS = 2_000;
/** How often the event loop's utilization is sampled (one timer, unref'd: nothing per request). */
export const IDLE_SAMPLE_MS = 500;
/** At most one idle collection in this long: bursty traffic with short lulls does not collect at every lull. */
export const MIN_IDLE_GC_INTERVAL_MS = 10_000;
/** A sample below this share of busy event loop counts as quiet (an idle worker's own timers stay far below). */
export const QUIET_UTILIZATION = 0.05;
/**
 * After the idle collection, quiet this long before one young-generation GC (a scavenge, ~1-3 ms).
 * V8 shrinks the young generation at a GC only when its allocation rate over the last 5 s is low, so
 * the collection at WORKER_IDLE_GC_MS leaves the semi-spaces a load grew (an auth worker: 8 MiB
 * committed for under 1 MiB used); a scavenge 6 s later gives back 6-7 MiB of RSS.
 */
export const YOUNG_SHRINK_AFTER_MS = 6_000;

/** gc() as --expose-gc gives it: a full collection, or a scavenge with { type: 'minor' }. */
export type ExposedGc = (options?: { type?: 'major' | 'minor' }) => void;

/**
 * Decides, from event-loop utilization samples, when a worker has gone quiet after being busy.
 * Busy = a sample at or above QUIET_UTILIZATION since the last collection; it then collects once,
 * after `idleMs` of quiet samples in a row, and not again until it has been busy again (nor within
 * MIN_IDLE_GC_INTERVAL_MS of the last collection, so a GC costs at most ~1 % of a core). A worker that
 * only ever sees a trickle of requests never counts as busy: V8's own memory reducer covers it.
 */
export class IdleWatch {
  private busySinceCollect = false;
  private quietSince: number | undefined;
  private lastCollect = -Infinity;
  private youngShrinkAt: number | undefined;

  constructor(private readonly idleMs: number) {}

  /** Feeds one sample (utilization 0..1 over the last period, at `nowMs`); true when it is time to collect. */
  sample(utilization: number, nowMs: number): boolean {
    if (utilization >= QUIET_UTILIZATION) {
      this.busySinceCollect = true;
      this.quietSince = undefined;
      // Busy again: the young generation is sized for the load by V8 itself.
      this.youngShrinkAt = undefined;
      return false;
    }
    this.quietSince ??= nowMs;
    if (!this.busySinceCollect || nowMs - this.quietSince < this.idleMs) return false;
    if (nowMs - this.lastCollect < MIN_IDLE_GC_INTERVAL_MS) return false;
    this.busySinceCollect = false;
    this.lastCollect = nowMs;
    this.youngShrinkAt = nowMs + YOUNG_SHRINK_AFTER_MS;
    return true;
  }

  /** After a quiet sample that did not collect: true once, YOUNG_SHRINK_AFTER_MS into the quiet after a collection. */
  youngShrinkDue(nowMs: number): boolean {
    if (this.youngShrinkAt === undefined || nowMs < this.youngShrinkAt) return false;
    this.youngShrinkAt = undefined;
    return true;
  }
}

export interface IdleGc {
  stop(): void;
}

const idleReleases = new Set<() => void>();

/**
 * Runs `release` at each idle collection, just before it, so what it lets go of is collected with the
 * load's garbage: caches that are rebuilt on demand (the folded aggregate states). Returns the removal.
 */
export function whenIdle(release: () => void): () => void {
  idleReleases.add(release);
  return () => idleReleases.delete(release);
}

function releaseCaches(): void {
  for (const release of idleReleases) {
    try {
      release();
    } catch {
      // A cache that cannot be released now stays as it is; the next quiet period tries again.
    }
  }
}

/**
 * In a worker: one full garbage collection when the worker goes quiet after a busy period. Under load
 * V8 lets the old generation grow to several times what is live and keeps the pages; its memory
 * reducer gives little of it back (measured: a few MiB, 10-20 s after the load ends). A full,
 * compacting GC (`gc()`, exposed by `--expose-gc`, which the primary adds to each worker's command
 * line) frees the garbage and V8 returns the empty pages to the OS within a second. Nothing runs per request: a
 * timer samples performance.eventLoopUtilization(). YOUNG_SHRINK_AFTER_MS later, still quiet, one
 * scavenge lets V8 shrink the young generation too. Without `gc` (a single process started without
 * --expose-gc) or with `idleMs` 0 it does nothing.
 */
export function startIdleGc(
  idleMs: number,
  gc: ExposedGc | undefined = (globalThis as { gc?: ExposedGc }).gc,
): IdleGc {
  if (idleMs <= 0 || typeof gc !== 'function') return { stop: () => undefined };
  const watch = new IdleWatch(idleMs);
  let last = performance.eventLoopUtilization();
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const utilization = performance.eventLoopUtilization(now, last).utilization;
    last = now;
    const at = performance.now();
    if (!watch.sample(utilization, at)) {
      if (utilization < QUIET_UTILIZATION && watch.youngShrinkDue(at)) gc({ type: 'minor' });
      return;
    }
    releaseCaches();
    compacting(gc);
    // The collection's own pause is not load: the next sample starts after it.
    last = performance.eventLoopUtilization();
  }, IDLE_SAMPLE_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/**
 * One full GC that also compacts every page. A plain full GC frees the garbage but leaves the old
 * generation fragmented (an auth worker after a refresh run: 57 MiB committed for 34 MiB live); with
 * compaction the same worker kept 35 MiB, 23 MiB less RSS (README, "Memory: idle workers"). The flag is
 * read by V8 at each full GC, so it is set for this one collection only (Node runs V8 with flags left
 * writable after start); a --compact-on-every-full-gc the operator chose stays on.
 */
function compacting(gc: ExposedGc): void {
  const chosen = `${process.execArgv.join(' ')} ${process.env['NODE_OPTIONS'] ?? ''}`;
  if (chosen.includes('--compact-on-every-full-gc')) return gc();
  setFlagsFromString('--compact-on-every-full-gc');
  try {
    gc();
  } finally {
    setFlagsFromString('--no-compact-on-every-full-gc');
  }
}

/** WORKER_IDLE_GC_MS as the primary validated it (a worker inherits the primary's environment). */
export function idleGcMs(env: Readonly<Record<string, string | undefined>>): number {
  const chosen = env[IDLE_GC_ENV]?.trim();
  return chosen ? Number(chosen) : DEFAULT_IDLE_GC_MS;
}
