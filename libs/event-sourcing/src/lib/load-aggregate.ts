import type { EventStore, RecordedEvent } from '@accounts/event-store';
import { type AggregateCache, defaultAggregateCache } from './aggregate-cache';
import type { Decider, Message } from './decider';
import type { Upcasters } from './upcasters';

export interface LoadedAggregate<State> {
  readonly state: State;
  /** Revision of the stream's last event; -1 when the stream does not exist. */
  readonly revision: number;
}

/** Folds recorded events (upcast first) into state. Evolve sees the whole recorded event, which is a Message. */
export function foldEvents<State, Event extends Message>(
  events: readonly RecordedEvent[],
  decider: Pick<Decider<State, Message, Event>, 'evolve'>,
  initial: State,
  upcasters?: Upcasters,
): State {
  return events.reduce(
    (state, recorded) =>
      decider.evolve(
        state,
        (upcasters ? upcasters.upcast(recorded) : recorded) as unknown as Event,
      ),
    initial,
  );
}

/**
 * Reads a stream and folds it: the state and revision a query path needs, without deciding anything.
 * Only the events after the cached revision are read (pass `cache: null` to read everything).
 */
export async function loadAggregate<State, Command extends Message, Event extends Message>(
  store: Pick<EventStore, 'readStream'>,
  streamId: string,
  decider: Decider<State, Command, Event>,
  upcasters?: Upcasters,
  cache: AggregateCache | null = defaultAggregateCache,
): Promise<LoadedAggregate<State>> {
  // Keyed by evolve: the folded state depends on it alone, even when a caller wraps decide.
  const cached = cache?.get<State>(store, decider.evolve, streamId);
  const events = await store.readStream(
    streamId,
    cached ? { fromRevision: cached.revision + 1 } : {},
  );
  // Whether the cached state was still the stream's last: what deciding on it without a read would find.
  if (cached) cache?.observe(events.length === 0);
  const loaded = {
    state: foldEvents(events, decider, cached ? cached.state : decider.initialState(), upcasters),
    revision: events.length === 0 ? (cached?.revision ?? -1) : events[events.length - 1].revision,
  };
  if (loaded.revision >= 0) cache?.set(store, decider.evolve, streamId, loaded);
  return loaded;
}

/** For a stream whose last event carries the whole state: reads that one event and folds it. */
export async function loadFromLastEvent<State, Command extends Message, Event extends Message>(
  store: Pick<EventStore, 'readStream'>,
  streamId: string,
  decider: Decider<State, Command, Event>,
  upcasters?: Upcasters,
): Promise<LoadedAggregate<State>> {
  const last = await store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
  return {
    state: foldEvents(last, decider, decider.initialState(), upcasters),
    revision: last.length ? last[0].revision : -1,
  };
}
