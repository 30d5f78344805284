import type { EventOf } from '../envelope';

/** A profile event as decided by the domain (the one EventOf shape). */
export type ProfileEventOf<Type extends string, Data> = EventOf<Type, Data>;

/** Old and new value of one field, for the audit timeline ("what changed, old -> new"). */
export interface Change<Value> {
  readonly from: Value;
  readonly to: Value;
}
