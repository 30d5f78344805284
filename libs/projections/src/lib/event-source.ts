import type {
  ReadAllOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '@accounts/event-store';

export interface SourceSubscription extends Subscription {
  /** Called after events were committed to the read model (a Kafka source commits its offsets here). */
  acknowledge?(events: readonly RecordedEvent[]): void | Promise<void>;
}

/**
 * Where a runner's events come from. The EventStore satisfies it as is: in the embedded setup a
 * service's read models of other services' events are fed by subscribing to their stream prefixes
 * in the shared store. A Kafka source can implement the same interface for the same projections.
 */
export interface EventSource {
  /** A catch-up subscription from an exclusive checkpoint. Rebuilds need it to replay from 0. */
  subscribe(options: SubscribeOptions): SourceSubscription;
  /** Newest position, for lag. */
  headPosition?(): Promise<number>;
  /** With headPosition, lets waitForPosition tell "no relevant event up to p" from "not processed yet". */
  readAll?(options: ReadAllOptions): Promise<RecordedEvent[]>;
}
