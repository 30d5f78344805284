import type { EventMetadata } from '@accounts/contracts';
import type { EventStore, RecordedEvent } from '@accounts/event-store';
import { type Backoff, conflictBackoff } from './backoff';
import { concurrencyConflict, isWrongExpectedVersion } from './concurrency-conflict';
import type { CommandContext, Decider, Message } from './decider';
import { type AggregateCache, defaultAggregateCache } from './aggregate-cache';
import { loadAggregate, loadFromLastEvent } from './load-aggregate';
import { toNewEvent } from './to-new-event';
import type { SchemaVersions, Upcasters } from './upcasters';

export interface HandleCommandOptions<State, Command extends Message, Event extends Message> {
  readonly streamId: string;
  readonly decider: Decider<State, Command, Event>;
  readonly command: Command;
  /** Attached to every appended event. */
  readonly metadata: EventMetadata;
  /** `now` defaults to the current time. */
  readonly context?: Partial<CommandContext>;
  readonly upcasters?: Upcasters;
  /** Versions written into new events; defaults to `upcasters.versions`. */
  readonly schemaVersions?: SchemaVersions;
  /** Retries after a concurrent write; the command is tried 1 + maxRetries times in all. */
  readonly maxRetries?: number;
  /** Folded states kept between commands; `null` reads the whole stream every time. */
  readonly cache?: AggregateCache | null;
  /**
   * `'last-event'` for streams whose last event carries the whole state (a snapshot stream such as
   * the sign-in guard): only that event is read, and the append still expects its revision.
   */
  readonly load?: 'stream' | 'last-event';
  /** The waits between tries after a conflict; a fresh `conflictBackoff()` by default. */
  readonly backoff?: Backoff;
}

/** A stored event whose type and payload are one of the decider's events. */
export type RecordedEventOf<Event extends Message> = Omit<RecordedEvent, 'type' | 'data'> & Event;

export interface CommandResult<State, Event extends Message = Message> {
  /** State after the new events (the unchanged state when nothing was appended). */
  readonly state: State;
  /** The events as stored; empty when the command changed nothing. */
  readonly appended: RecordedEventOf<Event>[];
  /** Stream revision after the command; -1 when the stream still does not exist. */
  readonly nextRevision: number;
  /** Global position of the last appended event, for read-your-writes; 0 when nothing was appended. */
  readonly position: number;
}

type Store = Pick<EventStore, 'readStream' | 'append'>;

/**
 * The one place where commands meet the store: read -> fold -> decide -> append with the revision
 * read. A concurrent writer makes the append fail; the whole command is then decided again on
 * fresh state, a bounded number of times, before the caller gets a conflict.
 */
export async function handleCommand<State, Command extends Message, Event extends Message>(
  store: Store,
  options: HandleCommandOptions<State, Command, Event>,
): Promise<CommandResult<State, Event>> {
  const maxRetries = options.maxRetries ?? 5;
  const context: CommandContext = { ...options.context, now: options.context?.now ?? new Date() };
  const backoff = options.backoff ?? conflictBackoff();
  for (let attempt = 0; ; attempt++) {
    try {
      return await decideAndAppend(store, options, context);
    } catch (error) {
      if (!isWrongExpectedVersion(error)) throw error;
      if (attempt >= maxRetries) throw concurrencyConflict(options.streamId, attempt + 1);
      await new Promise((resolve) => setTimeout(resolve, backoff.next()));
    }
  }
}

async function decideAndAppend<State, Command extends Message, Event extends Message>(
  store: Store,
  options: HandleCommandOptions<State, Command, Event>,
  context: CommandContext,
): Promise<CommandResult<State, Event>> {
  const { streamId, decider, upcasters } = options;
  const fromLastEvent = options.load === 'last-event';
  // A snapshot stream needs no cache: its state is one event away.
  const cache = fromLastEvent
    ? null
    : options.cache === undefined
      ? defaultAggregateCache
      : options.cache;
  const { state, revision } = fromLastEvent
    ? await loadFromLastEvent(store, streamId, decider, upcasters)
    : await loadAggregate(store, streamId, decider, upcasters, cache);
  const events = decider.decide(options.command, state, context);
  if (events.length === 0) return { state, appended: [], nextRevision: revision, position: 0 };

  const versions = options.schemaVersions ?? upcasters?.versions ?? {};
  const newEvents = events.map((event) =>
    toNewEvent(event, options.metadata, versions, context.now),
  );
  const result = await store.append(streamId, newEvents, revision === -1 ? 'no_stream' : revision);
  // Read back what the store assigned (ids, positions): positions need not be contiguous in every adapter.
  const appended = await store.readStream(streamId, {
    fromRevision: revision + 1,
    maxCount: events.length,
  });
  const newState = appended.reduce(
    (current, recorded) =>
      decider.evolve(
        current,
        (upcasters ? upcasters.upcast(recorded) : recorded) as unknown as Event,
      ),
    state,
  );
  if (appended.length === events.length)
    cache?.set(store, decider.evolve, streamId, { state: newState, revision: result.nextRevision });
  return {
    state: newState,
    appended: appended as RecordedEventOf<Event>[],
    nextRevision: result.nextRevision,
    position: result.position,
  };
}
