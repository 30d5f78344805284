/** A command or an event: a readonly record with a discriminating `type`. */
export interface Message<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

/** Facts a command needs from outside the domain, passed in so that rules stay deterministic. */
export interface CommandContext {
  /** The instant the command is decided at. */
  readonly now: Date;
}

/**
 * A decider (Emmett / Chassaing): three plain functions, no I/O.
 * `decide` returns the events that happen (an empty array when nothing changes) or throws a DomainError.
 */
export interface Decider<State, Command extends Message, Event extends Message> {
  decide(command: Command, state: State, context: CommandContext): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

/** Compile-time exhaustiveness check for `switch (x.type)` in decide/evolve. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected message: ${JSON.stringify(value)}`);
}
