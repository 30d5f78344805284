import type { Decider, Message } from '@accounts/event-sourcing';
import { foldEvents } from '@accounts/event-sourcing';
import type { EventStore } from '@accounts/event-store';
import type { Timestamps } from './local-times';

/** An aggregate's state and when its stream began and last changed (absent for an empty stream). */
export interface History<State> {
  readonly state: State;
  readonly times?: Timestamps;
}

export async function loadHistory<State, Command extends Message, Event extends Message>(
  store: Pick<EventStore, 'readStream'>,
  streamId: string,
  decider: Decider<State, Command, Event>,
): Promise<History<State>> {
  const events = await store.readStream(streamId);
  const state = foldEvents(events, decider, decider.initialState());
  if (events.length === 0) return { state };
  return { state, times: { createdAt: events[0].occurredAt, updatedAt: events[events.length - 1].occurredAt } };
}
