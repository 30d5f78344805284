import type { LimiterStore } from './stores/limiter-store';
import { MemoryLimiterStore } from './stores/memory-limiter-store';

export interface SlidingWindowSettings {
  /** Events allowed per key in any rolling window. */
  readonly limit: number;
  readonly windowSeconds: number;
  /** Bound on memory when no store is given: the keys used least recently are forgotten first. */
  readonly maxTracked?: number;
  /**
   * Where the counts live: shared by the processes and replicas of a service (LIMITER_STORE), or,
   * when absent, this process's memory.
   */
  readonly store?: LimiterStore;
  /** Names this limiter's keys in a shared store (required with `store`), e.g. `auth.sign-in-failures`. */
  readonly name?: string;
}

interface Hits {
  /** The last `limit` events of the key, oldest first (epoch ms). */
  readonly at: number[];
}

/**
 * At most `limit` events per key in any rolling `windowSeconds`. Check and count are one step
 * (`take`), atomic across every process sharing the store.
 *
 *   const wait = limiter.take(clientAddressKey(ip), Date.now());
 *   if (wait > 0) throw tooManyAttempts(wait); // 429 with Retry-After: wait
 */
export class SlidingWindowLimiter {
  private readonly store: LimiterStore;
  private readonly prefix: string;

  constructor(readonly settings: SlidingWindowSettings) {
    if (settings.limit < 1 || settings.windowSeconds <= 0)
      throw new Error('limit and windowSeconds must be positive');
    if (settings.store && !settings.name)
      throw new Error('a limiter on a shared store needs a name');
    this.store = settings.store ?? new MemoryLimiterStore(settings.maxTracked);
    this.store.prepare?.();
    this.prefix = `window:${settings.name ?? ''}:`;
  }

  /** Whole seconds until the key may act again (at least 1), or 0 when it may act now. */
  retryAfterSeconds(key: string, nowMs: number): number {
    return this.waitFor(this.recent(this.store.get<Hits>(this.prefix + key, nowMs), nowMs), nowMs);
  }

  /** Counts one event (a failure, a send) for the key, whether or not it was allowed. */
  record(key: string, nowMs: number): void {
    this.store.update<Hits>(this.prefix + key, nowMs, (current) => this.withHit(current, nowMs));
  }

  /** Check and count in one step: 0 and counted when allowed, else the wait and nothing counted. */
  take(key: string, nowMs: number): number {
    let wait = 0;
    this.store.update<Hits>(this.prefix + key, nowMs, (current) => {
      wait = this.waitFor(this.recent(current, nowMs), nowMs);
      return wait === 0 ? this.withHit(current, nowMs) : this.unchanged(current, nowMs);
    });
    return wait;
  }

  /** Forgets the key (e.g. a success that proves the caller is the owner). */
  clear(key: string): void {
    this.store.delete(this.prefix + key);
  }

  private withHit(current: Hits | undefined, nowMs: number) {
    const at = [...this.recent(current, nowMs), nowMs].slice(-this.settings.limit);
    return {
      state: { at },
      expiresAtMs: at[at.length - 1] + this.settings.windowSeconds * 1000,
    };
  }

  private unchanged(current: Hits | undefined, nowMs: number) {
    const at = this.recent(current, nowMs);
    return at.length === 0
      ? undefined
      : {
          state: { at },
          expiresAtMs: at[at.length - 1] + this.settings.windowSeconds * 1000,
        };
  }

  private recent(hits: Hits | undefined, nowMs: number): number[] {
    const since = nowMs - this.settings.windowSeconds * 1000;
    return (hits?.at ?? []).filter((at) => at > since);
  }

  private waitFor(recent: readonly number[], nowMs: number): number {
    if (recent.length < this.settings.limit) return 0;
    const freedAt =
      recent[recent.length - this.settings.limit] + this.settings.windowSeconds * 1000;
    return Math.max(1, Math.ceil((freedAt - nowMs) / 1000));
  }
}
