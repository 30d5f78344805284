/** Exponential back-off with jitter between `initialMs` and `maxMs`, reset after a success. */
export class Backoff {
  private failures = 0;

  constructor(
    private readonly initialMs = 200,
    private readonly maxMs = 5000,
  ) {}

  next(): number {
    const ceiling = Math.min(this.maxMs, this.initialMs * 2 ** this.failures);
    this.failures++;
    return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
  }

  reset(): void {
    this.failures = 0;
  }
}

/** The wait between two tries of a command that lost a race: a few milliseconds, doubling. */
export const conflictBackoff = (): Backoff => new Backoff(2, 64);
