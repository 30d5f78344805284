/**
 * A sliding-window counter per key (a client address, an account), in this process's memory.
 * Self-contained on purpose: the forgotten-password routes need it now; the sign-in limiters are
 * being built elsewhere and can replace it with one shared implementation later. With several
 * replicas each counts its own share, so the limit per replica is the bound.
 */
export class AttemptLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    readonly max: number,
    readonly windowMs: number,
    private readonly maxKeys = 100_000,
  ) {}

  /** Seconds until another attempt is allowed for `key`, or 0 when one is allowed now (and counted). */
  take(key: string, now = Date.now()): number {
    const recent = (this.hits.get(key) ?? []).filter(
      (at) => at > now - this.windowMs,
    );
    if (recent.length >= this.max) {
      this.hits.set(key, recent);
      return Math.max(1, Math.ceil((recent[0] + this.windowMs - now) / 1000));
    }
    recent.push(now);
    this.hits.delete(key);
    this.hits.set(key, recent);
    // Oldest key first out (Map keeps insertion order), so memory stays bounded under a flood.
    if (this.hits.size > this.maxKeys)
      this.hits.delete(this.hits.keys().next().value as string);
    return 0;
  }
}
