import type { PublicEvent } from './public-event';

/** Turns a public event of version n into version n + 1 of the same type (data only; the envelope stays). */
export type PublicUpcaster = (data: unknown) => unknown;

/**
 * Upcasters of public events, by type and the version they read: a consumer that knows version n + 1
 * still reads messages of version n written before the change. Empty: every public type is at
 * version 1. A change that cannot be upcast (a field removed for safety, a new key) goes to a new topic.
 */
export const PublicUpcasters: {
  readonly [type: string]: { readonly [fromVersion: number]: PublicUpcaster };
} = {};

/** The event at the newest version its upcasters reach. */
export function upcastPublicEvent(event: PublicEvent, upcasters = PublicUpcasters): PublicEvent {
  let current = event;
  for (
    let step = upcasters[current.type]?.[current.schemaVersion];
    step;
    step = upcasters[current.type]?.[current.schemaVersion]
  ) {
    current = {
      ...current,
      schemaVersion: current.schemaVersion + 1,
      data: step(current.data),
    };
  }
  return current;
}
