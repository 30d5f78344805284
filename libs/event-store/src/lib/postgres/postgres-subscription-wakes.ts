/** A commit's position for a NOTIFY payload; anything else (a reconnection, an older writer) may be anything. */
export function notifiedPosition(payload: unknown): number {
  const position = Number(payload);
  return Number.isFinite(position) && position > 0 ? position : Number.POSITIVE_INFINITY;
}

/**
 * The wake-ups of one live subscription: a commit of this process (at once) or of any process (its
 * NOTIFY, on a channel the subscription listens on), each with its head position.
 *
 * A wake-up is kept while the subscription is reading its page, not dropped. The page is read from
 * a head taken at its start, so a commit that becomes visible after that head and is signalled
 * before the subscription waits again is not in the page; dropped, the subscription would see it at
 * its next poll only (a second in production), and a read model fed by it would lag a write by that
 * much: a session list right after a sign-in listed nothing (the sign-in's own events and its session
 * commit one right after the other, so the session's commit arrived while the sign-in's woke the
 * projections). A signal at or below the head the last page saw is already in it and wakes nobody
 * (the NOTIFY of this process's own commit, arriving after the page that the commit woke).
 */
export class SubscriptionWakes {
  /** The head the last page read started from: every commit up to it was in that page's view. */
  private seenHead = 0;
  /** The highest commit position signalled so far. */
  private signalled = 0;
  /** Commits of unknown positions may be visible (a reconnection): the next page read looks. */
  private unknown = false;
  private waiting?: () => void;

  /** Commits up to `position` are visible (Infinity: which is unknown). */
  readonly ring = (position: number): void => {
    if (position === Number.POSITIVE_INFINITY) this.unknown = true;
    else if (position > this.signalled) this.signalled = position;
    if (position > this.seenHead) this.waiting?.();
  };

  /** A page read starts: it will see every commit signalled up to now. */
  reading(): void {
    this.unknown = false;
  }

  /** The head the page read takes its events below. */
  read(head: number): void {
    if (head > this.seenHead) this.seenHead = head;
  }

  /**
   * Resolves at a commit after the last page's head (at once if one was signalled meanwhile), at
   * `pollMs`, or when the subscription stops (`signal.wake`).
   */
  wait(signal: { stopped: boolean; wake?: () => void }, pollMs: number): Promise<void> {
    if (signal.stopped || this.unknown || this.signalled > this.seenHead) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiting = undefined;
        signal.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, pollMs);
      this.waiting = done;
      signal.wake = done;
    });
  }
}
