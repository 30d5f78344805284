import type { EventEnvelope } from '@accounts/contracts';

/**
 * What the writer believes about the stream before appending:
 * - `any`: no check;
 * - `no_stream`: the stream must not exist (used for reservations);
 * - `stream_exists`: the stream must have at least one event;
 * - a number: the revision of the stream's last event (0-based).
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

/** An event to append. The store assigns revision, position and (if absent) eventId and occurredAt. */
export interface NewEvent {
  readonly type: string;
  readonly data: unknown;
  readonly metadata?: Record<string, unknown>;
  readonly eventId?: string;
  readonly schemaVersion?: number;
  readonly occurredAt?: string;
}

/** An event as stored: the envelope of DESIGN.md with metadata as written. */
export type RecordedEvent = EventEnvelope<string, unknown> & {
  readonly metadata: EventEnvelope['metadata'] & Record<string, unknown>;
};

/**
 * An event of the global log with its payload left as JSON text, for readers that hash, copy or skip
 * events without needing their values (exports, seals, rebuilds deciding from the header).
 *
 * `dataJson` and `metadataJson` are canonical: exactly `JSON.stringify` of the `data` and `metadata`
 * that `readAll` returns for the same event (the SQLite and PostgreSQL adapters keep the text the
 * append wrote, which is that; EventStoreDB keeps its own metadata layout, so it serialises again).
 */
export interface RawRecordedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly streamId: string;
  readonly revision: number;
  readonly position: number;
  readonly occurredAt: string;
  readonly dataJson: string;
  readonly metadataJson: string;
}

export interface AppendResult {
  /** Revision of the last event appended (the stream's new revision). */
  readonly nextRevision: number;
  /** Global position of the last event appended. */
  readonly position: number;
  /**
   * Global position of each appended event, in order, from adapters that assign them in the append
   * (SQLite, PostgreSQL): a writer that set eventId and occurredAt then knows the events as stored
   * without reading them back. Absent where positions are not known (EventStoreDB).
   */
  readonly positions?: readonly number[];
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive. Defaults to the first event forwards and the last event backwards. */
  readonly fromRevision?: number;
  readonly maxCount?: number;
}

export interface EventFilter {
  /** Keep events whose stream id starts with one of these prefixes. */
  readonly streamPrefixes?: readonly string[];
  /** Keep events whose type is one of these. */
  readonly eventTypes?: readonly string[];
}

export interface ReadAllOptions {
  /** Exclusive: events with a position strictly greater are returned. 0 reads from the start. */
  readonly fromPosition?: number;
  readonly maxCount?: number;
  readonly filter?: EventFilter;
}

export interface SubscribeOptions {
  /** Exclusive checkpoint: the position of the last event already processed; 0 for the start. */
  readonly fromPosition?: number;
  readonly filter?: EventFilter;
  /** Called once when the subscription has delivered everything that existed and goes live. */
  readonly onCaughtUp?: () => void;
}

/**
 * A catch-up subscription: iterate it with `for await`. The next event is only read when the
 * consumer asks for it, which is the back-pressure. `stop()` ends the iteration after the event
 * being processed.
 */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  stop(): Promise<void>;
}
