import { type LimiterStore, LimiterStoreUnavailableError, type StoredState } from './limiter-store';
import { MemoryLimiterStore } from './memory-limiter-store';

/**
 * The shared store, or this process's memory while the shared one cannot answer: the limits then
 * hold per process (as before there was a shared store) instead of failing every sign-in with a 500.
 */
export class FallbackLimiterStore implements LimiterStore {
  private readonly local = new MemoryLimiterStore();
  private lastWarningMs = -Infinity;

  constructor(
    private readonly shared: LimiterStore,
    private readonly warn: (message: string) => void,
  ) {}

  get<T>(key: string, nowMs: number): T | undefined {
    return this.either(nowMs, (store) => store.get<T>(key, nowMs));
  }

  update<T>(
    key: string,
    nowMs: number,
    change: (current: T | undefined) => StoredState<T> | undefined,
  ): T | undefined {
    return this.either(nowMs, (store) => store.update(key, nowMs, change));
  }

  delete(key: string): void {
    this.local.delete(key);
    this.either(Date.now(), (store) => store.delete(key));
  }

  close(): void {
    this.shared.close();
    this.local.close();
  }

  private either<R>(nowMs: number, use: (store: LimiterStore) => R): R {
    try {
      return use(this.shared);
    } catch (error) {
      if (!(error instanceof LimiterStoreUnavailableError)) throw error;
      // One line a minute, not one per request.
      if (nowMs - this.lastWarningMs > 60_000) {
        this.lastWarningMs = nowMs;
        this.warn(`${error.message}; counting in this process meanwhile`);
      }
      return use(this.local);
    }
  }
}
