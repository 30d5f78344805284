import type { EventFilter } from '../types';

/** Position, stream id and type of an event: enough to tell whether a filter wants it. */
export type EventHeader = [position: number, streamId: string, type: string];

/** What the wakes read from the store: the head, and the headers of the events in (from, upTo]. */
export interface WakeReads {
  head(): number;
  headers(fromPosition: number, upTo: number): EventHeader[];
}

interface Waiter {
  /** Everything up to here has been delivered or does not match the filter. */
  position: number;
  readonly filter: EventFilter | undefined;
  readonly resolve: (position: number) => void;
}

/** Beyond this many new events the waiters just read their pages (catching up, not idle). */
const HEADER_SCAN_LIMIT = 1000;

/**
 * The live subscriptions of one store share one check per wake: a wake (an append here, another
 * process's WAL change, a re-wake, the poll) reads the head once and, when it moved, the new events'
 * headers once; only a subscription whose filter matches one of them reads its page. The others
 * move their position past the new events and keep waiting, so an append nobody here subscribes to
 * costs one or two indexed reads per process instead of a page query per subscription and wake.
 */
export class SqliteWakes {
  private readonly waiters = new Set<Waiter>();
  private checkScheduled = false;
  private poll?: NodeJS.Timeout;

  constructor(
    private readonly reads: WakeReads,
    private pollIntervalMs: number,
  ) {}

  /** From the next poll on (the store watches the commit bell: the poll is only the fallback then). */
  setPollInterval(ms: number): void {
    this.pollIntervalMs = ms;
  }

  /** Resolves with the position up to which nothing new matches, once something may (or at stop). */
  wait(
    signal: { stopped: boolean; wake?: () => void },
    position: number,
    filter: EventFilter | undefined,
  ): Promise<number> {
    // Stopped while it read its last page (no wake to call then): the loop ends now, not at a match.
    if (signal.stopped) return Promise.resolve(position);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        position,
        filter,
        resolve: (upTo) => {
          this.waiters.delete(waiter);
          signal.wake = undefined;
          resolve(upTo);
        },
      };
      this.waiters.add(waiter);
      signal.wake = () => waiter.resolve(waiter.position);
      this.schedulePoll();
    });
  }

  /** A check is scheduled and has not read the head yet: a wake now would add nothing to it. */
  get checkPending(): boolean {
    return this.checkScheduled;
  }

  /** Something may have been committed: check once, after the current turn (wakes coalesce). */
  notify(): void {
    if (this.checkScheduled || this.waiters.size === 0) return;
    this.checkScheduled = true;
    setImmediate(() => {
      this.checkScheduled = false;
      this.check();
    });
  }

  /** Wakes every waiter (close). */
  releaseAll(): void {
    for (const waiter of [...this.waiters]) waiter.resolve(waiter.position);
    this.stopPoll();
  }

  private check(): void {
    if (this.waiters.size === 0) return;
    let head: number;
    try {
      head = this.reads.head();
    } catch {
      // The store is closing or failing: let the subscriptions read and meet the error themselves.
      return this.releaseAll();
    }
    let from = head;
    for (const waiter of this.waiters) from = Math.min(from, waiter.position);
    if (from >= head) return;
    // Positions are assigned under the one write lock and a commit publishes all of them at once,
    // so nothing at or below a visible head can appear later: skipping up to the head is safe.
    const headers = head - from <= HEADER_SCAN_LIMIT ? this.reads.headers(from, head) : undefined;
    for (const waiter of [...this.waiters]) {
      if (waiter.position >= head) continue;
      if (!headers || headers.some((h) => h[0] > waiter.position && matches(waiter.filter, h))) {
        waiter.resolve(waiter.position);
      } else {
        waiter.position = head;
      }
    }
  }

  /** One timer per store, not one per subscription: the fallback when no wake came. */
  private schedulePoll(): void {
    if (this.poll) return;
    this.poll = setTimeout(() => {
      this.poll = undefined;
      this.check();
      if (this.waiters.size > 0) this.schedulePoll();
    }, this.pollIntervalMs);
  }

  private stopPoll(): void {
    if (this.poll) clearTimeout(this.poll);
    this.poll = undefined;
  }
}

/**
 * The JavaScript twin of the SQL filter (SqliteQueries.readAll). It may say yes where SQL says no
 * (a prefix outside the Basic Multilingual Plane, where substr counts characters): that costs one
 * page read, never a missed event.
 */
function matches(filter: EventFilter | undefined, [, streamId, type]: EventHeader): boolean {
  const prefixes = filter?.streamPrefixes ?? [];
  const types = filter?.eventTypes ?? [];
  return (
    (prefixes.length === 0 || prefixes.some((p) => streamId.startsWith(p))) &&
    (types.length === 0 || types.includes(type))
  );
}
