import type { LimiterStore, StoredState } from './limiter-store';

interface Entry {
  readonly json: string;
  readonly expiresAtMs: number;
}

/**
 * In this process's memory: tests, and one process alone. Bounded: past `maxKeys` the key used
 * least recently is forgotten. States are kept as JSON, as the shared stores keep them.
 */
export class MemoryLimiterStore implements LimiterStore {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly maxKeys = 100_000) {}

  get<T>(key: string, nowMs: number): T | undefined {
    const entry = this.live(key, nowMs);
    return entry ? (JSON.parse(entry.json) as T) : undefined;
  }

  update<T>(
    key: string,
    nowMs: number,
    change: (current: T | undefined) => StoredState<T> | undefined,
  ): T | undefined {
    const next = change(this.get<T>(key, nowMs));
    // Re-inserted at the end: the Map's order is then least recently used first.
    this.entries.delete(key);
    if (next === undefined) return undefined;
    this.entries.set(key, {
      json: JSON.stringify(next.state),
      expiresAtMs: next.expiresAtMs,
    });
    if (this.entries.size > this.maxKeys)
      this.entries.delete(this.entries.keys().next().value as string);
    return next.state;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  close(): void {
    this.entries.clear();
  }

  private live(key: string, nowMs: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAtMs <= nowMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }
}
