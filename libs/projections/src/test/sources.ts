import type { RecordedEvent, SqliteEventStore, SubscribeOptions } from '@accounts/event-store';
import type { EventSource, SourceSubscription } from '../index';

export interface RedeliveryOptions {
  /** How many times each event is delivered. */
  readonly times?: number;
  /** Start from the beginning whatever the checkpoint, like a consumer that lost its offsets. */
  readonly ignoreCheckpoint?: boolean;
  /** Delivery order, e.g. interleaved producers. */
  readonly reorder?: (events: RecordedEvent[]) => RecordedEvent[];
}

/**
 * An at-least-once transport over the store's events that exist when subscribing (no live tail):
 * what a Kafka source looks like to the runner. Records what the runner acknowledged.
 */
export function redeliveringSource(
  store: SqliteEventStore,
  options: RedeliveryOptions = {},
): EventSource & { acknowledged: RecordedEvent[] } {
  const acknowledged: RecordedEvent[] = [];
  return {
    acknowledged,
    headPosition: () => store.headPosition(),
    subscribe(subscribe: SubscribeOptions): SourceSubscription {
      let stop!: () => void;
      const stopped = new Promise<void>((resolve) => (stop = resolve));
      let isStopped = false;
      async function* deliver(): AsyncGenerator<RecordedEvent> {
        const fromPosition = options.ignoreCheckpoint ? 0 : subscribe.fromPosition;
        const existing = await store.readAll({
          fromPosition,
          filter: subscribe.filter,
          maxCount: 100_000,
        });
        for (const event of options.reorder ? options.reorder(existing) : existing) {
          for (let i = 0; i < (options.times ?? 2) && !isStopped; i++) yield event;
        }
        subscribe.onCaughtUp?.();
        await stopped;
      }
      const iterator = deliver();
      return {
        [Symbol.asyncIterator]: () => iterator,
        async stop() {
          isStopped = true;
          stop();
        },
        acknowledge(events) {
          acknowledged.push(...events);
        },
      };
    },
  };
}
