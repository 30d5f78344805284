import type {
  AppendResult,
  ExpectedRevision,
  NewEvent,
  RawRecordedEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from './types';

/**
 * The event-store port. Every adapter passes the contract suite in `contract/`.
 *
 * A stream that does not exist reads as an empty array (never an error); `append` to it with
 * `stream_exists` or a numeric revision fails with WrongExpectedVersionError (actual = -1).
 */
export interface EventStore {
  /** Appends atomically: all events or none. Throws WrongExpectedVersionError or InvalidEventStoreInputError. */
  append(
    streamId: string,
    events: readonly NewEvent[],
    expected?: ExpectedRevision,
  ): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** A page of the global log in position order. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** The same page as `readAll` with data and metadata as their canonical JSON text (not parsed). */
  readAllRaw(options?: ReadAllOptions): Promise<RawRecordedEvent[]>;
  subscribe(options?: SubscribeOptions): Subscription;
  /** Position of the newest event in the store (0 when empty). Used for lag. */
  headPosition(): Promise<number>;
  /** Throws when the store is not reachable. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
