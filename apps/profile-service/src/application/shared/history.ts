import type { Decider, Message } from '@accounts/event-sourcing';
import { loadAggregate } from '@accounts/event-sourcing';
import type { EventStore } from '@accounts/event-store';
import type { Timestamps } from './local-times';

/** An aggregate's state and when its stream began and last changed (absent for an empty stream). */
export interface History<State> {
  readonly state: State;
  readonly times?: Timestamps;
}

interface Timed<State> {
  readonly state: State;
  readonly times?: Timestamps;
}

// One wrapper per decider, so the aggregate cache (keyed by decider) keeps working across calls.
const timedDeciders = new WeakMap<object, Decider<Timed<unknown>, Message, Message>>();

/** The decider's fold plus the first and last `occurredAt`, which evolve sees on every recorded event. */
function timed<State, Command extends Message, Event extends Message>(
  decider: Decider<State, Command, Event>,
): Decider<Timed<State>, Command, Event> {
  let wrapper = timedDeciders.get(decider);
  if (!wrapper) {
    wrapper = {
      initialState: () => ({ state: decider.initialState() }),
      evolve: (current, event) => {
        const at = (event as unknown as { occurredAt: string }).occurredAt;
        return {
          state: decider.evolve(current.state as State, event as Event),
          times: { createdAt: current.times?.createdAt ?? at, updatedAt: at },
        };
      },
      decide: () => [],
    };
    timedDeciders.set(decider, wrapper);
  }
  return wrapper as unknown as Decider<Timed<State>, Command, Event>;
}

/** Reads only what was appended since the last look (the aggregate cache), then folds it. */
export async function loadHistory<State, Command extends Message, Event extends Message>(
  store: Pick<EventStore, 'readStream'>,
  streamId: string,
  decider: Decider<State, Command, Event>,
): Promise<History<State>> {
  const { state } = await loadAggregate(store, streamId, timed(decider));
  return state.times ? { state: state.state, times: state.times } : { state: state.state };
}
