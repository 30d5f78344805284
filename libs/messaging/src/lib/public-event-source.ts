import type { RecordedEvent, SubscribeOptions } from '@accounts/event-store';
import type { EventSource, SourceSubscription } from '@accounts/projections';
import { asRecordedEvent, publish, type PublicationTableLike } from './public-message';

/**
 * The store read the way a Kafka consumer of the service's topic reads it: each event through the
 * publication table, private ones skipped. A read model of another service's events fed from the
 * shared store therefore sees exactly what its Kafka-fed copy sees, and ends equal to it.
 */
export function publicEventsOf(source: EventSource, table: PublicationTableLike): EventSource {
  return {
    subscribe(options: SubscribeOptions): SourceSubscription {
      const subscription = source.subscribe(options);
      const iterator = subscription[Symbol.asyncIterator]();
      return {
        [Symbol.asyncIterator]: () => ({
          next: async (): Promise<IteratorResult<RecordedEvent>> => {
            for (;;) {
              const next = await iterator.next();
              if (next.done) return next;
              const result = publish(table, next.value);
              if (result.kind === 'published')
                return { done: false, value: asRecordedEvent(result.message) };
            }
          },
          return: async () => {
            await subscription.stop();
            return { done: true, value: undefined };
          },
        }),
        stop: () => subscription.stop(),
        acknowledge: (events) => subscription.acknowledge?.(events),
        // Kafka's per-partition progress, which a rebuild's swap compares (see SourceProgress).
        ...(subscription.progress && { progress: () => subscription.progress?.() ?? new Map() }),
      };
    },
    headPosition: source.headPosition?.bind(source),
    readAll: source.readAll?.bind(source),
    endProgress: source.endProgress?.bind(source),
  };
}
