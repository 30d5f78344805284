import type { Message } from './decider';

/** The first event of one type among those a command appended, typed: `firstEventOf(appended, 'SignInCompleted')?.data`. */
export function firstEventOf<Event extends Message, Type extends Event['type']>(
  events: readonly Event[],
  type: Type,
): Extract<Event, { readonly type: Type }> | undefined {
  return events.find(
    (event): event is Extract<Event, { readonly type: Type }> => event.type === type,
  );
}
