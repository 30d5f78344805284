import type { Decider, Message } from '@accounts/event-sourcing';
import { loadAggregate } from '@accounts/event-sourcing';
import type { EventStore } from '@accounts/event-store';
import type { Timestamps } from './local-times';

/** An aggregate's state and when its stream began and last changed (absent for an empty stream). */
export interface History<State> {
  readonly state: State;
  readonly times?: Timestamps;
}

/** A decider's state with the first and last `occurredAt` of its stream. */
export interface Timed<State> {
  readonly state: State;
  readonly times?: Timestamps;
}

type Evolve = (state: Timed<unknown>, event: Message) => Timed<unknown>;

// One timed fold per evolve function, so the aggregate cache (keyed by evolve) keeps one entry per
// stream for every wrapper of a decider: the reads of a request and its command share it.
const timedEvolves = new WeakMap<object, Evolve>();

function timedEvolve(evolve: (state: never, event: never) => unknown): Evolve {
  let wrapper = timedEvolves.get(evolve);
  if (!wrapper) {
    wrapper = (current, event) => {
      const at = (event as unknown as { occurredAt: string }).occurredAt;
      return {
        state: (evolve as (state: unknown, event: Message) => unknown)(current.state, event),
        times: { createdAt: current.times?.createdAt ?? at, updatedAt: at },
      };
    };
    timedEvolves.set(evolve, wrapper);
  }
  return wrapper;
}

/**
 * The decider's fold plus the first and last `occurredAt`, which evolve sees on every recorded event;
 * it decides on the inner state. A command run with it answers with the times of its new events.
 */
export function timed<State, Command extends Message, Event extends Message>(
  decider: Decider<State, Command, Event>,
): Decider<Timed<State>, Command, Event> {
  return {
    initialState: () => ({ state: decider.initialState() }),
    evolve: timedEvolve(decider.evolve) as unknown as Decider<
      Timed<State>,
      Command,
      Event
    >['evolve'],
    decide: (command, current, context) => decider.decide(command, current.state, context),
  };
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
