import type { ProfileEventOf } from '../profile/event-shape';

/** An authentication event as decided by the domain: the `data` of an EventEnvelope with its `type`. */
export type AuthenticationEventOf<Type extends string, Data> = ProfileEventOf<
  Type,
  Data
>;
