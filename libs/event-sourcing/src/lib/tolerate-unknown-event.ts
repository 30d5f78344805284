/**
 * Ends an `evolve` switch: forgetting a known event type does not compile (`never`), while an
 * unknown type read at run time (written by a newer version) leaves the state as it is.
 */
export function tolerateUnknownEvent<State>(_event: never, state: State): State {
  return state;
}
