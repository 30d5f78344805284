import type { RecordedEvent, SubscribeOptions, Subscription } from '../types';

export interface SubscriptionPage {
  readonly events: RecordedEvent[];
  readonly scannedUpTo: number;
}

/** What a catch-up subscription needs from its store (SQLite and PostgreSQL share this loop). */
export interface SubscriptionSource {
  /** The next page after `fromPosition` and the position it is complete up to (a promise for network stores). */
  readPage(
    fromPosition: number,
    options: SubscribeOptions,
  ): SubscriptionPage | Promise<SubscriptionPage>;
  /**
   * Resolves when new events may be there: an append in this process, or the poll interval. A store
   * that checks the new events for the subscription may resolve with the position up to which none
   * matches its filter, so that the next page starts there.
   */
  waitForAppend(
    signal: { stopped: boolean; wake?: () => void },
    position: number,
  ): Promise<number | void>;
}

/**
 * Catch-up then live, in position order. Pages are only read when the consumer pulls, which is
 * the back-pressure; `stop()` ends the iteration after the event being processed.
 */
export function createSqliteSubscription(
  source: SubscriptionSource,
  options: SubscribeOptions,
): Subscription {
  const signal: { stopped: boolean; wake?: () => void } = { stopped: false };
  async function* iterate(): AsyncGenerator<RecordedEvent> {
    let position = options.fromPosition ?? 0;
    let caughtUp = false;
    while (!signal.stopped) {
      const page = await source.readPage(position, options);
      for (const event of page.events) {
        if (signal.stopped) return;
        yield event;
      }
      position = page.scannedUpTo;
      if (page.events.length === 0) {
        if (!caughtUp) {
          caughtUp = true;
          options.onCaughtUp?.();
        }
        const skipped = await source.waitForAppend(signal, position);
        if (typeof skipped === 'number') position = Math.max(position, skipped);
      }
    }
  }
  const iterator = iterate();
  return {
    [Symbol.asyncIterator]: () => iterator,
    async stop() {
      signal.stopped = true;
      signal.wake?.();
    },
  };
}
