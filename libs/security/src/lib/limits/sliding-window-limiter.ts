export interface SlidingWindowSettings {
  /** Events allowed per key in any rolling window. */
  readonly limit: number;
  readonly windowSeconds: number;
  /** Bound on memory: the keys used least recently are forgotten first. */
  readonly maxTracked?: number;
}

/**
 * At most `limit` events per key in any rolling `windowSeconds`, in this process's memory (each
 * replica counts on its own; restarts forget). Synchronous, so `take` cannot be raced within a
 * process: check and count are one step.
 *
 *   const wait = limiter.take(clientAddressKey(ip), Date.now());
 *   if (wait > 0) throw tooManyAttempts(wait); // 429 with Retry-After: wait
 */
export class SlidingWindowLimiter {
  private readonly entries = new Map<string, number[]>();
  private readonly maxTracked: number;

  constructor(readonly settings: SlidingWindowSettings) {
    if (settings.limit < 1 || settings.windowSeconds <= 0)
      throw new Error('limit and windowSeconds must be positive');
    this.maxTracked = settings.maxTracked ?? 100_000;
  }

  /** Whole seconds until the key may act again (at least 1), or 0 when it may act now. */
  retryAfterSeconds(key: string, nowMs: number): number {
    const recent = this.recent(key, nowMs);
    if (recent.length < this.settings.limit) return 0;
    const freedAt =
      recent[recent.length - this.settings.limit] +
      this.settings.windowSeconds * 1000;
    return Math.max(1, Math.ceil((freedAt - nowMs) / 1000));
  }

  /** Counts one event (a failure, a send) for the key, whether or not it was allowed. */
  record(key: string, nowMs: number): void {
    const recent = [...this.recent(key, nowMs), nowMs].slice(
      -this.settings.limit,
    );
    // Re-inserted at the end: the Map's order is then least recently used first.
    this.entries.delete(key);
    this.entries.set(key, recent);
    if (this.entries.size > this.maxTracked)
      this.entries.delete(this.entries.keys().next().value as string);
  }

  /** Check and count in one step: 0 and counted when allowed, else the wait and nothing counted. */
  take(key: string, nowMs: number): number {
    const wait = this.retryAfterSeconds(key, nowMs);
    if (wait === 0) this.record(key, nowMs);
    return wait;
  }

  /** Forgets the key (e.g. a success that proves the caller is the owner). */
  clear(key: string): void {
    this.entries.delete(key);
  }

  private recent(key: string, nowMs: number): number[] {
    const since = nowMs - this.settings.windowSeconds * 1000;
    return (this.entries.get(key) ?? []).filter((at) => at > since);
  }
}
