/**
 * The refresh token hashes a session rotated out, as reuse detection needs them: "was this one ever
 * current here?". A value that behaves as immutable, with a constant-time add and lookup, so a
 * refresh costs the same on a session's first day and after thousands of rotations (an array copied
 * on every refresh grew with the session's age).
 *
 * Values share one append-only map of hash -> rotation index; each value sees the first `count`
 * entries only. Adding to the newest value extends the shared map, which no older value can see;
 * adding to an older one (a state a conflicting decision was made on) copies its own entries first.
 */
export class RotatedTokens {
  private constructor(
    private readonly indexes: Map<string, number>,
    readonly count: number,
  ) {}

  static empty(): RotatedTokens {
    return new RotatedTokens(new Map(), 0);
  }

  has(sha256: string): boolean {
    const index = this.indexes.get(sha256);
    return index !== undefined && index < this.count;
  }

  with(sha256: string): RotatedTokens {
    if (this.has(sha256)) return this;
    const newest = this.indexes.size === this.count;
    const indexes = newest ? this.indexes : this.ownEntries();
    indexes.set(sha256, this.count);
    return new RotatedTokens(indexes, this.count + 1);
  }

  private ownEntries(): Map<string, number> {
    const own = new Map<string, number>();
    for (const [sha256, index] of this.indexes) if (index < this.count) own.set(sha256, index);
    return own;
  }
}
