import type { EventStore, RecordedEvent } from '@accounts/event-store';
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
    (state, recorded) => decider.evolve(state, (upcasters ? upcasters.upcast(recorded) : recorded) as unknown as Event),
    initial,
  );
}

/** Reads a stream and folds it: the state and revision a query path needs, without deciding anything. */
export async function loadAggregate<State, Command extends Message, Event extends Message>(
  store: Pick<EventStore, 'readStream'>,
  streamId: string,
  decider: Decider<State, Command, Event>,
  upcasters?: Upcasters,
): Promise<LoadedAggregate<State>> {
  const events = await store.readStream(streamId);
  return {
    state: foldEvents(events, decider, decider.initialState(), upcasters),
    revision: events.length === 0 ? -1 : events[events.length - 1].revision,
  };
}
