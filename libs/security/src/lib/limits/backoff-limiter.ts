import type { LimiterStore } from './stores/limiter-store';
import { MemoryLimiterStore } from './stores/memory-limiter-store';

export interface BackoffSettings {
  /** Failures in a row after which the key is blocked (1 s, then doubling). */
  readonly afterFailures: number;
  readonly maxSeconds: number;
  /** Bound on memory when no store is given: the keys failed least recently are forgotten first. */
  readonly maxTracked?: number;
  /**
   * A key whose last failure is older than this (and no longer blocked) starts again from zero.
   * Unset: only a success clears it, or a day without failures.
   */
  readonly forgetAfterMs?: number;
  /** Shared counters (LIMITER_STORE); absent: this process's memory. */
  readonly store?: LimiterStore;
  /** Names this limiter's keys in a shared store (required with `store`). */
  readonly name?: string;
}

interface Failures {
  readonly failures: number;
  readonly blockedUntilMs: number;
  readonly lastFailureMs: number;
}

const DAY_MS = 86_400_000;

/**
 * Back-off per key: after `afterFailures` consecutive failures the key is refused for 1 s, after the
 * next failure 2 s, then 4, ... up to `maxSeconds`; a success clears it. Counting a failure is
 * atomic across every process sharing the store.
 */
export class BackoffLimiter {
  private readonly store: LimiterStore;
  private readonly prefix: string;

  constructor(private readonly settings: BackoffSettings) {
    if (settings.store && !settings.name)
      throw new Error('a limiter on a shared store needs a name');
    this.store = settings.store ?? new MemoryLimiterStore(settings.maxTracked);
    this.store.prepare?.();
    this.prefix = `backoff:${settings.name ?? ''}:`;
  }

  /** Seconds to wait (rounded up), or 0 when the key may try now. */
  retryAfterSeconds(key: string, nowMs: number): number {
    return this.status(key, nowMs).retryAfterSeconds;
  }

  /** True while the key has failures on record. */
  hasFailed(key: string, nowMs: number): boolean {
    return this.status(key, nowMs).failed;
  }

  /** Both in one read (one round trip to a shared store). */
  status(
    key: string,
    nowMs: number,
  ): { readonly failed: boolean; readonly retryAfterSeconds: number } {
    const entry = this.store.get<Failures>(this.prefix + key, nowMs);
    if (!entry) return { failed: false, retryAfterSeconds: 0 };
    const waitMs = entry.blockedUntilMs - nowMs;
    return {
      failed: true,
      retryAfterSeconds: waitMs > 0 ? Math.ceil(waitMs / 1000) : 0,
    };
  }

  recordFailure(key: string, nowMs: number): void {
    this.store.update<Failures>(this.prefix + key, nowMs, (current) => {
      const failures = (current?.failures ?? 0) + 1;
      const over = failures - this.settings.afterFailures;
      const blockedUntilMs =
        over >= 0
          ? nowMs + Math.min(this.settings.maxSeconds, 2 ** Math.min(over, 30)) * 1000
          : (current?.blockedUntilMs ?? 0);
      const quietMs = this.settings.forgetAfterMs ?? DAY_MS;
      return {
        state: { failures, blockedUntilMs, lastFailureMs: nowMs },
        expiresAtMs: Math.max(blockedUntilMs, nowMs + quietMs + 1),
      };
    });
  }

  recordSuccess(key: string): void {
    this.store.delete(this.prefix + key);
  }
}
