/**
 * Where the limiters keep their counters (a window's hits, a back-off's failures): one small state
 * per key, with the time after which it may be forgotten. `update` is atomic across every process
 * that shares the store (the worker processes of a service on one host through SQLite, the replicas
 * through PostgreSQL), so N processes together allow what one would, not N times it.
 *
 * Synchronous on purpose: the limiters are asked before any password work, by call sites that do
 * not await them, and check-and-count must be one step.
 */
export interface LimiterStore {
  /** The key's state, or undefined when it has none or it expired before `nowMs`. */
  get<T>(key: string, nowMs: number): T | undefined;
  /**
   * Reads the key's live state, lets `change` decide the next one (undefined: forget the key) and
   * writes it, with no other process in between. Returns what `change` returned.
   */
  update<T>(
    key: string,
    nowMs: number,
    change: (current: T | undefined) => StoredState<T> | undefined,
  ): T | undefined;
  delete(key: string): void;
  close(): void;
  /** Opens what the store needs (file, connection) ahead of the first request; limiters call it when built. */
  prepare?(): void;
}

export interface StoredState<T> {
  readonly state: T;
  /** After this instant the key counts as absent and may be pruned. */
  readonly expiresAtMs: number;
}

/** DI token of the service's LimiterStore (service-kit provides it from DATA_DIR / EVENTSTORE_CONNECTION_STRING). */
export const LIMITER_STORE = Symbol('LIMITER_STORE');

/** The store could not answer (PostgreSQL down or too slow); FallbackLimiterStore counts locally meanwhile. */
export class LimiterStoreUnavailableError extends Error {
  constructor(reason: string) {
    super(`Limiter store unavailable: ${reason}`);
    this.name = 'LimiterStoreUnavailableError';
  }
}
