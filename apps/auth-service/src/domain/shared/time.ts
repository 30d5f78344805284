/** Instant arithmetic on ISO-8601 strings, the form instants take in events. */
export const plusSeconds = (instant: Date, seconds: number): string =>
  new Date(instant.getTime() + seconds * 1000).toISOString();

/** True once `now` has reached `instant` (an expiry instant is no longer valid). */
export const reached = (now: Date, instant: string): boolean =>
  now.getTime() >= Date.parse(instant);

/** Whole seconds from now until `instant`, at least 1 (for Retry-After). */
export const secondsUntil = (now: Date, instant: string): number =>
  Math.max(1, Math.ceil((Date.parse(instant) - now.getTime()) / 1000));
