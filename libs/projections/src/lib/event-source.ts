import type {
  EventFilter,
  ReadAllOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '@accounts/event-store';

/**
 * Where a subscription stands in a source that is not one ordered log (Kafka: one order per
 * partition, so one position says nothing about the other partitions): per part (a Kafka partition,
 * `<partition>:<topic>`), the offset below which every event is in the read model or needs nothing.
 * Two copies fed by the same source compare part by part.
 */
export type SourceProgress = ReadonlyMap<string, number>;

export interface SourceSubscription extends Subscription {
  /** Called after events were committed to the read model (a Kafka source commits its offsets here). */
  acknowledge?(events: readonly RecordedEvent[]): void | Promise<void>;
  /**
   * Sources whose events do not arrive in position order: how far the read model is, per part (see
   * SourceProgress). A rebuild is swapped in only once it stands, in every part, where the live copy
   * stood; without it the rebuild compares positions (a store: one order).
   */
  progress?(): SourceProgress;
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
  /**
   * Sources whose subscriptions report `progress()`: where the source ends now, per part (a Kafka
   * partition: its end offset; parts with nothing in them left out), for the subscriptions of `filter`
   * (a source routing projections to different sources by their filter answers undefined for those
   * fed from a store). A rebuild with no live copy beside it to compare with (a version bump at start)
   * is swapped in only once it holds what this returned when the rebuild began. May reject (a busy
   * broker): the runner retries.
   */
  endProgress?(options: { readonly filter?: EventFilter }): Promise<SourceProgress | undefined>;
}
