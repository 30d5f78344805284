export interface BackoffOptions {
  /** Wait before the second attempt, before jitter. */
  readonly baseDelayMs: number;
  /** No wait is longer than this. */
  readonly maxDelayMs: number;
}

/**
 * Wait before attempt `attempt + 1`: doubling from baseDelayMs, capped, then "equal jitter"
 * (half fixed, half random) so many failed sends do not retry in step.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
