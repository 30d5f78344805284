import {
  eventTypeFilter,
  excludeSystemEvents,
  streamNameFilter,
  type AllStreamSubscription,
  type Filter,
  type Position,
} from '@eventstore/db-client';
import type { EventFilter } from '../types';

type CheckpointReached = (subscription: AllStreamSubscription, position: Position) => void;

/**
 * The one filter the server applies to a subscription (it takes only one): stream prefixes when
 * given, otherwise event types, otherwise "no system events". `matchesFilter` re-checks everything
 * on the client, so the half the server did not apply is still enforced.
 */
export function toServerFilter(
  filter: EventFilter = {},
  checkpointReached?: CheckpointReached,
): Filter {
  if (filter.streamPrefixes?.length)
    return streamNameFilter({ prefixes: [...filter.streamPrefixes], checkpointReached });
  if (filter.eventTypes?.length)
    return eventTypeFilter({ regex: exactAlternatives(filter.eventTypes), checkpointReached });
  return excludeSystemEvents({ checkpointReached });
}

/** True for events the port delivers: not a system event, and matching every part of the filter. */
export function matchesFilter(
  event: { readonly streamId: string; readonly type: string },
  filter: EventFilter = {},
): boolean {
  if (isSystemEvent(event)) return false;
  if (
    filter.streamPrefixes?.length &&
    !filter.streamPrefixes.some((p) => event.streamId.startsWith(p))
  )
    return false;
  if (filter.eventTypes?.length && !filter.eventTypes.includes(event.type)) return false;
  return true;
}

/** EventStoreDB's own records ($statsCollection, $metadata, `$>` links, `$ce-` streams...) are not ours. */
export function isSystemEvent(event: {
  readonly streamId: string;
  readonly type: string;
}): boolean {
  return event.streamId.startsWith('$') || event.type.startsWith('$');
}

/** `^(A|B)$` with every name escaped, so `Account.Created` does not match `AccountXCreated`. */
export function exactAlternatives(names: readonly string[]): string {
  return `^(${names.map(escapeRegex).join('|')})$`;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
