import { randomUUID } from 'node:crypto';
import type { EventMetadata } from '@accounts/contracts';
import type { AppendResult, EventStore, NewEvent, RecordedEvent } from '@accounts/event-store';
import { type Backoff, conflictBackoff } from './backoff';
import { concurrencyConflict, isWrongExpectedVersion } from './concurrency-conflict';
import type { CommandContext, Decider, Message } from './decider';
import { type AggregateCache, defaultAggregateCache } from './aggregate-cache';
import { type LoadedAggregate, loadAggregate, loadFromLastEvent } from './load-aggregate';
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
  /**
   * The stream as the use case already read it in this request (same decider fold): the first try
   * decides on it instead of reading again. The append still expects its revision, so a write made
   * since is a conflict, and the retry reads the stream afresh.
   */
  readonly loaded?: LoadedAggregate<State>;
  /**
   * Decide first on the state this process last folded for the stream (the cache), without reading it:
   * the append still expects that revision, so a write made since, in any process, is a conflict. A
   * conflict, a refusal or an empty decision on the cached state is decided again at once on a fresh
   * read, which alone answers (a refusal writes nothing that could catch a stale state). For hot
   * commands whose stream one process usually writes (a session's refresh).
   */
  readonly fromCache?: boolean;
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
  const onCachedState =
    options.fromCache && !options.loaded && (await tryCachedState(store, options, context));
  if (onCachedState) return onCachedState;
  for (let attempt = 0; ; attempt++) {
    try {
      return await decideAndAppend(
        store,
        options,
        context,
        attempt === 0 ? options.loaded : undefined,
      );
    } catch (error) {
      if (!isWrongExpectedVersion(error)) throw error;
      if (attempt >= maxRetries) throw concurrencyConflict(options.streamId, attempt + 1);
      await new Promise((resolve) => setTimeout(resolve, backoff.next()));
    }
  }
}

/** The command decided and appended on the cached state; undefined when a fresh read must decide. */
async function tryCachedState<State, Command extends Message, Event extends Message>(
  store: Store,
  options: HandleCommandOptions<State, Command, Event>,
  context: CommandContext,
): Promise<CommandResult<State, Event> | undefined> {
  const cache = options.cache === undefined ? defaultAggregateCache : options.cache;
  if (!cache || options.load === 'last-event') return undefined;
  const cached = cache.trusted()
    ? cache.get<State>(store, options.decider.evolve, options.streamId)
    : undefined;
  if (!cached) return undefined;
  let events: Event[];
  try {
    events = options.decider.decide(options.command, cached.state, context);
  } catch {
    // A refusal here may come from a state older than the stream: only the fresh read's counts.
    return undefined;
  }
  if (events.length === 0) return undefined;
  try {
    const result = await appendDecided(store, options, context, cached, events, cache);
    cache.observe(true);
    return result;
  } catch (error) {
    // The fresh read that follows observes the miss.
    if (isWrongExpectedVersion(error)) return undefined;
    throw error;
  }
}

async function decideAndAppend<State, Command extends Message, Event extends Message>(
  store: Store,
  options: HandleCommandOptions<State, Command, Event>,
  context: CommandContext,
  loaded: LoadedAggregate<State> | undefined,
): Promise<CommandResult<State, Event>> {
  const { streamId, decider, upcasters } = options;
  const fromLastEvent = options.load === 'last-event';
  // A snapshot stream needs no cache: its state is one event away.
  const cache = fromLastEvent
    ? null
    : options.cache === undefined
      ? defaultAggregateCache
      : options.cache;
  const { state, revision } =
    loaded ??
    (fromLastEvent
      ? await loadFromLastEvent(store, streamId, decider, upcasters)
      : await loadAggregate(store, streamId, decider, upcasters, cache));
  const events = decider.decide(options.command, state, context);
  if (events.length === 0) return { state, appended: [], nextRevision: revision, position: 0 };
  return appendDecided(store, options, context, { state, revision }, events, cache);
}

/** Appends the events decided on `loaded`, expecting its revision: the state after them, as stored. */
async function appendDecided<State, Command extends Message, Event extends Message>(
  store: Store,
  options: HandleCommandOptions<State, Command, Event>,
  context: CommandContext,
  { state, revision }: LoadedAggregate<State>,
  events: readonly Event[],
  cache: AggregateCache | null,
): Promise<CommandResult<State, Event>> {
  const { streamId, decider, upcasters } = options;
  const versions = options.schemaVersions ?? upcasters?.versions ?? {};
  // Ids and times are set here, so with the positions the append returns the events as stored are known.
  const newEvents = events.map((event) => ({
    ...toNewEvent(event, options.metadata, versions, context.now),
    eventId: randomUUID(),
  }));
  const result = await store.append(streamId, newEvents, revision === -1 ? 'no_stream' : revision);
  const appended =
    recordedFrom(streamId, revision, newEvents, result) ??
    // Positions unknown (EventStoreDB): read back what the store assigned.
    (await store.readStream(streamId, { fromRevision: revision + 1, maxCount: events.length }));
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

/** The appended events as the store recorded them, from the append's positions; undefined without them. */
function recordedFrom(
  streamId: string,
  revision: number,
  events: readonly NewEvent[],
  result: AppendResult,
): RecordedEvent[] | undefined {
  const positions = result.positions;
  if (positions?.length !== events.length) return undefined;
  return events.map((event, i) => ({
    eventId: event.eventId as string,
    type: event.type,
    schemaVersion: event.schemaVersion ?? 1,
    streamId,
    revision: revision + 1 + i,
    position: positions[i],
    occurredAt: event.occurredAt as string,
    data: event.data,
    metadata: event.metadata as RecordedEvent['metadata'],
  }));
}
