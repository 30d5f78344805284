export interface ClientBackoffSettings {
  /** Failures in a row after which the clientId is blocked (1 s, then doubling). */
  readonly afterFailures: number;
  readonly maxSeconds: number;
  /** Bound on memory: the oldest entries are forgotten first. */
  readonly maxTracked?: number;
  /** A key whose last failure is older than this starts again from zero (unset: only a success clears it). */
  readonly forgetAfterMs?: number;
}

interface Entry {
  failures: number;
  blockedUntilMs: number;
  lastFailureMs: number;
}

/**
 * Per-clientId back-off, in this process's memory: after `afterFailures` consecutive failures the
 * clientId is refused for 1 s, after the next failure 2 s, then 4, ... up to `maxSeconds`; a success clears it. Unknown
 * clientIds are tracked like known ones, so the answers reveal nothing.
 */
export class ClientBackoff {
  private readonly entries = new Map<string, Entry>();
  private readonly maxTracked: number;

  constructor(private readonly settings: ClientBackoffSettings) {
    this.maxTracked = settings.maxTracked ?? 100_000;
  }

  /** Seconds to wait (rounded up), or 0 when the clientId may try now. */
  retryAfterSeconds(clientId: string, nowMs: number): number {
    const entry = this.live(clientId, nowMs);
    if (!entry || entry.blockedUntilMs <= nowMs) return 0;
    return Math.ceil((entry.blockedUntilMs - nowMs) / 1000);
  }

  /** True while the key has failures on record. */
  hasFailed(clientId: string, nowMs: number): boolean {
    return this.live(clientId, nowMs) !== undefined;
  }

  recordFailure(clientId: string, nowMs: number): void {
    const entry = this.live(clientId, nowMs) ?? {
      failures: 0,
      blockedUntilMs: 0,
      lastFailureMs: nowMs,
    };
    entry.failures += 1;
    entry.lastFailureMs = nowMs;
    const over = entry.failures - this.settings.afterFailures;
    if (over >= 0) {
      const seconds = Math.min(this.settings.maxSeconds, 2 ** Math.min(over, 30));
      entry.blockedUntilMs = nowMs + seconds * 1000;
    }
    // Re-inserted at the end: the Map's order is then least recently failed first.
    this.entries.delete(clientId);
    this.entries.set(clientId, entry);
    if (this.entries.size > this.maxTracked) this.entries.delete(this.entries.keys().next().value as string);
  }

  recordSuccess(clientId: string): void {
    this.entries.delete(clientId);
  }

  private live(key: string, nowMs: number): Entry | undefined {
    const entry = this.entries.get(key);
    const forgetAfterMs = this.settings.forgetAfterMs;
    if (
      entry &&
      forgetAfterMs !== undefined &&
      nowMs - entry.lastFailureMs > forgetAfterMs &&
      entry.blockedUntilMs <= nowMs
    ) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }
}
